import { availableParallelism } from 'node:os';
import { CancelledError, VecscopeError } from '../../common/errors.js';
import type { Matrix } from '../../common/types.js';
import { WorkerPool } from '../pool/workerPool.js';
import type { EmbedTextTask } from './embedTextWorker.js';
import type { TextModelSpec } from './textModel.js';

export interface EmbedTextsOptions {
  /** Worker threads, each with its own copy of the model (default: available parallelism, at most 4). */
  threads?: number | undefined;
  /** Texts per task: small enough for frequent progress, large enough to amortise a message (default 32). */
  batch?: number | undefined;
  signal?: AbortSignal | undefined;
  /** Called after each batch with the texts embedded so far. */
  onProgress?: ((done: number, total: number) => void) | undefined;
}

/**
 * Embeds texts with the model on worker threads, batch by batch; row i of the result is texts[i].
 * Aborting the signal ends the workers at once and rejects with CancelledError.
 */
export async function embedTexts(
  texts: readonly string[],
  model: TextModelSpec,
  opts: EmbedTextsOptions = {},
): Promise<Matrix> {
  const n = texts.length;
  if (n === 0) throw new VecscopeError('no texts to embed');
  const batch = Math.max(1, opts.batch ?? 32);
  const batches = Math.ceil(n / batch);
  const threads = Math.max(1, Math.min(opts.threads ?? Math.min(4, availableParallelism()), batches));
  if (opts.signal?.aborted) throw new CancelledError();
  const pool = new WorkerPool(new URL('./embedTextWorker.js', import.meta.url), threads);
  const onAbort = (): void => void pool.close();
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  let dim = 0;
  let data = new Float32Array(0);
  let done = 0;
  try {
    await Promise.all(
      Array.from({ length: batches }, async (_, b) => {
        const start = b * batch;
        const end = Math.min(n, start + batch);
        const task: EmbedTextTask = { texts: texts.slice(start, end), kind: model.kind, dir: model.dir };
        const rows = await pool.run<Float32Array>(task);
        const d = rows.length / (end - start);
        if (dim === 0) {
          dim = d;
          data = new Float32Array(n * dim);
        }
        if (d !== dim) throw new Error(`text model returned ${d}-d rows after ${dim}-d ones`);
        data.set(rows, start * dim);
        done += end - start;
        opts.onProgress?.(done, n);
      }),
    );
  } catch (e) {
    if (opts.signal?.aborted) throw new CancelledError();
    throw e;
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
    await pool.close();
  }
  return { data, n, dim };
}
