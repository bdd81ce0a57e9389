import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import {
  computeMoments,
  mergeMoments,
  momentsShift,
  type Moments,
  type MomentsOptions,
  type MomentsPartial,
} from '../../common/reduce/moments.js';
import type { Matrix } from '../../common/types.js';

export interface ParallelMomentsOptions extends MomentsOptions {
  /** Worker threads; default: available parallelism. */
  threads?: number | undefined;
}

/** Below this many multiply-adds a single thread beats starting workers. */
const MIN_PARALLEL_WORK = 2e8;

/**
 * Mean and centred scatter of the rows (float64) with the wasm Gram kernel, the rows split over worker
 * threads. Rows in a SharedArrayBuffer are read in place; otherwise each worker receives a copy of
 * its range. Same result as computeMoments up to float64 summation order.
 */
export async function parallelMoments(m: Matrix, opts: ParallelMomentsOptions = {}): Promise<Moments> {
  const n = Math.min(m.n, opts.maxRows ?? m.n);
  const threads = Math.max(1, Math.min(opts.threads ?? availableParallelism(), Math.ceil(n / 1024)));
  if (threads === 1 || n * m.dim * m.dim < MIN_PARALLEL_WORK) return computeMoments(m, opts);
  const normalize = opts.normalize ?? false;
  const shift = momentsShift(m, normalize);
  const shared = m.data.buffer instanceof SharedArrayBuffer;
  const url = new URL('./momentsWorker.js', import.meta.url);
  const parts = await Promise.all(
    Array.from({ length: threads }, (_, t) => {
      const start = Math.floor((n * t) / threads);
      const end = Math.floor((n * (t + 1)) / threads);
      const data = shared ? m.data : m.data.slice(start * m.dim, end * m.dim);
      const workerData = shared
        ? { data, n: m.n, dim: m.dim, start, end, shift, normalize }
        : { data, n: end - start, dim: m.dim, start: 0, end: end - start, shift, normalize };
      return new Promise<MomentsPartial>((resolve, reject) => {
        const w = new Worker(url, { workerData, transferList: shared ? [] : [data.buffer as ArrayBuffer] });
        w.once('message', (p: MomentsPartial) => {
          resolve(p);
          void w.terminate();
        });
        w.once('error', reject);
      });
    }),
  );
  return mergeMoments(parts, shift);
}
