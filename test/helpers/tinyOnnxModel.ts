// A tiny sentence-transformer-shaped ONNX model written from scratch, for tests that must run a real
// ONNX runtime and a real tokenizer without downloading a model: a BERT WordPiece tokenizer.json over a
// given word list, and a graph input_ids/attention_mask/token_type_ids → last_hidden_state
// (tanh((word_emb[id] + type_emb[type]) · proj)), with seeded weights the test can recompute.
// Run as a script (`node tinyOnnxModel.js <dir> [hidden]`) it writes the folder over the built-in
// words, for the end-to-end tests, which import no helper code.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const SPECIALS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'];

export interface TinyOnnxModel {
  dir: string;
  hidden: number;
  vocab: Map<string, number>;
  /** vocab × hidden, row-major. */
  wordEmb: Float32Array;
  /** 2 × hidden. */
  typeEmb: Float32Array;
  /** hidden × hidden, row-major (x · proj). */
  proj: Float32Array;
}

// --- a minimal protobuf writer, enough for ONNX's ModelProto ---
type Field = Uint8Array;
function varint(v: number | bigint): number[] {
  let x = BigInt(v);
  if (x < 0n) x += 1n << 64n;
  const out: number[] = [];
  do {
    let b = Number(x & 0x7fn);
    x >>= 7n;
    if (x > 0n) b |= 0x80;
    out.push(b);
  } while (x > 0n);
  return out;
}
const cat = (parts: Field[]): Field => {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
};
const intField = (no: number, v: number | bigint): Field =>
  Uint8Array.from([...varint(no << 3), ...varint(v)]);
const bytesField = (no: number, b: Uint8Array): Field =>
  cat([Uint8Array.from([...varint((no << 3) | 2), ...varint(b.length)]), b]);
const strField = (no: number, s: string): Field => bytesField(no, new TextEncoder().encode(s));
const msg = (no: number, parts: Field[]): Field => bytesField(no, cat(parts));

const FLOAT = 1;
const INT64 = 7;

function valueInfo(no: number, name: string, elem: number, dims: (string | number)[]): Field {
  const dimParts = dims.map((d) => msg(1, [typeof d === 'number' ? intField(1, d) : strField(2, d)]));
  return msg(no, [strField(1, name), msg(2, [msg(1, [intField(1, elem), msg(2, dimParts)])])]);
}
function tensor(name: string, dims: number[], data: Float32Array): Field {
  return msg(5, [
    ...dims.map((d) => intField(1, d)),
    intField(2, FLOAT),
    strField(8, name),
    bytesField(9, new Uint8Array(data.buffer, data.byteOffset, data.byteLength)),
  ]);
}
function node(op: string, inputs: string[], outputs: string[]): Field {
  return msg(1, [
    ...inputs.map((i) => strField(1, i)),
    ...outputs.map((o) => strField(2, o)),
    strField(4, op),
  ]);
}

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) / 4294967296) * 2 - 1;
  };
}

