import { CancelledError } from '../errors.js';
import type { Kernels } from '../kernels/kernels.js';
import { defaultKernels, rowsPerBlock } from '../kernels/kernels.js';
import type { KnnResult, Matrix, Metric } from '../types.js';
import { checkKnnArgs } from './checkKnnArgs.js';
import { TopK } from './topK.js';
import { align16 } from '../wasm/wasmModules.js';

export interface ExactKnnOptions {
  /** Search only base rows [start, end); ids stay global row numbers. */
  rowRange?: [number, number];
  /** Called after each batch of queries with the fraction done. */
  onProgress?: (fraction: number) => void;
  /** Checked before each block of rows; when aborted the search throws CancelledError. */
  signal?: { readonly aborted: boolean };
  /** The WASM instance to use (one per thread); defaults to this thread's shared one. */
  kernels?: Kernels;
}

/** Queries per batch: all of them pass over each block of base rows while it sits in cache. A batch
 * stays under about 2 MiB so very long vectors do not blow up the WASM memory. */
function queryBatch(dim: number): number {
  return Math.max(4, Math.min(256, Math.floor(2097152 / (4 * Math.max(1, dim)))));
}

/**
 * Exact k nearest neighbours of every query among the base rows, single-threaded, with the WASM SIMD
 * kernels. Distances, smaller is better: `l2` squared Euclidean (from the differences, so no
 * cancellation), `ip` −⟨q, x⟩, `cos` −⟨q/‖q‖, x/‖x‖⟩ (zero vectors stay zero). Each query's list is
 * ordered by distance, then by id, so ties are deterministic. When fewer than k rows are searched
 * (k > n), the tail of each list is padded with id −1 and distance +∞; rows whose distance is NaN are
 * never returned. Bit-identical to `exactKnnReference`. The result's arrays belong to the caller.
 */
export function exactKnn(
  base: Matrix,
  queries: Matrix,
  k: number,
  metric: Metric,
  opts: ExactKnnOptions = {},
): KnnResult {
  const [r0, r1] = checkKnnArgs(base, queries, k, metric, opts.rowRange);
  const kern = opts.kernels ?? defaultKernels();
  const w = kern.wasm;
  const { dim } = base;
  const nq = queries.n;
  // The top-k buffers (2k pairs per query) stay under about 32 MiB for very large k.
  const qb = Math.max(1, Math.min(queryBatch(dim), nq, Math.floor(2097152 / k)));
  const rb = Math.max(1, Math.min(rowsPerBlock(dim), r1 - r0));
  const qPtr = kern.heap;
  const rPtr = qPtr + align16(qb * dim * 4);
  const oPtr = rPtr + align16(rb * dim * 4);
  const sPtr = oPtr + align16(qb * rb * 4);
  const tile = metric === 'l2' ? w.l2TileF32 : w.dotTileF32;
  const negate = metric !== 'l2';
  const cos = metric === 'cos';
  const ids = new Int32Array(nq * k);
  const dists = new Float32Array(nq * k);
  const top = new TopK(qb, k);
  for (let i0 = 0; i0 < nq; i0 += qb) {
    if (opts.signal?.aborted) throw new CancelledError();
    const m = Math.min(qb, nq - i0);
    // Views are taken per batch: onProgress may have used (and grown) the same WASM memory.
    kern.reserve(sPtr + 16 - kern.heap);
    const qv = kern.f32(qPtr, qb * dim);
    const rv = kern.f32(rPtr, rb * dim);
    const ov = kern.f32(oPtr, qb * rb);
    qv.set(queries.data.subarray(i0 * dim, (i0 + m) * dim));
    if (cos) w.normalizeF32(qPtr, m, dim, sPtr);
    for (let j0 = r0; j0 < r1; j0 += rb) {
      if (opts.signal?.aborted) throw new CancelledError();
      const n = Math.min(rb, r1 - j0);
      rv.set(base.data.subarray(j0 * dim, (j0 + n) * dim));
      if (cos) w.normalizeF32(rPtr, n, dim, sPtr);
      tile(qPtr, m, rPtr, n, dim, oPtr, n);
      for (let i = 0; i < m; i++) top.scan(i, ov, i * n, n, j0, negate);
    }
    for (let i = 0; i < m; i++) top.finishQuery(i, ids, dists, (i0 + i) * k);
    top.reset();
    opts.onProgress?.((i0 + m) / nq);
  }
  return { ids, dists, nq, k };
}
