import type { Matrix } from '../../common/types.js';

/**
 * m itself when its data already lives in a SharedArrayBuffer, otherwise a copy that does, so worker
 * threads can read it without copies. The copy belongs to the caller.
 */
export function toShared(m: Matrix): Matrix {
  if (m.data.buffer instanceof SharedArrayBuffer) return m;
  const len = m.n * m.dim;
  const data = new Float32Array(new SharedArrayBuffer(len * 4));
  data.set(m.data.subarray(0, len));
  return { data, n: m.n, dim: m.dim };
}
