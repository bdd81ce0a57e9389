import { availableParallelism } from 'node:os';
import { CancelledError } from '../../common/errors.js';
import { checkKnnArgs } from '../../common/knn/checkKnnArgs.js';
import { mergeKnn } from '../../common/knn/mergeKnn.js';
import type { KnnResult, Matrix, Metric } from '../../common/types.js';
import type { KnnTask } from '../pool/knnWorker.js';
import { toShared } from '../pool/toShared.js';
import { WorkerPool } from '../pool/workerPool.js';

export interface ParallelKnnOptions {
  /** Worker threads; defaults to os.availableParallelism() (ignored when `pool` is given). */
  threads?: number | undefined;
  /** Called after each finished task with the fraction of the work done. */
  onProgress?: ((fraction: number) => void) | undefined;
  /** Aborting rejects with CancelledError at once; the pool's running tasks are cut short. */
  signal?: AbortSignal;
  /** A pool of knnWorker.js workers to reuse (see `createKnnPool`); it stays open afterwards. */
  pool?: WorkerPool;
}

/** A pool whose workers run exact k-NN tasks; the caller closes it. */
export function createKnnPool(threads: number = availableParallelism()): WorkerPool {
  return new WorkerPool(new URL('../pool/knnWorker.js', import.meta.url), threads);
}

/** Below this many queries per thread, base rows are split as well, so every thread has work. */
const MIN_QUERY_CHUNK = 64;
/** Queries per task at most (one exactKnn batch). */
const MAX_QUERY_CHUNK = 256;
/** Row ranges are not cut finer than this. */
const MIN_ROWS = 2048;

/**
 * `exactKnn` over worker threads: the same result, bit for bit (distances, order, ties by id,
 * padding with −1 when k > n), computed in tasks of up to 256 queries, and also split by base-row
 * ranges (then merged) when there are too few queries to keep every thread busy. Splitting queries
 * first avoids the merge and lets each worker stream the whole base once per task. Base and queries
 * are placed in SharedArrayBuffers once (no copy when they already are). The result belongs to the caller.
 */
export async function parallelExactKnn(
  base: Matrix,
  queries: Matrix,
  k: number,
  metric: Metric,
  opts: ParallelKnnOptions = {},
): Promise<KnnResult> {
  checkKnnArgs(base, queries, k, metric);
  const { signal } = opts;
  if (signal?.aborted) throw new CancelledError();
  const nq = queries.n;
  const threads = opts.pool?.size ?? opts.threads ?? availableParallelism();
  const chunk = Math.min(MAX_QUERY_CHUNK, Math.max(MIN_QUERY_CHUNK, Math.ceil(nq / (threads * 4))));
  const qChunks = Math.max(1, Math.ceil(nq / chunk));
  const rowParts =
    qChunks >= 2 * threads
      ? 1
      : Math.max(1, Math.min(Math.ceil((2 * threads) / qChunks), Math.floor(base.n / MIN_ROWS)));
  const sb = toShared(base);
  const sq = toShared(queries);
  const tasks: KnnTask[] = [];
  for (let c = 0; c < qChunks; c++) {
    for (let p = 0; p < rowParts; p++) {
      tasks.push({
        base: sb,
        queries: sq,
        k,
        metric,
        queryRange: [c * chunk, Math.min(nq, (c + 1) * chunk)],
        rowRange: [Math.floor((p * base.n) / rowParts), Math.floor(((p + 1) * base.n) / rowParts)],
      });
    }
  }
  const pool = opts.pool ?? createKnnPool(Math.min(threads, tasks.length));
  const results: KnnResult[] = new Array<KnnResult>(tasks.length);
  let next = 0;
  let done = 0;
  let stopped = false;
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => {
      stopped = true;
      reject(new CancelledError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
  aborted.catch(() => {});
  const lane = async (): Promise<void> => {
    while (!stopped && next < tasks.length) {
      const i = next++;
      results[i] = await pool.run<KnnResult>(tasks[i]);
      done++;
      opts.onProgress?.(done / tasks.length);
    }
  };
  try {
    const lanes = Promise.all(Array.from({ length: pool.size }, lane));
    lanes.catch(() => {});
    await Promise.race([lanes, aborted]);
  } finally {
    stopped = true;
    if (onAbort) signal?.removeEventListener('abort', onAbort);
    if (!opts.pool) await pool.close();
  }
  const ids = new Int32Array(nq * k);
  const dists = new Float32Array(nq * k);
  for (let c = 0; c < qChunks; c++) {
    const parts = results.slice(c * rowParts, (c + 1) * rowParts);
    const r = parts.length === 1 ? parts[0]! : mergeKnn(parts, k);
    ids.set(r.ids, c * chunk * k);
    dists.set(r.dists, c * chunk * k);
  }
  return { ids, dists, nq, k };
}
