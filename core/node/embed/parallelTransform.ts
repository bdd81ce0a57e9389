import { availableParallelism } from 'node:os';
import { umapTransform, type UmapModel, type UmapTransformOptions } from '../../common/embed/umapLayout.js';
import { firstNeighbours } from '../../common/knn/firstNeighbours.js';
import type { KnnResult } from '../../common/types.js';
import { WorkerPool } from '../pool/workerPool.js';
import type { TransformTask } from './transformWorker.js';

/** Rows per placement chunk: each chunk has its own seed, so results do not depend on the thread count. */
export const TRANSFORM_CHUNK = 1024;

/** Rows `lo..hi` of a k-NN result as a result of their own. */
function rowsOf(knn: KnnResult, lo: number, hi: number): KnnResult {
  return {
    ids: knn.ids.slice(lo * knn.k, hi * knn.k),
    dists: knn.dists.slice(lo * knn.k, hi * knn.k),
    nq: hi - lo,
    k: knn.k,
  };
}

/**
 * Places rows into a fitted UMAP map (umapTransform) in chunks of TRANSFORM_CHUNK rows, chunk c seeded
 * with `seed + 1 + c`, on `threads` worker threads when there is more than one chunk. Placed rows never
 * pull on each other, so the result is the same for any thread count. Returns a new nq × dim array.
 */
export async function parallelTransform(
  model: UmapModel,
  knn: KnnResult,
  options: { nEpochs?: number; seed?: number; threads?: number } = {},
): Promise<Float32Array> {
  const used = firstNeighbours(knn, model.nNeighbors);
  const nq = used.nq;
  const chunks = Math.ceil(nq / TRANSFORM_CHUNK);
  const base = options.seed ?? model.seed;
  const opts = (c: number): UmapTransformOptions => ({
    seed: base + 1 + c,
    ...(options.nEpochs !== undefined ? { nEpochs: options.nEpochs } : {}),
  });
  const out = new Float32Array(nq * model.dim);
  const threads = Math.max(1, Math.min(options.threads ?? availableParallelism(), chunks));
  if (threads === 1) {
    for (let c = 0; c < chunks; c++) {
      const lo = c * TRANSFORM_CHUNK;
      const hi = Math.min(nq, lo + TRANSFORM_CHUNK);
      out.set(umapTransform(model, rowsOf(used, lo, hi), opts(c)), lo * model.dim);
    }
    return out;
  }
  // The fitted layout travels once, in shared memory, not once per chunk.
  const embedding = new Float32Array(new SharedArrayBuffer(model.embedding.byteLength));
  embedding.set(model.embedding);
  const shared: UmapModel = { ...model, embedding };
  const pool = new WorkerPool(new URL('./transformWorker.js', import.meta.url), threads);
  try {
    await Promise.all(
      Array.from({ length: chunks }, async (_, c) => {
        const lo = c * TRANSFORM_CHUNK;
        const hi = Math.min(nq, lo + TRANSFORM_CHUNK);
        const task: TransformTask = { model: shared, knn: rowsOf(used, lo, hi), options: opts(c) };
        out.set(await pool.run<Float32Array>(task), lo * model.dim);
      }),
    );
  } finally {
    await pool.close();
  }
  return out;
}
