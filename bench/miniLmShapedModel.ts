// A BERT encoder of all-MiniLM-L6-v2's shape (6 layers, 384-d, 12 heads, 1,536-d feed-forward),
// written as ONNX with seeded random weights: the same arithmetic per token as the real model, so its
// speed under onnxruntime-node is the real model's, though its vectors mean nothing. No real
// sentence-transformer can be downloaded on the machines this is measured on. (No position
// embeddings: a gather and an add per token, nothing next to the layers' cost.)
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FLOAT, INT64, modelProto, node, strField, tensor, valueInfo } from '../test/helpers/onnxProto.js';
import { SPECIALS, writeSentenceTransformerFiles } from '../test/helpers/tinyOnnxModel.js';

export interface EncoderShape {
  layers: number;
  hidden: number;
  heads: number;
  ffn: number;
  maxSeqLength: number;
}

export const MINILM_L6: EncoderShape = { layers: 6, hidden: 384, heads: 12, ffn: 1536, maxSeqLength: 256 };

/** Writes the model folder (onnx/model.onnx and the sentence-transformer files) over `words`. */
export function writeEncoderModel(
  dir: string,
  words: readonly string[],
  shape: EncoderShape,
  seed = 1,
): void {
  const { layers, hidden: H, heads, ffn: F } = shape;
  const dh = H / heads;
  let s = seed >>> 0;
  // BERT initialises weights at about N(0, 0.02); a uniform of the same spread does for timing.
  const rand = (): number => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s / 4294967296 - 0.5) * 0.07;
  };
  const weights = (n: number) => Float32Array.from({ length: n }, rand);
  const ones = (n: number) => new Float32Array(n).fill(1);
  const tokens = [...SPECIALS, ...new Set(words.map((w) => w.toLowerCase()))];
  const V = tokens.length;
  const g: Uint8Array[] = [
    strField(2, 'minilm_shaped_encoder'),
    valueInfo(11, 'input_ids', INT64, ['batch', 'sequence']),
    valueInfo(11, 'attention_mask', INT64, ['batch', 'sequence']),
    valueInfo(11, 'token_type_ids', INT64, ['batch', 'sequence']),
    valueInfo(12, 'last_hidden_state', FLOAT, ['batch', 'sequence', H]),
    tensor('word_emb', [V, H], weights(V * H)),
    tensor('type_emb', [2, H], weights(2 * H)),
    tensor('emb_ln_g', [H], ones(H)),
    tensor('emb_ln_b', [H], new Float32Array(H)),
    tensor('split', [4], BigInt64Array.of(0n, 0n, BigInt(heads), BigInt(dh))),
    tensor('merge', [3], BigInt64Array.of(0n, 0n, BigInt(H))),
    tensor('axes12', [2], BigInt64Array.of(1n, 2n)),
    tensor('scale', [], Float32Array.of(1 / Math.sqrt(dh))),
    tensor('one', [], Float32Array.of(1)),
    tensor('neg', [], Float32Array.of(-10000)),
    tensor('half', [], Float32Array.of(0.5)),
    tensor('sqrt2', [], Float32Array.of(Math.SQRT2)),
    node('Gather', ['word_emb', 'input_ids'], ['e_word']),
    node('Gather', ['type_emb', 'token_type_ids'], ['e_type']),
    node('Add', ['e_word', 'e_type'], ['e_sum']),
    node('LayerNormalization', ['e_sum', 'emb_ln_g', 'emb_ln_b'], ['x0'], {
      axis: -1,
      epsilon: { float: 1e-12 },
    }),
    // The attention mask as an additive bias: 0 for tokens, −10,000 for padding, [batch, 1, 1, seq].
    node('Cast', ['attention_mask'], ['mask_f'], { to: FLOAT }),
    node('Sub', ['one', 'mask_f'], ['mask_inv']),
    node('Mul', ['mask_inv', 'neg'], ['mask_bias2']),
    node('Unsqueeze', ['mask_bias2', 'axes12'], ['mask_bias']),
  ];
  let x = 'x0';
  for (let l = 0; l < layers; l++) {
    const p = (name: string) => `l${l}_${name}`;
    for (const w of ['q', 'k', 'v', 'o']) {
      g.push(tensor(p(`W${w}`), [H, H], weights(H * H)), tensor(p(`b${w}`), [H], weights(H)));
    }
    g.push(
      tensor(p('W1'), [H, F], weights(H * F)),
      tensor(p('b1'), [F], weights(F)),
      tensor(p('W2'), [F, H], weights(F * H)),
      tensor(p('b2'), [H], weights(H)),
      tensor(p('ln1_g'), [H], ones(H)),
      tensor(p('ln1_b'), [H], new Float32Array(H)),
      tensor(p('ln2_g'), [H], ones(H)),
      tensor(p('ln2_b'), [H], new Float32Array(H)),
    );
    for (const w of ['q', 'k', 'v']) {
      g.push(
        node('MatMul', [x, p(`W${w}`)], [p(`${w}_mm`)]),
        node('Add', [p(`${w}_mm`), p(`b${w}`)], [p(w)]),
        node('Reshape', [p(w), 'split'], [p(`${w}_split`)]),
        // q, v: [batch, heads, seq, dh]; k: [batch, heads, dh, seq], so q·k needs no further transpose.
        node('Transpose', [p(`${w}_split`)], [p(`${w}_h`)], {
          perm: w === 'k' ? [0, 2, 3, 1] : [0, 2, 1, 3],
        }),
      );
    }
    g.push(
      node('MatMul', [p('q_h'), p('k_h')], [p('scores')]),
      node('Mul', [p('scores'), 'scale'], [p('scaled')]),
      node('Add', [p('scaled'), 'mask_bias'], [p('masked')]),
      node('Softmax', [p('masked')], [p('attn')], { axis: -1 }),
      node('MatMul', [p('attn'), p('v_h')], [p('ctx_h')]),
      node('Transpose', [p('ctx_h')], [p('ctx_t')], { perm: [0, 2, 1, 3] }),
      node('Reshape', [p('ctx_t'), 'merge'], [p('ctx')]),
      node('MatMul', [p('ctx'), p('Wo')], [p('o_mm')]),
      node('Add', [p('o_mm'), p('bo')], [p('o')]),
      node('Add', [p('o'), x], [p('res1')]),
      node('LayerNormalization', [p('res1'), p('ln1_g'), p('ln1_b')], [p('x1')], {
        axis: -1,
        epsilon: { float: 1e-12 },
      }),
      node('MatMul', [p('x1'), p('W1')], [p('f_mm')]),
      node('Add', [p('f_mm'), p('b1')], [p('f')]),
      // GELU, exactly: f · ½ · (1 + erf(f / √2)).
      node('Div', [p('f'), 'sqrt2'], [p('g1')]),
      node('Erf', [p('g1')], [p('g2')]),
      node('Add', [p('g2'), 'one'], [p('g3')]),
      node('Mul', [p('f'), p('g3')], [p('g4')]),
      node('Mul', [p('g4'), 'half'], [p('gelu')]),
      node('MatMul', [p('gelu'), p('W2')], [p('f2_mm')]),
      node('Add', [p('f2_mm'), p('b2')], [p('f2')]),
      node('Add', [p('f2'), p('x1')], [p('res2')]),
    );
    const out = l === layers - 1 ? 'last_hidden_state' : p('x2');
    g.push(
      node('LayerNormalization', [p('res2'), p('ln2_g'), p('ln2_b')], [out], {
        axis: -1,
        epsilon: { float: 1e-12 },
      }),
    );
    x = out;
  }
  mkdirSync(join(dir, 'onnx'), { recursive: true });
  writeFileSync(join(dir, 'onnx', 'model.onnx'), modelProto(g, 17));
  writeSentenceTransformerFiles(dir, tokens, H, shape.maxSeqLength);
}
