import { VecscopeError } from '../../../common/errors.js';
import type { Handler } from '../capability.js';
import { runTask } from './compute.js';

/** k-means or HDBSCAN clusters of the vectors or a UMAP of them, with a short name per cluster for the map. */
export const cluster: Handler<'cluster'> = async (params, ctx, state) => {
  const entry = state.datasets.get(params.dataset);
  const { positions, positionsDim } = params;
  if ((positions === undefined) !== (positionsDim === undefined))
    throw new VecscopeError('a map to cluster needs both its positions and its dimension');
  const coords =
    positions && positionsDim
      ? { data: positions, n: Math.floor(positions.length / positionsDim), dim: positionsDim }
      : undefined;
  if (coords && coords.n * coords.dim !== positions!.length)
    throw new VecscopeError(`${positions!.length} map values are not rows of ${positionsDim}`);
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
      ...(coords ? { coords } : {}),
      ...(params.seed !== undefined ? { seed: params.seed } : {}),
      metadata: entry.dataset.metadata,
    },
    ctx,
  );
};
