import { MAP_DEFAULTS } from '../../../common/recipes/mapDefaults.js';
import type { LayoutResult } from '../../../common/rpc/protocol.js';
import type { Handler } from '../capability.js';
import { runTask } from './compute.js';

/** A 2-D or 3-D map of the data set, computed on the compute thread; UMAP and t-SNE stream partial layouts. */
export const layout: Handler<'layout'> = async (params, ctx, state) => {
  const entry = state.datasets.get(params.dataset);
  const { dim } = params;
  const seed = params.seed ?? MAP_DEFAULTS.seed;
  // Only the fields the method uses (absent ones as '-'), so a PCA map is shared by every setting.
  const used =
    params.method === 'umap'
      ? [params.neighbors, params.minDist, params.epochs]
      : params.method === 'tsne'
        ? [params.perplexity, params.epochs]
        : [];
  const key = ['layout', params.method, dim, seed, ...used.map((v) => v ?? '-')].join(':');
  const hit = entry.cache.get(key) as LayoutResult | undefined;
  if (hit) return hit;
  const positions = await runTask(
    state,
    entry,
    'map',
    {
      method: params.method,
      dim,
      seed,
      ...(params.method === 'umap' && params.neighbors !== undefined ? { nNeighbors: params.neighbors } : {}),
      ...(params.method === 'umap' && params.minDist !== undefined ? { minDist: params.minDist } : {}),
      ...(params.method === 'tsne' && params.perplexity !== undefined
        ? { perplexity: params.perplexity }
        : {}),
      ...(params.method !== 'pca' && params.epochs !== undefined ? { epochs: params.epochs } : {}),
    },
    ctx,
    [0, 1],
    (p, epoch) => ctx.partial({ positions: p, epoch }),
  );
  const result: LayoutResult = { method: params.method, dim, positions };
  entry.cache.set(key, result);
  return result;
};
