import type { Handler } from '../capability.js';
import { runTask } from './compute.js';

/** Faithfulness of a map the renderer shows, measured against the full vectors on the compute thread. */
export const mapQuality: Handler<'mapQuality'> = async (params, ctx, state) => {
  const entry = state.datasets.get(params.dataset);
  return runTask(
    state,
    entry,
    'mapQuality',
    {
      positions: params.positions,
      mapDim: params.dim,
      ...(params.labels ? { labels: params.labels } : {}),
      ...(params.perPoint ? { perPoint: true } : {}),
    },
    ctx,
  );
};
