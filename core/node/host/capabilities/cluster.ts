import type { Handler } from '../capability.js';
import { runTask } from './compute.js';

/** k-means or HDBSCAN clusters of the vectors or a UMAP of them, with a short name per cluster for the map. */
export const cluster: Handler<'cluster'> = async (params, ctx, state) => {
  const entry = state.datasets.get(params.dataset);
  return runTask(
    state,
    entry,
    'cluster',
    {
      method: params.method,
      ...(params.k !== undefined ? { k: params.k } : {}),
      ...(params.minClusterSize !== undefined ? { minClusterSize: params.minClusterSize } : {}),
      ...(params.minSamples !== undefined ? { minSamples: params.minSamples } : {}),
      ...(params.space !== undefined ? { space: params.space } : {}),
      ...(params.spaceDim !== undefined ? { spaceDim: params.spaceDim } : {}),
      ...(params.seed !== undefined ? { seed: params.seed } : {}),
      metadata: entry.dataset.metadata,
    },
    ctx,
  );
};
