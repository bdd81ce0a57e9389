import { normalizeLayout } from '../../../common/layout/normalizeLayout.js';
import type { LayoutResult } from '../../../common/rpc/protocol.js';
import type { Handler } from '../capability.js';
import { runTask } from './compute.js';

/** A 2-D or 3-D map of the data set, computed on the compute thread; UMAP and t-SNE stream partial layouts. */
export const layout: Handler<'layout'> = async (params, ctx, state) => {
  const entry = state.datasets.get(params.dataset);
  const { dim } = params;
  const seed = params.seed ?? 1;
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
  let positions: Float32Array;
  switch (params.method) {
    case 'pca': {
      const pca = await runTask(state, entry, 'pca', {}, ctx);
      // The first `dim` principal axes, centred and scaled like every other map.
      positions = new Float32Array(entry.dataset.vectors.n * dim);
      for (let i = 0; i < entry.dataset.vectors.n; i++) {
        for (let c = 0; c < dim && c < pca.coordDim; c++)
          positions[i * dim + c] = pca.coords[i * pca.coordDim + c]!;
      }
      normalizeLayout(positions, dim);
      break;
    }
    case 'umap':
      positions = await runTask(
        state,
        entry,
        'umap',
        {
          dim,
          seed,
          ...(params.neighbors !== undefined ? { nNeighbors: params.neighbors } : {}),
          ...(params.minDist !== undefined ? { minDist: params.minDist } : {}),
          ...(params.epochs !== undefined ? { nEpochs: params.epochs } : {}),
        },
        ctx,
        [0, 1],
        (p, epoch) => ctx.partial({ positions: p, epoch }),
      );
      break;
    case 'tsne':
      positions = await runTask(
        state,
        entry,
        'tsne',
        {
          dim,
          seed,
          ...(params.perplexity !== undefined ? { perplexity: params.perplexity } : {}),
          ...(params.epochs !== undefined ? { nIter: params.epochs } : {}),
        },
        ctx,
        [0, 1],
        (p, epoch) => ctx.partial({ positions: p, epoch }),
      );
      break;
  }
  const result: LayoutResult = { method: params.method, dim, positions };
  entry.cache.set(key, result);
  return result;
};
