import { createRng, gaussian } from '../../core/common/quantize/rng.js';
import type { Matrix } from '../../core/common/types.js';

/** n points in `clusters` Gaussian clusters (centres spread 4σ·√dim apart on average), seeded. */
export function clusteredGaussian(n: number, dim: number, clusters: number, seed: number): Matrix {
  const rand = createRng(seed);
  const centres = new Float32Array(clusters * dim);
  for (let i = 0; i < centres.length; i++) centres[i] = gaussian(rand) * 3;
  const data = new Float32Array(n * dim);
  for (let i = 0; i < n; i++) {
    const c = Math.floor(rand() * clusters);
    for (let j = 0; j < dim; j++) data[i * dim + j] = centres[c * dim + j]! + gaussian(rand);
  }
  return { data, n, dim };
}

/** Plain brute-force k-NN (test reference): squared L2 or negative dot, ties by id. */
export function bruteKnn(base: Matrix, queries: Matrix, k: number, metric: 'l2' | 'ip'): Int32Array {
  const { dim } = base;
  const out = new Int32Array(queries.n * k);
  const d = new Float64Array(base.n);
  const idx = Array.from({ length: base.n }, (_, i) => i);
  for (let q = 0; q < queries.n; q++) {
    for (let i = 0; i < base.n; i++) {
      let s = 0;
      for (let j = 0; j < dim; j++) {
        const a = queries.data[q * dim + j]!;
        const b = base.data[i * dim + j]!;
        s += metric === 'l2' ? (a - b) * (a - b) : -a * b;
      }
      d[i] = s;
    }
    const top = idx.slice().sort((a, b) => d[a]! - d[b]! || a - b);
    for (let t = 0; t < k; t++) out[q * k + t] = top[t]!;
  }
  return out;
}

/** Mean over queries of |found ∩ truth| / k, both nq × k. */
export function recallAt(found: Int32Array, truth: Int32Array, nq: number, k: number, truthK = k): number {
  let hit = 0;
  for (let q = 0; q < nq; q++) {
    const t = new Set(Array.from(truth.subarray(q * truthK, q * truthK + k)));
    for (let i = 0; i < k; i++) if (t.has(found[q * k + i]!)) hit++;
  }
  return hit / (nq * k);
}
