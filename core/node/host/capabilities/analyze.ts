import type { Handler } from '../capability.js';
import { fitPca } from './layout.js';

/** Shape facts for the data set panel: the PCA spectrum (and intrinsic dimension once available). */
export const analyze: Handler<'analyze'> = async ({ dataset }, ctx, state) => {
  const entry = state.datasets.get(dataset);
  ctx.progress(0, 'PCA spectrum');
  await ctx.breathe();
  const pca = fitPca(entry);
  const spectrum = Float32Array.from(pca.eigenvalues, (v) =>
    pca.totalVariance > 0 ? v / pca.totalVariance : 0,
  );
  return { spectrum, intrinsicDim: null, intrinsicMethod: 'unavailable' };
};
