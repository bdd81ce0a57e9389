// A tiny sentence-transformer-shaped ONNX model written from scratch, for tests that must run a real
// ONNX runtime and a real tokenizer without downloading a model: a BERT WordPiece tokenizer.json over a
// given word list, and a graph input_ids/attention_mask/token_type_ids → last_hidden_state
// (tanh((word_emb[id] + type_emb[type]) · proj)), with seeded weights the test can recompute.
// Run as a script (`node tinyOnnxModel.js <dir> [hidden]`) it writes the folder over the built-in
// words, for the end-to-end tests, which import no helper code.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { FLOAT, INT64, modelProto, node, strField, tensor, valueInfo } from './onnxProto.js';

/** The special tokens, ids 0..4, that every vocabulary here starts with. */
export const SPECIALS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'];

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

  const graph = [
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
  ];
  const model = modelProto(graph);

  mkdirSync(join(dir, 'onnx'), { recursive: true });
  writeFileSync(join(dir, 'onnx', 'model.onnx'), model);
  writeSentenceTransformerFiles(dir, tokens, hidden, opts.maxSeqLength ?? 128);
  return { dir, hidden, vocab, wordEmb, typeEmb, proj };
}

/**
 * Writes what a sentence-transformer folder holds beside its model: a BERT WordPiece tokenizer.json over
 * `tokens` (the five special tokens first), tokenizer_config.json, sentence_bert_config.json, and mean
 * pooling followed by a Normalize module.
 */
export function writeSentenceTransformerFiles(
  dir: string,
  tokens: readonly string[],
  hidden: number,
  maxSeqLength: number,
): void {
  mkdirSync(join(dir, '1_Pooling'), { recursive: true });
  const vocab = new Map(tokens.map((t, i) => [t, i]));
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
    JSON.stringify({ max_seq_length: maxSeqLength, do_lower_case: false }),
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
