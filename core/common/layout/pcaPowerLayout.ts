import { defaultKernels } from '../kernels/kernels.js';
import type { Matrix } from '../types.js';

export interface PowerPca {
  /** dim × m, row-major: column c is the c-th principal direction. */
  components: Float32Array;
  /** Variance along each component, largest first. */
  eigenvalues: Float64Array;
  /** Total variance (trace of the covariance), to turn eigenvalues into explained fractions. */
  totalVariance: number;
  mean: Float64Array;
  m: number;
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Top-m principal components by subspace iteration on the covariance of at most `sampleSize` rows.
 * A light stand-in for a full PCA, good enough to place points on a map and sketch the spectrum.
 * Returns new arrays owned by the caller.
 */
export function powerPca(
  x: Matrix,
  m: number,
  opts: { iterations?: number; sampleSize?: number; seed?: number } = {},
): PowerPca {
  const { n, dim, data } = x;
  m = Math.min(m, dim);
  const iterations = opts.iterations ?? 60;
  const rand = mulberry32(opts.seed ?? 7);
  const sampleSize = Math.min(n, opts.sampleSize ?? 3000);
  const stride = n / sampleSize;
  const rows = new Int32Array(sampleSize);
  for (let s = 0; s < sampleSize; s++) rows[s] = Math.floor(s * stride);

  const mean = new Float64Array(dim);
  for (const r of rows) for (let j = 0; j < dim; j++) mean[j]! += data[r * dim + j]!;
  for (let j = 0; j < dim; j++) mean[j]! /= sampleSize;
  // Centred sample, row-major.
  const a = new Float64Array(sampleSize * dim);
  let total = 0;
  for (let s = 0; s < sampleSize; s++) {
    const r = rows[s]!;
    for (let j = 0; j < dim; j++) {
      const v = data[r * dim + j]! - mean[j]!;
      a[s * dim + j] = v;
      total += v * v;
    }
  }
  const denom = Math.max(1, sampleSize - 1);
  // Covariance of the sample (dim × dim) with the SIMD dot kernels over the transposed sample, then
  // subspace iteration on it: each iteration costs dim² · m instead of sampleSize · dim · m.
  const kern = defaultKernels();
  const at = new Float32Array(dim * sampleSize);
  for (let s = 0; s < sampleSize; s++) for (let j = 0; j < dim; j++) at[j * sampleSize + s] = a[s * dim + j]!;
  const cov = kern.dotBatch(at, dim, at, dim, sampleSize);
  for (let i = 0; i < cov.length; i++) cov[i]! /= denom;

  // q: dim × m, columns orthonormal.
  let q = new Float64Array(dim * m);
  for (let i = 0; i < q.length; i++) q[i] = rand() - 0.5;
  orthonormalize(q, dim, m);
  const eig = new Float64Array(m);
  const qt = new Float32Array(m * dim);
  for (let it = 0; it < iterations; it++) {
    for (let j = 0; j < dim; j++) for (let k = 0; k < m; k++) qt[k * dim + j] = q[j * m + k]!;
    const next = Float64Array.from(kern.dotBatch(cov, dim, qt, m, dim));
    // Rayleigh quotients qᵀ C q before re-orthonormalising.
    for (let c = 0; c < m; c++) {
      let s = 0;
      for (let j = 0; j < dim; j++) s += q[j * m + c]! * next[j * m + c]!;
      eig[c] = s;
    }
    orthonormalize(next, dim, m);
    q = next;
  }
  // Sort by eigenvalue, largest first.
  const order = Array.from({ length: m }, (_, c) => c).sort((i, j) => eig[j]! - eig[i]!);
  const components = new Float32Array(dim * m);
  const eigenvalues = new Float64Array(m);
  order.forEach((c, k) => {
    eigenvalues[k] = Math.max(0, eig[c]!);
    for (let j = 0; j < dim; j++) components[j * m + k] = q[j * m + c]!;
  });
  return { components, eigenvalues, totalVariance: total / denom, mean, m };
}

/** Modified Gram-Schmidt on the m columns of a dim × m row-major matrix, in place. */
function orthonormalize(q: Float64Array, dim: number, m: number): void {
  for (let c = 0; c < m; c++) {
    for (let p = 0; p < c; p++) {
      let dot = 0;
      for (let j = 0; j < dim; j++) dot += q[j * m + c]! * q[j * m + p]!;
      for (let j = 0; j < dim; j++) q[j * m + c]! -= dot * q[j * m + p]!;
    }
    let norm = 0;
    for (let j = 0; j < dim; j++) norm += q[j * m + c]! ** 2;
    norm = Math.sqrt(norm) || 1;
    for (let j = 0; j < dim; j++) q[j * m + c]! /= norm;
  }
}

/**
 * Projects every row onto the first `outDim` components, scaled so the map spans about [-1, 1].
 * Returns a new n × outDim array owned by the caller.
 */
export function projectLayout(x: Matrix, pca: PowerPca, outDim: number): Float32Array {
  const { n, dim, data } = x;
  const m = pca.m;
  const out = new Float32Array(n * outDim);
  const d = Math.min(outDim, m);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < dim; j++) {
      const v = data[i * dim + j]! - pca.mean[j]!;
      for (let c = 0; c < d; c++) out[i * outDim + c]! += v * pca.components[j * m + c]!;
    }
  }
  const scale = 1 / (2.5 * Math.sqrt(Math.max(pca.eigenvalues[0] ?? 1, 1e-12)));
  for (let i = 0; i < out.length; i++) out[i]! *= scale;
  return out;
}