/** Writes the model folder (model.onnx in onnx/, tokenizer.json, tokenizer_config.json, pooling config). */
export function writeTinyOnnxModel(
  dir: string,
  words: readonly string[],
  opts: { hidden?: number; seed?: number; maxSeqLength?: number } = {},
): TinyOnnxModel {
  const hidden = opts.hidden ?? 16;
  const rand = seeded(opts.seed ?? 7);
  const tokens = [...SPECIALS, ...new Set(words.map((w) => w.toLowerCase()))];
  const vocab = new Map(tokens.map((t, i) => [t, i]));
  const V = tokens.length;
  const wordEmb = Float32Array.from({ length: V * hidden }, rand);
  const typeEmb = Float32Array.from({ length: 2 * hidden }, () => 0.1 * rand());
  const proj = Float32Array.from({ length: hidden * hidden }, () => rand() / Math.sqrt(hidden));

  const graph = cat([
    node('Gather', ['word_emb', 'input_ids'], ['e_word']),
    node('Gather', ['type_emb', 'token_type_ids'], ['e_type']),
    node('Add', ['e_word', 'e_type'], ['e_sum']),
    node('MatMul', ['e_sum', 'proj'], ['e_proj']),
    node('Tanh', ['e_proj'], ['last_hidden_state']),
    strField(2, 'tiny_sentence_encoder'),
    tensor('word_emb', [V, hidden], wordEmb),
    tensor('type_emb', [2, hidden], typeEmb),
    tensor('proj', [hidden, hidden], proj),
    valueInfo(11, 'input_ids', INT64, ['batch', 'sequence']),
    valueInfo(11, 'attention_mask', INT64, ['batch', 'sequence']),
    valueInfo(11, 'token_type_ids', INT64, ['batch', 'sequence']),
    valueInfo(12, 'last_hidden_state', FLOAT, ['batch', 'sequence', hidden]),
  ]);
  const model = cat([
    intField(1, 8),
    strField(2, 'vecscope-tests'),
    bytesField(7, graph),
    msg(8, [strField(1, ''), intField(2, 13)]),
  ]);

  mkdirSync(join(dir, 'onnx'), { recursive: true });
  mkdirSync(join(dir, '1_Pooling'), { recursive: true });
  writeFileSync(join(dir, 'onnx', 'model.onnx'), model);
  const special = (id: number) => ({
    id,
    content: SPECIALS[id],
    single_word: false,
    lstrip: false,
    rstrip: false,
    normalized: false,
    special: true,
  });
  const tok = {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIALS.map((_, i) => special(i)),
    normalizer: {
      type: 'BertNormalizer',
      clean_text: true,
      handle_chinese_chars: true,
      strip_accents: null,
      lowercase: true,
    },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
      ],
      pair: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
        { Sequence: { id: 'B', type_id: 1 } },
        { SpecialToken: { id: '[SEP]', type_id: 1 } },
      ],
      special_tokens: {
        '[CLS]': { id: '[CLS]', ids: [2], tokens: ['[CLS]'] },
        '[SEP]': { id: '[SEP]', ids: [3], tokens: ['[SEP]'] },
      },
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: '[UNK]',
      continuing_subword_prefix: '##',
      max_input_chars_per_word: 100,
      vocab: Object.fromEntries(vocab),
    },
  };
  writeFileSync(join(dir, 'tokenizer.json'), JSON.stringify(tok));
  writeFileSync(
    join(dir, 'tokenizer_config.json'),
    JSON.stringify({
      do_lower_case: true,
      model_max_length: 512,
      pad_token: '[PAD]',
      cls_token: '[CLS]',
      sep_token: '[SEP]',
      unk_token: '[UNK]',
      mask_token: '[MASK]',
      tokenizer_class: 'BertTokenizer',
    }),
  );
  writeFileSync(
    join(dir, 'sentence_bert_config.json'),
    JSON.stringify({ max_seq_length: opts.maxSeqLength ?? 128, do_lower_case: false }),
  );
  writeFileSync(
    join(dir, '1_Pooling', 'config.json'),
    JSON.stringify({ word_embedding_dimension: hidden, pooling_mode_mean_tokens: true }),
  );
  writeFileSync(
    join(dir, 'modules.json'),
    JSON.stringify([
      { idx: 0, name: '0', path: '', type: 'sentence_transformers.models.Transformer' },
      { idx: 1, name: '1', path: '1_Pooling', type: 'sentence_transformers.models.Pooling' },
      { idx: 2, name: '2', path: '2_Normalize', type: 'sentence_transformers.models.Normalize' },
    ]),
  );
  return { dir, hidden, vocab, wordEmb, typeEmb, proj };
}

/**
 * The model's sentence embedding of one token-id sequence, computed here in plain arithmetic: the
 * mean over tokens of tanh((word + type0) · proj), L2-normalised.
 */
export function tinyReferenceEmbedding(m: TinyOnnxModel, ids: readonly number[]): Float32Array {
  const h = m.hidden;
  const acc = new Float64Array(h);
  for (const id of ids) {
    for (let j = 0; j < h; j++) {
      let s = 0;
      for (let i = 0; i < h; i++) s += (m.wordEmb[id * h + i]! + m.typeEmb[i]!) * m.proj[i * h + j]!;
      acc[j]! += Math.tanh(s);
    }
  }
  let norm = 0;
  for (let j = 0; j < h; j++) norm += (acc[j]! / ids.length) ** 2;
  norm = Math.sqrt(norm);
  return Float32Array.from(acc, (v) => v / ids.length / norm);
}

/** Words of everyday English the end-to-end tests' texts use (anything else is [UNK]). */
const TINY_WORDS = (
  'the a an is of on in at to and he she it for that all day every along road city morning drives ' +
  'plays song concert hall forecast says tomorrow check weather plate served hot dinner delicious eat ' +
  'animal sleeps eats runs field cat dog horse rabbit lion wolf kitten puppy cow sheep fox bear bread ' +
  'soup pasta cake rice salad pizza cheese curry pie stew noodles rain snow fog wind hail sleet thunder ' +
  'storms drizzle frost heat sunshine car bus train truck bicycle tram van taxi motorcycle lorry ' +
  'scooter coach piano violin guitar flute drums cello trumpet harp organ banjo saxophone clarinet , .'
).split(' ');

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const dir = process.argv[2];
  if (!dir) throw new Error('usage: node tinyOnnxModel.js <dir> [hidden]');
  writeTinyOnnxModel(dir, TINY_WORDS, { hidden: Number(process.argv[3] ?? 16) });
}
