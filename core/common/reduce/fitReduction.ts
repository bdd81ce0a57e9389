import { VecscopeError } from '../errors.js';
import type { Matrix, Metric } from '../types.js';
import { fitLeanVecEigenSearch } from './leanvecEigenSearch.js';
import { fitLeanVecEs } from './leanvecEs.js';
import { fitLeanVecOod } from './leanvecOod.js';
import { fitLeanVecSphering } from './leanvecSphering.js';
import type { Moments } from './moments.js';
import { fitPca } from './pca.js';
import { fitGaussianRp, fitSparseRp } from './randomProjection.js';
import type { FitResult, OodSolver, ReductionMethod } from './reduction.js';
import { fitTruncation } from './truncation.js';

const REDUCTION_METHODS: readonly ReductionMethod[] = [
  'pca',
  'leanvec-ood',
  'leanvec-es',
  'gauss-rp',
  'sparse-rp',
  'trunc',
];

/** Parses a method name, or throws a user-facing error naming the valid ones. */
export function parseReductionMethod(name: string): ReductionMethod {
  if ((REDUCTION_METHODS as readonly string[]).includes(name)) return name as ReductionMethod;
  throw new VecscopeError(`unknown reduction method "${name}" (one of ${REDUCTION_METHODS.join(', ')})`);
}

/** Whether the method needs learning queries. */
export function isQueryAware(method: ReductionMethod): boolean {
  return method === 'leanvec-ood' || method === 'leanvec-es';
}

export interface FitReductionOptions {
  dim: number;
  metric?: Metric | undefined;
  seed?: number | undefined;
  /** Required by leanvec-ood and leanvec-es. */
  learnQueries?: Matrix | undefined;
  /** Precomputed base moments (normalised for cos), shared across fits of the same base. */
  baseMoments?: Moments | undefined;
  /** Truncation: renormalise. */
  renormalize?: boolean | undefined;
  /** LeanVec-OOD iteration cap. */
  maxIterations?: number | undefined;
  /**
   * LeanVec-OOD solver: `eigen-search` (the default when left out: the same recall as Frank–Wolfe on
   * wordnet-use512 in about a tenth of the time; it falls back to `sphering` when that solver's loss is
   * below 0.7 × eigen-search's; named explicitly, no fallback), `frank-wolfe` (the reference's
   * algorithm) or the closed-form `sphering`.
   */
  oodSolver?: OodSolver | undefined;
}

/** Fits any reduction by name (used by the CLI, the study runner and the app). */
export function fitReduction(method: ReductionMethod, base: Matrix, opts: FitReductionOptions): FitResult {
  const { dim, metric, seed } = opts;
  switch (method) {
    case 'pca':
      return fitPca(base, { dim, metric, seed, moments: opts.baseMoments });
    case 'leanvec-ood':
    case 'leanvec-es': {
      if (!opts.learnQueries)
        throw new VecscopeError(
          `${method === 'leanvec-ood' ? 'LeanVec-OOD' : 'LeanVec-ES'} needs learning queries (queries like the ones it will serve)`,
        );
      const common = {
        dim,
        metric: metric ?? 'ip',
        learnQueries: opts.learnQueries,
        baseMoments: opts.baseMoments,
      };
      if (method === 'leanvec-es') return fitLeanVecEs(base, { ...common, seed });
      switch (opts.oodSolver ?? 'eigen-search') {
        case 'eigen-search': {
          const es = fitLeanVecEigenSearch(base, common);
          if (opts.oodSolver === 'eigen-search') return es;
          // The default guards eigen-search's A = B model: where the queries lie far off the data's
          // axes it can miss most of what the closed form (the unconstrained rank-d optimum of the same
          // loss) finds, so a much lower closed-form loss takes over (a strongly OOD seeded case:
          // recall 0.06 against 0.23; on wordnet-use512 eigen-search stays).
          const sph = fitLeanVecSphering(base, common);
          const esLoss = es.diagnostics.loss ?? Infinity;
          const sphLoss = sph.diagnostics.loss ?? Infinity;
          if (!(sphLoss < 0.7 * esLoss)) return es;
          sph.diagnostics.notes = [
            ...(sph.diagnostics.notes ?? []),
            `default solver: sphering's loss ${sphLoss.toPrecision(3)} is below 0.7 × eigen-search's ${esLoss.toPrecision(3)}`,
          ];
          return sph;
        }
        case 'sphering':
          return fitLeanVecSphering(base, common);
        case 'frank-wolfe':
          return fitLeanVecOod(base, { ...common, maxIterations: opts.maxIterations });
      }
      break;
    }
    case 'gauss-rp':
      return fitGaussianRp(base.dim, { dim, seed });
    case 'sparse-rp':
      return fitSparseRp(base.dim, { dim, seed });
    case 'trunc':
      return fitTruncation(base.dim, { dim, renormalize: opts.renormalize });
  }
}
