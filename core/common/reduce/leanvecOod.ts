import { VecscopeError } from '../errors.js';
import { eigenSymmetric } from '../linalg/eigenSymmetric.js';
import { matmul, matmulTN } from '../linalg/matmul.js';
import { polarFactor } from '../linalg/polarFactor.js';
import type { Matrix } from '../types.js';
import { nowMs } from './clock.js';
import { prepareLeanVec, type LeanVecInputs } from './leanvecSetup.js';
import type { FitResult, LinearReduction } from './reduction.js';

export interface LeanVecOodOptions extends LeanVecInputs {
  dim: number;
  /** Default 500 (the reference). */
  maxIterations?: number;
  /** Stop when |ℓ_t − ℓ_{t−1}| < relTol · ℓ_{t−1}; default 1e-3 (the reference). */
  relTol?: number;
  /**
   * `pca` (default): start from A = B = the top-d principal axes of the base, with step 1/(t+2)^0.999
   * so the first step keeps half of the start. `zeros`: the reference's start (A = B = 0, step
   * 1/(t+1)^0.999; the first A is then the LMO of a zero gradient, taken as the first d unit axes).
   */
  init?: 'pca' | 'zeros';
}

/**
 * LeanVec-OOD: query-aware projections (B for the data, A for queries) minimising
 * ‖Q A Bᵀ Xᵀ − Q Xᵀ‖²_F over the spectral-norm ball, by Frank–Wolfe block-coordinate descent
 * (A step, then B step with the updated A; LMO = −polar factor of the gradient; stop on relative
 * loss change). Deviation from the reference, documented: the start is PCA rather than zeros, and the
 * iterate with the lowest loss seen (the start included) is returned rather than the last one, so the
 * result never models the learning queries worse than PCA does.
 */
export function fitLeanVecOod(base: Matrix, opts: LeanVecOodOptions): FitResult {
  const t0 = nowMs();
  const D = base.dim;
  const d = opts.dim;
  if (!Number.isInteger(d) || d < 1 || d > D)
    throw new VecscopeError(`--dim must be between 1 and ${D}, got ${d}`);
  const setup = prepareLeanVec(base, opts, 'leanvec-ood');
  const obj = setup.objective;
  const maxIterations = opts.maxIterations ?? 500;
  const relTol = opts.relTol ?? 1e-3;
  const init = opts.init ?? 'pca';
  let A = new Float64Array(D * d);
  let B = new Float64Array(D * d);
  if (init === 'pca') {
    const { vectors } = eigenSymmetric(setup.covariance, D);
    for (let c = 0; c < d; c++) for (let j = 0; j < D; j++) A[j * d + c] = vectors[c * D + j]!;
    B = Float64Array.from(A);
  }
  const offset = init === 'pca' ? 2 : 1;
  const losses: number[] = [];
  let bestLoss = init === 'pca' ? obj.loss(A, B, d) : Infinity;
  let bestA = A;
  let bestB = B;
  const startLoss = bestLoss;
  let xb = matmul(obj.kx, B, D, D, d);
  let iterations = 0;
  for (let t = 0; t < maxIterations; t++) {
    const gamma = 1 / (t + offset) ** 0.999;
    // A step
    let sA: Float64Array;
    if (t === 0 && init === 'zeros') {
      sA = new Float64Array(D * d);
      for (let c = 0; c < d; c++) sA[c * d + c] = 1;
    } else {
      const qa = matmul(obj.kq, A, D, D, d);
      const bxb = matmulTN(B, xb, D, d, d);
      const cb = matmul(obj.c, B, D, D, d);
      const gA = matmul(qa, bxb, D, d, d);
      for (let i = 0; i < gA.length; i++) gA[i] = 2 * (gA[i]! - cb[i]!);
      sA = polarFactor(gA, D, d).map((v) => -v);
    }
    A = A.map((v, i) => (1 - gamma) * v + gamma * sA[i]!);
    // B step, with the updated A (Gauss–Seidel)
    const qa = matmul(obj.kq, A, D, D, d);
    const aqa = matmulTN(A, qa, D, d, d);
    const cta = matmul(obj.ct, A, D, D, d);
    const gB = matmul(xb, aqa, D, d, d);
    for (let i = 0; i < gB.length; i++) gB[i] = 2 * (gB[i]! - cta[i]!);
    const sB = polarFactor(gB, D, d);
    B = B.map((v, i) => (1 - gamma) * v - gamma * sB[i]!);
    xb = matmul(obj.kx, B, D, D, d);
    const loss = obj.lossFrom(A, B, qa, xb, cta, d);
    losses.push(loss);
    iterations = t + 1;
    if (loss < bestLoss) {
      bestLoss = loss;
      bestA = A;
      bestB = B;
    }
    const prev = losses[losses.length - 2];
    if (t > 1 && prev !== undefined && Math.abs(loss - prev) < relTol * prev) break;
  }
  const reduction: LinearReduction = {
    method: 'leanvec-ood',
    inDim: D,
    outDim: d,
    dataMatrix: Float32Array.from(bestB),
    queryMatrix: Float32Array.from(bestA),
    centerQueries: false,
    normalizeInput: setup.normalize,
  };
  const notes = [`init: ${init}`];
  if (init === 'pca') notes.push(`loss at the PCA start: ${startLoss.toPrecision(4)}`);
  return {
    reduction,
    diagnostics: {
      seconds: (nowMs() - t0) / 1000,
      loss: bestLoss,
      lossHistory: losses,
      iterations,
      notes,
    },
  };
}
