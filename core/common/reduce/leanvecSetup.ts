import { VecscopeError } from '../errors.js';
import type { Matrix, Metric } from '../types.js';
import { LeanVecObjective } from './leanvecLoss.js';
import { computeMoments, secondMoment, type Moments } from './moments.js';

/** The reference trains on at most this many database rows (the first ones). */
const LEANVEC_MAX_BASE_ROWS = 100_000;

export interface LeanVecInputs {
  /** Queries to learn from (never the evaluation queries: split one set with splitQueries). */
  learnQueries: Matrix;
  /** ip or cos (cos normalises base and queries first). l2 is refused: the model is an inner product. */
  metric?: Metric | undefined;
  /** Precomputed moments of the base rows, normalised when metric is cos. */
  baseMoments?: Moments | undefined;
}

/** Second moments, the objective and the base's centred covariance (for the PCA start). */
export interface LeanVecSetup {
  D: number;
  normalize: boolean;
  objective: LeanVecObjective;
  /** Centred covariance of the base (for the PCA warm start). */
  covariance: Float64Array;
}

/** Refuses l2 with a clear message instead of silently fitting the wrong model. */
function assertInnerProductMetric(metric: Metric, method: string): void {
  if (metric === 'l2')
    throw new VecscopeError(
      `${method} models inner products, not l2 distances; choose the ip or cos metric, or PCA (LeanVec-ID) for l2 search`,
    );
}

export function prepareLeanVec(base: Matrix, inputs: LeanVecInputs, method: string): LeanVecSetup {
  const metric = inputs.metric ?? 'ip';
  assertInnerProductMetric(metric, method);
  const q = inputs.learnQueries;
  if (q.dim !== base.dim) throw new VecscopeError(`queries are ${q.dim}-d but the base is ${base.dim}-d`);
  if (q.n < 1) throw new VecscopeError(`${method} needs learning queries`);
  const normalize = metric === 'cos';
  const D = base.dim;
  const xm = inputs.baseMoments ?? computeMoments(base, { normalize, maxRows: LEANVEC_MAX_BASE_ROWS });
  const qm = computeMoments(q, { normalize });
  const kx = secondMoment(xm).map((v) => v / xm.n);
  const kq = secondMoment(qm).map((v) => v / qm.n);
  const covariance = xm.scatter.map((v) => v / Math.max(xm.n - 1, 1));
  return { D, normalize, objective: new LeanVecObjective(kq, kx, D), covariance };
}
