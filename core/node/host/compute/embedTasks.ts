import { normalizeLayout } from '../../../common/layout/normalizeLayout.js';
import { MAP_DEFAULTS } from '../../../common/recipes/mapDefaults.js';
import type { MetadataColumn } from '../../../common/types.js';
import { clusterRecipe, type ClusterParams } from '../../recipes/clusterRecipe.js';
import { mapRecipe, type MapParams } from '../../recipes/mapRecipe.js';
import type { ComputeDataset, Task, TaskContext } from './tasks.js';

/** The app's map parameters; absent ones take MAP_DEFAULTS, as in `vecscope embed`. */
export type MapTaskParams = Pick<
  MapParams,
  'method' | 'dim' | 'seed' | 'nNeighbors' | 'minDist' | 'perplexity' | 'epochs'
>;

/** Rows up to which the graph is exact, above which UMAP fits a sample, and that sample (tests move them). */
export interface MapLimits {
  exact: number;
  fit: number;
  sample: number;
}

const recipeInput = (ds: ComputeDataset, ctx: TaskContext) => ({
  data: ds.vectors.data,
  n: ds.vectors.n,
  dim: ds.vectors.dim,
  metric: ds.metric,
  cache: ds.cache,
  signal: ctx.signal,
  onProgress: (f: number, stage: string) => ctx.progress(f, stage),
});

/**
 * A map of the data set through mapRecipe (the same code as `vecscope embed`), normalised for the view;
 * UMAP and t-SNE stream normalised partial layouts.
 */
export function makeMapTask(
  limits: MapLimits = {
    exact: MAP_DEFAULTS.exactKnnLimit,
    fit: MAP_DEFAULTS.fitLimit,
    sample: MAP_DEFAULTS.fitSample,
  },
): Task<MapTaskParams, Float32Array> {
  return async (ds, p, ctx) => {
    const dim = p.dim ?? MAP_DEFAULTS.dim;
    const r = await mapRecipe({
      ...recipeInput(ds, ctx),
      params: { ...p, exactKnnLimit: limits.exact, fitLimit: limits.fit, autoFitSample: limits.sample },
      onPartial: (coords, epoch) => ctx.partial(normalizeLayout(coords, dim), epoch),
    });
    return normalizeLayout(r.coords, dim);
  };
}

export const map = makeMapTask();

export type ClusterTaskParams = Pick<
  ClusterParams,
  'method' | 'k' | 'minClusterSize' | 'minSamples' | 'space' | 'spaceDim' | 'seed' | 'coords'
> & { metadata: MetadataColumn[] };

/** Clusters of the data set through clusterRecipe (the same code as `vecscope cluster`). */
export const cluster: Task<
  ClusterTaskParams,
  { labels: Int32Array; names: string[]; space: string }
> = async (ds, p, ctx) => {
  const r = await clusterRecipe({ ...recipeInput(ds, ctx), params: p });
  return { labels: r.labels, names: r.names, space: r.spaceName };
};
