import { normalizeLayout } from '../../../common/layout/normalizeLayout.js';
import { reduceData } from '../../../common/reduce/reduction.js';
import type { LayoutResult } from '../../../common/rpc/protocol.js';
import { UnavailableError, type Handler } from '../capability.js';
import { fittedPca } from './pcaFit.js';
import { umapLayout } from './umapLayout.js';

/** PCA coordinates: the first `dim` principal axes, centred and scaled like every other map. */
function pcaLayout(entry: Parameters<typeof fittedPca>[0], dim: number): Float32Array {
  const reduced = reduceData(fittedPca(entry).reduction, entry.dataset.vectors);
  const out = new Float32Array(reduced.n * dim);
  for (let i = 0; i < reduced.n; i++) {
    for (let c = 0; c < dim && c < reduced.dim; c++) out[i * dim + c] = reduced.data[i * reduced.dim + c]!;
  }
  return normalizeLayout(out, dim);
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
      await ctx.breathe();
      positions = pcaLayout(entry, params.dim);
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
