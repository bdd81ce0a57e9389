import { VecscopeError } from '../../common/errors.js';
import type { LinearReduction } from '../../common/reduce/reduction.js';
import type { ReductionFitter } from '../../common/study/studyTypes.js';

/**
 * The reduction fitter the study command uses. Until the reductions module lands, only `Trunc<d>`
 * (keep the first d coordinates, Matryoshka-style, renormalised under cosine) is available here.
 */
export const studyReductionFitter: ReductionFitter = (method, base, opts) => {
  if (method !== 'trunc') throw new VecscopeError(`reduction "${method}" is not available in this build`);
  const d = opts.dim;
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
};
