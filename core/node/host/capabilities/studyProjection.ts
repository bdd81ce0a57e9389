import { VecscopeError } from '../../../common/errors.js';
import { normalizeRows } from '../../../common/knn/normalizeRows.js';
import { parsePipeline } from '../../../common/pipeline/parsePipeline.js';
import { REDUCTION_METHODS } from '../../../common/pipeline/pipeline.js';
import type { Handler } from '../capability.js';
import { memoisedFitter } from './study.js';
import { learnQuerySet, querySetKey } from './studyQuerySet.js';

/**
 * A pipeline's projection matrices, the same ones a study on this data set measured (fitted now when
 * no study fitted them yet); query-aware reductions learn from the same training queries as the study
 * with the same query set.
 */
export const studyProjection: Handler<'studyProjection'> = async (params, ctx, state) => {
  const entry = state.datasets.get(params.dataset);
  const p = parsePipeline(params.pipeline);
  if (!p.reduction) throw new VecscopeError(`${params.pipeline} has no reduction, so no projection matrices`);
  ctx.progress(0, 'fitting the reduction');
  const metric = params.metric ?? entry.metric;
  const method = REDUCTION_METHODS[p.reduction.kind];
  const set = params.querySet ?? 'base';
  const learn = await learnQuerySet(entry, set, params.maxQueries);
  const fitter = memoisedFitter(entry, ctx, `${querySetKey(entry, set)}:${params.maxQueries ?? ''}`);
  // The study fits on L2-normalised rows under cosine; so does this (a cache hit skips it anyway).
  const cos = metric === 'cos';
  const base = cos ? normalizeRows(entry.dataset.vectors) : entry.dataset.vectors;
  const learnRows = learn && cos ? normalizeRows(learn) : learn;
  const r = await fitter(method, base, {
    dim: p.reduction.dim,
    metric,
    seed: params.seed ?? 1,
    ...(learnRows ? { learnQueries: learnRows } : {}),
  });
  return {
    method: r.method,
    inDim: r.inDim,
    outDim: r.outDim,
    data: r.dataMatrix,
    query: r.queryMatrix,
    mean: r.mean ?? null,
  };
};
