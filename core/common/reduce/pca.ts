import { VecscopeError } from '../errors.js';
import { eigenSymmetric } from '../linalg/eigenSymmetric.js';
import { topEigenSymmetric } from '../linalg/topEigenSymmetric.js';
import type { Matrix, Metric } from '../types.js';
import { computeMoments, type Moments } from './moments.js';
import { nowMs } from './clock.js';
import type { FitResult, LinearReduction } from './reduction.js';

export interface PcaOptions {
  dim: number;
  /** Decides the centring rules: l2 centres queries, ip does not, cos normalises then acts as ip. Default l2. */
  metric?: Metric | undefined;
  /** Precomputed moments of the base (e.g. from the parallel pass); must match `metric` (normalised for cos). */
  moments?: Moments | undefined;
  /**
   * Dense (all eigenpairs) or subspace iteration (top d only). `auto`: subspace when D > 256 and
   * d ≤ D/4 (or D > 1024), falling back to dense when the subspace iteration is slow to converge
   * (a flat spectrum) and D ≤ 1024.
   */
  solver?: 'auto' | 'dense' | 'subspace' | undefined;
  seed?: number | undefined;
}

/** Largest D for which the automatic choice uses the dense solver. */
const DENSE_SOLVER_MAX_DIM = 1024;

/**
 * PCA = LeanVec-ID: B = A = the top-d eigenvectors of the covariance of the (all) base rows; the
 * database is centred by the mean, queries are centred under l2 only (under ip the shift adds a
 * per-query constant and does not change the ranking); cosine L2-normalises inputs and then follows ip.
 * The reference fits the SVD on the first 100,000 rows; the streaming float64 covariance makes all
 * rows affordable, so every row is used (equivalent up to the sample).
 */
export function fitPca(base: Matrix, opts: PcaOptions): FitResult {
  const t0 = nowMs();
  const D = base.dim;
  const d = opts.dim;
  if (!Number.isInteger(d) || d < 1 || d > D)
    throw new VecscopeError(`--dim must be between 1 and ${D}, got ${d}`);
  if (base.n < 2) throw new VecscopeError('PCA needs at least 2 vectors');
  const metric = opts.metric ?? 'l2';
  const normalize = metric === 'cos';
  const mom = opts.moments ?? computeMoments(base, { normalize });
  const cov = mom.scatter.map((v) => v / (mom.n - 1));
  let trace = 0;
  for (let j = 0; j < D; j++) trace += cov[j * D + j]!;
  const auto = opts.solver === undefined || opts.solver === 'auto';
  let solver: string = auto
    ? D > DENSE_SOLVER_MAX_DIM || (D > 256 && 4 * d <= D)
      ? 'subspace'
      : 'dense'
    : opts.solver!;
  let values: Float64Array | undefined;
  let vectors: Float64Array | undefined;
  let iterations: number | undefined;
  if (solver === 'subspace') {
    const p = d + Math.max(8, Math.ceil(d / 2));
    // past this many iterations the dense solver would have been cheaper
    const budget = auto && D <= DENSE_SOLVER_MAX_DIM ? Math.max(30, Math.ceil((2 * D) / p)) : 1000;
    const top = topEigenSymmetric(cov, D, d, { seed: opts.seed ?? 1, maxIterations: budget });
    iterations = top.iterations;
    if (top.converged || !auto || D > DENSE_SOLVER_MAX_DIM) ({ values, vectors } = top);
    else solver = 'dense (subspace iteration too slow)';
  }
  if (values === undefined || vectors === undefined) ({ values, vectors } = eigenSymmetric(cov, D));
  const matrix = new Float32Array(D * d);
  for (let c = 0; c < d; c++) {
    // sign convention: the largest-magnitude coordinate of each axis is positive (deterministic output)
    let big = 0;
    for (let j = 0; j < D; j++) if (Math.abs(vectors[c * D + j]!) > Math.abs(big)) big = vectors[c * D + j]!;
    const sign = big < 0 ? -1 : 1;
    for (let j = 0; j < D; j++) matrix[j * d + c] = sign * vectors[c * D + j]!;
  }
  let kept = 0;
  for (let c = 0; c < d; c++) kept += Math.max(values[c]!, 0);
  const reduction: LinearReduction = {
    method: 'pca',
    inDim: D,
    outDim: d,
    dataMatrix: matrix,
    queryMatrix: matrix,
    mean: Float32Array.from(mom.mean),
    centerQueries: metric === 'l2',
    normalizeInput: normalize,
  };
  const diagnostics = {
    seconds: (nowMs() - t0) / 1000,
    explainedVariance: trace > 0 ? kept / trace : 0,
    eigenvalues: values,
    totalVariance: trace,
    ...(iterations !== undefined ? { iterations } : {}),
    notes: [`solver: ${solver}`],
  };
  return { reduction, diagnostics };
}
