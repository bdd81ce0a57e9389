import type { Dataset } from '../../common/types.js';
import { registerInputFile } from '../io/inputRegistry.js';
import { readInputFile } from '../io/readInput.js';
import { toShared } from '../pool/toShared.js';
import { embedTexts } from './embedTexts.js';
import { readTextCache, textCachePath, writeTextCache } from './textCache.js';
import { resolveTextModel } from './textModel.js';
import { pickTexts, readTextTable } from './textTable.js';

export interface TextLoadOptions {
  /** The column to embed; absent: the only text column. */
  textColumn?: string | undefined;
  /** `--model`: a model folder, or absent for the built-in USE-lite. */
  model?: string | undefined;
  threads?: number | undefined;
  signal?: AbortSignal | undefined;
  /** Progress of the embedding, 0..1 (not called on a cache hit). */
  onProgress?: ((fraction: number, done: number, total: number) => void) | undefined;
}

/** A data set embedded from a table of texts, and whether its vectors came from the cache. */
export interface TextDataset {
  dataset: Dataset;
  cached: boolean;
}

/**
 * Opens a table of texts as a data set: its column's texts embedded (row i = row i of the file),
 * every column kept as metadata. Vectors are cached by (file content, column, model) in the user's
 * cache folder, so a second open of the same file costs a read.
 */
export async function loadTextDataset(path: string, opts: TextLoadOptions = {}): Promise<TextDataset> {
  const model = resolveTextModel(opts.model);
  const columns = await readTextTable(path);
  const { column, texts } = pickTexts(columns, path, opts.textColumn);
  registerInputFile(path);
  const cachePath = textCachePath(await readInputFile(path), column, model.id);
  let vectors = await readTextCache(cachePath, texts.length);
  const cached = vectors !== undefined;
  if (!vectors) {
    // Reported before the first batch, so the stage shows while the workers load the model.
    opts.onProgress?.(0, 0, texts.length);
    vectors = await embedTexts(texts, model, {
      threads: opts.threads,
      signal: opts.signal,
      onProgress: (done, total) => opts.onProgress?.(done / total, done, total),
    });
    await writeTextCache(cachePath, vectors);
  }
  const dataset: Dataset = {
    file: path,
    format: 'text',
    dtype: 'f32',
    vectors: toShared(vectors),
    metadata: columns,
    textSource: { column, modelId: model.id, modelDir: model.dir },
  };
  return { dataset, cached };
}
