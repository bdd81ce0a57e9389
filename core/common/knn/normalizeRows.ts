import { sharedRows } from '../search/graphMemory.js';
import { normalizeRowF32 } from '../kernels/reference.js';
import type { Matrix } from '../types.js';

/**
 * A copy of m with every row scaled to unit L2 norm, rounded exactly as the cosine path of
 * `exactKnn` does; zero rows stay zero. The copy lives in the same kind of buffer as m (shared, and
 * resident for the search indexes, if m's is a SharedArrayBuffer) and belongs to the caller.
 */
export function normalizeRows(m: Matrix): Matrix {
  const len = m.n * m.dim;
  const data = m.data.buffer instanceof SharedArrayBuffer ? sharedRows(len) : new Float32Array(len);
  data.set(m.data.subarray(0, len));
  for (let i = 0; i < m.n; i++) normalizeRowF32(data, i * m.dim, m.dim);
  return { data, n: m.n, dim: m.dim };
}
