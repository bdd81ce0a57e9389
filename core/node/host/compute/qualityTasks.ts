import {
  mapQualityRecipe,
  type MapQualityParams,
  type MapQualityResult,
} from '../../../common/recipes/mapQualityRecipe.js';
import type { Task } from './tasks.js';

/** Faithfulness of a map through mapQualityRecipe (the figures `vecscope embed` prints), with the per-point loss on request. */
export const mapQualityTask: Task<Omit<MapQualityParams, 'sample'>, MapQualityResult> = (ds, p, ctx) =>
  mapQualityRecipe({
    data: ds.vectors.data,
    n: ds.vectors.n,
    dim: ds.vectors.dim,
    metric: ds.metric,
    cache: ds.cache,
    signal: ctx.signal,
    onProgress: (f, stage) => ctx.progress(f, stage),
    params: p,
  });
