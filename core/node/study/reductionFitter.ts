import { fitReduction } from '../../common/reduce/fitReduction.js';
import type { ReductionFitter } from '../../common/study/studyTypes.js';

/** The study command's reduction fitter: core/common/reduce's `fitReduction` (truncation renormalised
 * under cosine, as Matryoshka embeddings are used). */
export const studyReductionFitter: ReductionFitter = (method, base, opts) =>
  fitReduction(method, base, {
    dim: opts.dim,
    metric: opts.metric,
    seed: opts.seed,
    ...(opts.learnQueries ? { learnQueries: opts.learnQueries } : {}),
    ...(method === 'trunc' && opts.metric === 'cos' ? { renormalize: true } : {}),
  }).reduction;
