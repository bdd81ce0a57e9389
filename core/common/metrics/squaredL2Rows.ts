import type { Matrix } from '../types.js';

/** Squared norms of every row, as float64. Returns a new array. */
export function rowNorms(m: Matrix): Float64Array {
  const out = new Float64Array(m.n);
  for (let i = 0; i < m.n; i++) {
    let s = 0;
    const o = i * m.dim;
    for (let j = 0; j < m.dim; j++) s += m.data[o + j]! * m.data[o + j]!;
    out[i] = s;
  }
  return out;
}

/**
 * Squared Euclidean distances from each listed row of `m` to every row of `m`: out[t·n + j] = ‖x_rows[t] − x_j‖².
 * Plain-TS reference (‖x‖² + ‖y‖² − 2x·y, clamped at 0); the engine can supply a faster one to the metrics.
 * `out` must hold rows.length × n values and is overwritten.
 */
export function squaredL2Rows(m: Matrix, rows: Int32Array, out: Float32Array, norms = rowNorms(m)): void {
  const { n, dim: D, data } = m;
  if (D <= 4) {
    for (let t = 0; t < rows.length; t++) {
      const a = rows[t]! * D;
      const o = t * n;
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let c = 0; c < D; c++) {
          const d = data[a + c]! - data[j * D + c]!;
          s += d * d;
        }
        out[o + j] = s;
      }
    }
    return;
  }
  const D4 = D - (D % 4);
  for (let t = 0; t < rows.length; t++) {
    const r = rows[t]!;
    const a = r * D;
    const na = norms[r]!;
    const o = t * n;
    for (let j = 0; j < n; j++) {
      const b = j * D;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let c = 0; c < D4; c += 4) {
        s0 += data[a + c]! * data[b + c]!;
        s1 += data[a + c + 1]! * data[b + c + 1]!;
        s2 += data[a + c + 2]! * data[b + c + 2]!;
        s3 += data[a + c + 3]! * data[b + c + 3]!;
      }
      for (let c = D4; c < D; c++) s0 += data[a + c]! * data[b + c]!;
      const d = na + norms[j]! - 2 * (s0 + s1 + s2 + s3);
      out[o + j] = d > 0 ? d : 0;
    }
  }
}
