import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { VecscopeError } from '../../common/errors.js';
import { expandHome } from '../io/expandHome.js';
import { ONNX_TOKENIZER_FILES, readOnnxModelConfig } from './onnxModelConfig.js';

/** The built-in model's name, as `--model` accepts it and the cache key records it. */
export const DEFAULT_TEXT_MODEL = 'use-lite';

/**
 * A text model vecscope can run: Universal Sentence Encoder lite (TF.js graph model with its
 * sentencepiece vocabulary), the npm package's copy or a folder holding model.json and vocab.json; or a
 * sentence-transformer exported to ONNX (a folder with model.onnx and its tokenizer files).
 */
export interface TextModelSpec {
  /**
   * What the cache key and reports name: "use-lite@0.2.0", "use-lite:<folder>#<content hash>" or
   * "onnx:<folder>#<content hash>".
   */
  id: string;
  kind: TextModelKind;
  /** The model's folder; absent: the npm package's USE-lite. */
  dir?: string;
}

export type TextModelKind = 'use-lite' | 'onnx';

/** The kind of model a text source's model id names (see TextModelSpec.id). */
export function textModelKind(modelId: string): TextModelKind {
  return modelId.startsWith('onnx:') ? 'onnx' : 'use-lite';
}

function hashFiles(paths: string[]): string {
  const h = createHash('sha256');
  for (const p of paths) if (existsSync(p)) h.update(p.slice(p.lastIndexOf('/') + 1)).update(readFileSync(p));
  return h.digest('hex').slice(0, 16);
}

function onnxRuntimeInstalled(): boolean {
  const req = createRequire(import.meta.url);
  try {
    req.resolve('onnxruntime-node');
    req.resolve('@huggingface/tokenizers');
    return true;
  } catch {
    return false;
  }
}

/**
 * Resolves `--model`: absent or "use-lite" is the built-in USE-lite; a folder is either a USE-lite
 * copy (model.json + vocab.json) or an ONNX sentence-transformer (model.onnx or onnx/model.onnx with
 * tokenizer.json and tokenizer_config.json), run by onnxruntime-node from those files only. Each
 * refusal is one line naming the folder.
 */
export function resolveTextModel(model?: string): TextModelSpec {
  if (model === undefined || model === DEFAULT_TEXT_MODEL)
    return { id: `${DEFAULT_TEXT_MODEL}@0.2.0`, kind: 'use-lite' };
  const dir = resolve(expandHome(model));
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    throw new VecscopeError(
      `model folder not found (give a folder, or leave out --model for ${DEFAULT_TEXT_MODEL})`,
      dir,
    );
  }
  if (!isDir) throw new VecscopeError('--model must name a folder, not a file', dir);
  const has = (f: string): boolean => existsSync(join(dir, f));
  if (has('model.json') && has('vocab.json')) {
    const hash = hashFiles([join(dir, 'model.json'), join(dir, 'vocab.json')]);
    return { id: `${DEFAULT_TEXT_MODEL}:${dir}#${hash}`, kind: 'use-lite', dir };
  }
  if (has('model.json'))
    throw new VecscopeError('a USE-lite model folder needs vocab.json beside model.json; it is missing', dir);
  if (has('model.onnx') || has('onnx/model.onnx')) {
    const missing = ONNX_TOKENIZER_FILES.filter((f) => !has(f));
    if (missing.length > 0)
      throw new VecscopeError(
        `the ONNX model has no tokenizer: ${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} missing from the folder (copy the model's tokenizer files beside it)`,
        dir,
      );
    if (!onnxRuntimeInstalled())
      throw new VecscopeError(
        `an ONNX sentence-transformer, but the ONNX runtime (npm packages onnxruntime-node, @huggingface/tokenizers) is not installed; run npm install, or leave out --model to embed with ${DEFAULT_TEXT_MODEL}`,
        dir,
      );
    const config = readOnnxModelConfig(dir);
    // The id changes with the weights, the tokenizer and the pooling, so a cached embedding never outlives them.
    const hash = hashFiles([
      config.modelPath,
      ...ONNX_TOKENIZER_FILES.map((f) => join(dir, f)),
      join(dir, 'modules.json'),
      join(dir, '1_Pooling', 'config.json'),
      join(dir, 'sentence_bert_config.json'),
    ]);
    return { id: `onnx:${dir}#${hash}`, kind: 'onnx', dir };
  }
  throw new VecscopeError(
    'no text model in this folder (expected model.onnx with tokenizer.json and tokenizer_config.json, or a USE-lite model.json with vocab.json)',
    dir,
  );
}
