import type { Rng } from '../random.js';
import { sampleIndices } from '../random.js';
import type { Matrix } from '../types.js';

/**
 * Coordinates of every row on the data's top `dim` principal axes. The axes come from subspace
 * iteration on a sample of at most `sampleSize` rows (a map initialisation needs the leading directions,
 * not exact ones), so the cost is O(sample·D·dim·iters + n·D·dim). Returns a new n × dim array.
 */
export function pcaCoordinates(
  m: Matrix,
  dim: number,
  rng: Rng,
  sampleSize = 5000,
  iters = 30,
): Float32Array {
  const { n, dim: D, data } = m;
  const rows = sampleIndices(n, Math.min(n, sampleSize), rng);
  const s = rows.length;
  const mean = new Float64Array(D);
  for (const r of rows) for (let j = 0; j < D; j++) mean[j]! += data[r * D + j]!;
  for (let j = 0; j < D; j++) mean[j]! /= s;
  const xc = new Float32Array(s * D);
  for (let t = 0; t < s; t++) {
    const r = rows[t]!;
    for (let j = 0; j < D; j++) xc[t * D + j] = data[r * D + j]! - mean[j]!;
  }
  // V: D × dim, column-major (column c at c*D).
  const V = new Float64Array(D * dim);
  for (let i = 0; i < V.length; i++) V[i] = rng.normal();
  orthonormalise(V, D, dim);
  const XV = new Float64Array(s * dim);
  for (let it = 0; it < iters; it++) {
    XV.fill(0);
    for (let t = 0; t < s; t++) {
      const o = t * D;
      for (let c = 0; c < dim; c++) {
        let acc = 0;
        const vo = c * D;
        for (let j = 0; j < D; j++) acc += xc[o + j]! * V[vo + j]!;
        XV[t * dim + c] = acc;
      }
    }
    V.fill(0);
    for (let t = 0; t < s; t++) {
      const o = t * D;
      for (let c = 0; c < dim; c++) {
        const v = XV[t * dim + c]!;
        const vo = c * D;
        for (let j = 0; j < D; j++) V[vo + j]! += v * xc[o + j]!;
      }
    }
    orthonormalise(V, D, dim);
  }
  const out = new Float32Array(n * dim);
  for (let i = 0; i < n; i++) {
    const o = i * D;
    for (let c = 0; c < dim; c++) {
      let acc = 0;
      const vo = c * D;
      for (let j = 0; j < D; j++) acc += (data[o + j]! - mean[j]!) * V[vo + j]!;
      out[i * dim + c] = acc;
    }
  }
  return out;
}

function orthonormalise(V: Float64Array, D: number, dim: number): void {
  for (let c = 0; c < dim; c++) {
    for (let p = 0; p < c; p++) {
      let dot = 0;
      for (let j = 0; j < D; j++) dot += V[c * D + j]! * V[p * D + j]!;
      for (let j = 0; j < D; j++) V[c * D + j]! -= dot * V[p * D + j]!;
    }
    let norm = 0;
    for (let j = 0; j < D; j++) norm += V[c * D + j]! ** 2;
    norm = Math.sqrt(norm) || 1;
    for (let j = 0; j < D; j++) V[c * D + j]! /= norm;
  }
}
