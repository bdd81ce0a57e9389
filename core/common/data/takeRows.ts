import type { Matrix } from '../types.js';

/** Rows `ids` of a matrix, in that order, as a new matrix owned by the caller. */
export function takeRows(m: Matrix, ids: ArrayLike<number>): Matrix {
  const data = new Float32Array(ids.length * m.dim);
  for (let r = 0; r < ids.length; r++)
    data.set(m.data.subarray(ids[r]! * m.dim, (ids[r]! + 1) * m.dim), r * m.dim);
  return { data, n: ids.length, dim: m.dim };
}
