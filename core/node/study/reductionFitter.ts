import { VecscopeError } from '../../common/errors.js';
import { symmetricEigen } from '../../common/quantize/orthogonal.js';
import { createRng, gaussian } from '../../common/quantize/rng.js';
import type { LinearReduction } from '../../common/reduce/reduction.js';
import type { ReductionFitter } from '../../common/study/studyTypes.js';
import type { Matrix } from '../../common/types.js';

/**
 * The reduction fitter the study command uses until the reductions module (core/common/reduce) lands:
 * `Trunc<d>` (first d coordinates, renormalised under cosine) and `PCA<d>` (LeanVec-ID: mean of all
 * rows, covariance of the first 20,000, top-d axes by subspace iteration with a Rayleigh–Ritz step).
 */
export const studyReductionFitter: ReductionFitter = (method, base, opts) => {
  const d = opts.dim;
  if (method === 'trunc') {
    const m = new Float32Array(base.dim * d);
    for (let j = 0; j < d; j++) m[j * d + j] = 1;
    const r: LinearReduction = {
      method,
      inDim: base.dim,
      outDim: d,
      dataMatrix: m,
      queryMatrix: m,
      centerQueries: false,
      ...(opts.metric === 'cos' ? { renormalize: true } : {}),
    };
    return r;
  }
  if (method === 'pca') return fitPca(base, d, opts.metric === 'l2', opts.seed);
  throw new VecscopeError(`reduction "${method}" is not available in this build (PCA and Trunc are)`);
};

function fitPca(base: Matrix, d: number, centerQueries: boolean, seed: number): LinearReduction {
  const { n, dim: D, data } = base;
  const mean = new Float64Array(D);
  for (let i = 0; i < n; i++) for (let j = 0; j < D; j++) mean[j]! += data[i * D + j]!;
  for (let j = 0; j < D; j++) mean[j]! /= n;
  const rows = Math.min(n, 20_000);
  const cov = new Float64Array(D * D);
  const x = new Float64Array(D);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < D; j++) x[j] = data[i * D + j]! - mean[j]!;
    for (let a = 0; a < D; a++) {
      const xa = x[a]!;
      if (xa === 0) continue;
      const o = a * D;
      for (let b = a; b < D; b++) cov[o + b]! += xa * x[b]!;
    }
  }
  for (let a = 0; a < D; a++) for (let b = a; b < D; b++) cov[b * D + a] = cov[a * D + b]!;
  // Subspace iteration on p = d + 8 columns, then Rayleigh–Ritz.
  const p = Math.min(D, d + 8);
  const rand = createRng(seed);
  let Q = new Float64Array(D * p);
  for (let i = 0; i < Q.length; i++) Q[i] = gaussian(rand);
  orthonormalize(Q, D, p);
  const Y = new Float64Array(D * p);
  for (let it = 0; it < 40; it++) {
    multiply(cov, Q, Y, D, p);
    Q = Float64Array.from(Y);
    orthonormalize(Q, D, p);
  }
  multiply(cov, Q, Y, D, p);
  const small = new Float64Array(p * p);
  for (let a = 0; a < p; a++)
    for (let b = 0; b < p; b++) {
      let s = 0;
      for (let r = 0; r < D; r++) s += Q[r * p + a]! * Y[r * p + b]!;
      small[a * p + b] = s;
    }
  for (let a = 0; a < p; a++)
    for (let b = a + 1; b < p; b++)
      small[a * p + b] = small[b * p + a] = (small[a * p + b]! + small[b * p + a]!) / 2;
  const { vectors } = symmetricEigen(small, p);
  const P = new Float32Array(D * d);
  for (let r = 0; r < D; r++)
    for (let c = 0; c < d; c++) {
      let s = 0;
      for (let t = 0; t < p; t++) s += Q[r * p + t]! * vectors[t * p + c]!;
      P[r * d + c] = s;
    }
  return {
    method: 'pca',
    inDim: D,
    outDim: d,
    dataMatrix: P,
    queryMatrix: P,
    mean: Float32Array.from(mean),
    centerQueries,
  };
}

function multiply(A: Float64Array, B: Float64Array, out: Float64Array, D: number, p: number): void {
  out.fill(0);
  for (let r = 0; r < D; r++)
    for (let k = 0; k < D; k++) {
      const a = A[r * D + k]!;
      if (a === 0) continue;
      for (let c = 0; c < p; c++) out[r * p + c]! += a * B[k * p + c]!;
    }
}

function orthonormalize(Q: Float64Array, D: number, p: number): void {
  for (let c = 0; c < p; c++) {
    for (let t = 0; t < c; t++) {
      let dot = 0;
      for (let r = 0; r < D; r++) dot += Q[r * p + c]! * Q[r * p + t]!;
      for (let r = 0; r < D; r++) Q[r * p + c]! -= dot * Q[r * p + t]!;
    }
    let norm = 0;
    for (let r = 0; r < D; r++) norm += Q[r * p + c]! ** 2;
    norm = Math.sqrt(norm) || 1;
    for (let r = 0; r < D; r++) Q[r * p + c]! /= norm;
  }
}
