import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { VecscopeError } from '../../common/errors.js';
import type { TokenPooling } from '../../common/text/poolTokens.js';

/** What a sentence-transformer folder exported to ONNX says about running it. */
export interface OnnxModelConfig {
  /** model.onnx, or onnx/model.onnx (the layout of Hugging Face's ONNX exports). */
  modelPath: string;
  pooling: TokenPooling;
  normalize: boolean;
  /** Tokens per text, special tokens included; longer texts are cut (as sentence-transformers does). */
  maxLength: number;
}

export const ONNX_TOKENIZER_FILES = ['tokenizer.json', 'tokenizer_config.json'];

function readJson(dir: string, file: string): unknown {
  const p = join(dir, file);
  if (!existsSync(p)) return undefined;
  try {
    return JSON.parse(readFileSync(p, 'utf8')) as unknown;
  } catch {
    throw new VecscopeError(`${file} in the model folder is not valid JSON`, dir);
  }
}

const obj = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

/**
 * Reads the folder's pooling (1_Pooling/config.json: mean unless it names CLS or max), whether it
 * normalises (modules.json lists a Normalize module; without modules.json, yes, as exports for
 * search usually are) and its length limit (sentence_bert_config.json, else the tokenizer's, at most 512).
 */
export function readOnnxModelConfig(dir: string): OnnxModelConfig {
  const modelPath = [join(dir, 'model.onnx'), join(dir, 'onnx', 'model.onnx')].find((p) => existsSync(p));
  if (!modelPath) throw new VecscopeError('no model.onnx (or onnx/model.onnx) in the model folder', dir);
  const pool = obj(readJson(dir, join('1_Pooling', 'config.json')));
  const pooling: TokenPooling = pool['pooling_mode_cls_token']
    ? 'cls'
    : pool['pooling_mode_max_tokens']
      ? 'max'
      : 'mean';
  const modules = readJson(dir, 'modules.json');
  const normalize = Array.isArray(modules)
    ? modules.some((m) => String(obj(m)['type'] ?? '').endsWith('.Normalize'))
    : true;
  const sbert = obj(readJson(dir, 'sentence_bert_config.json'))['max_seq_length'];
  const tokMax = obj(readJson(dir, 'tokenizer_config.json'))['model_max_length'];
  const pick = (v: unknown): number | undefined =>
    typeof v === 'number' && Number.isInteger(v) && v >= 2 ? v : undefined;
  const maxLength = Math.min(512, pick(sbert) ?? pick(tokMax) ?? 512);
  return { modelPath, pooling, normalize, maxLength };
}
