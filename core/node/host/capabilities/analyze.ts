import type { Handler } from '../capability.js';
import { spectrumShares } from '../../../common/recipes/analyseRecipe.js';
import { runTask } from './compute.js';

/** Shape facts for the data set panel: the PCA spectrum and intrinsic dimension estimates. */
export const analyze: Handler<'analyze'> = async ({ dataset }, ctx, state) => {
  const entry = state.datasets.get(dataset);
  ctx.progress(0, 'PCA spectrum');
  const { eigenvalues, totalVariance: trace } = await runTask(state, entry, 'pca', {}, ctx, [0, 0.4]);
  const spectrum = spectrumShares(eigenvalues, trace);
  ctx.progress(0.4, 'intrinsic dimension');
  let intrinsic = null;
  if (entry.dataset.vectors.n >= 50) {
    const id = await runTask(state, entry, 'intrinsic', {}, ctx, [0.4, 1]);
    intrinsic = {
      twoNN: id.twoNN,
      mle: id.mle,
      pca90: id.pca90,
      pca95: id.pca95,
      participationRatio: id.participationRatio,
      sampleSize: id.sampleSize,
    };
  }
  return { spectrum, intrinsic };
};
