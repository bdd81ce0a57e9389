import { powerPca, projectLayout, type PowerPca } from '../../../common/layout/pcaPowerLayout.js';
import type { LayoutResult } from '../../../common/rpc/protocol.js';
import { UnavailableError, type Handler } from '../capability.js';
import type { OpenDataset } from '../datasetRegistry.js';
import { umapLayout } from './umapLayout.js';

export function fitPca(entry: OpenDataset): PowerPca {
  let pca = entry.cache.get('pca') as PowerPca | undefined;
  if (!pca) {
    pca = powerPca(entry.dataset.vectors, Math.min(32, entry.dataset.vectors.dim));
    entry.cache.set('pca', pca);
  }
  return pca;
}

/** A 2-D or 3-D map of the data set; UMAP and t-SNE stream their layouts as partial results. */
export const layout: Handler<'layout'> = async (params, ctx, state) => {
  const entry = state.datasets.get(params.dataset);
  const key = `layout:${params.method}:${params.dim}:${params.seed ?? 1}`;
  const hit = entry.cache.get(key) as LayoutResult | undefined;
  if (hit) return hit;
  let positions: Float32Array;
  switch (params.method) {
    case 'pca': {
      ctx.progress(0, 'fitting PCA');
      const pca = fitPca(entry);
      ctx.progress(0.8, 'projecting');
      positions = projectLayout(entry.dataset.vectors, pca, params.dim);
      break;
    }
    case 'umap':
      positions = await umapLayout(entry, params.dim, params.seed ?? 1, ctx);
      break;
    case 'tsne':
      throw new UnavailableError('t-SNE');
  }
  const result: LayoutResult = { method: params.method, dim: params.dim, positions };
  entry.cache.set(key, result);
  return result;
};
