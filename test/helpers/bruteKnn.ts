import type { Matrix, Metric } from '../../core/common/types.js';

/**
 * Brute-force top-k ids for each query (test code only): l2 smallest squared distance, ip / cos
 * largest inner product (cos assumes the caller normalised, or normalises here when `normalize`).
 */
export function bruteKnn(base: Matrix, queries: Matrix, k: number, metric: Metric): Int32Array {
  const D = base.dim;
  const out = new Int32Array(queries.n * k);
  const norms = new Float64Array(base.n);
  for (let i = 0; i < base.n; i++) {
    let s = 0;
    for (let j = 0; j < D; j++) s += base.data[i * D + j]! ** 2;
    norms[i] = s;
  }
  const score = new Float64Array(base.n);
  for (let q = 0; q < queries.n; q++) {
    const qo = q * D;
    for (let i = 0; i < base.n; i++) {
      let dot = 0;
      const bo = i * D;
      for (let j = 0; j < D; j++) dot += queries.data[qo + j]! * base.data[bo + j]!;
      score[i] =
        metric === 'l2' ? 2 * dot - norms[i]! : metric === 'cos' ? dot / Math.sqrt(norms[i]! || 1) : dot;
    }
    // partial selection of the k largest scores
    const best: number[] = [];
    for (let i = 0; i < base.n; i++) {
      if (best.length < k) {
        best.push(i);
        best.sort((a, b) => score[b]! - score[a]!);
      } else if (score[i]! > score[best[k - 1]!]!) {
        best[k - 1] = i;
        best.sort((a, b) => score[b]! - score[a]!);
      }
    }
    out.set(best, q * k);
  }
  return out;
}

/** Mean |found ∩ truth| / k over queries; truth rows may hold more than k ids (the first k count). */
export function recallAt(
  found: Int32Array,
  truth: Int32Array,
  truthK: number,
  nq: number,
  k: number,
): number {
  let hits = 0;
  for (let q = 0; q < nq; q++) {
    const t = new Set(truth.subarray(q * truthK, q * truthK + k));
    for (let j = 0; j < k; j++) if (t.has(found[q * k + j]!)) hits++;
  }
  return hits / (nq * k);
}
