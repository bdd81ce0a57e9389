import type { LinearReduction, ReductionMethod } from '../../common/reduce/reduction.js';
import { fitReduction } from '../../common/reduce/fitReduction.js';
import type { ReductionFitter } from '../../common/study/studyTypes.js';
import type { Metric } from '../../common/types.js';

/** The study command's reduction fitter: core/common/reduce's `fitReduction` (truncation renormalised
 * under cosine, as Matryoshka embeddings are used). */
export const studyReductionFitter = (...[method, base, opts]: Parameters<ReductionFitter>): LinearReduction =>
  fitReduction(method, base, {
    dim: opts.dim,
    metric: opts.metric,
    seed: opts.seed,
    ...(opts.learnQueries ? { learnQueries: opts.learnQueries } : {}),
    ...(method === 'trunc' && opts.metric === 'cos' ? { renormalize: true } : {}),
  }).reduction;

/**
 * The key a fitted study reduction is memoised under on its data set, shared by the study and the
 * projection export; query-aware methods also key on the training queries (`learnKey`).
 */
export function studyReductionKey(
  method: ReductionMethod,
  opts: { dim: number; metric: Metric; seed: number },
  learnKey: string,
): string {
  const learns = method === 'leanvec-ood' || method === 'leanvec-es';
  return `studyReduction:${method}:${opts.dim}:${opts.metric}:${opts.seed}${learns ? `:${learnKey}` : ''}`;
}
