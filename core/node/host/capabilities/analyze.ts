import { intrinsicDimension } from '../../../common/metrics/intrinsicDimension.js';
import type { Handler } from '../capability.js';
import { fittedPca } from './pcaFit.js';

/** Shape facts for the data set panel: the PCA spectrum and intrinsic dimension estimates. */
export const analyze: Handler<'analyze'> = async ({ dataset }, ctx, state) => {
  const entry = state.datasets.get(dataset);
  ctx.progress(0, 'PCA spectrum');
  await ctx.breathe();
  const eig = fittedPca(entry).diagnostics.eigenvalues ?? new Float64Array(0);
  let trace = 0;
  for (const v of eig) trace += Math.max(v, 0);
  const spectrum = Float32Array.from(eig.subarray(0, 64), (v) => (trace > 0 ? Math.max(v, 0) / trace : 0));
  ctx.progress(0.4, 'intrinsic dimension');
  await ctx.breathe();
  const v = entry.dataset.vectors;
  let intrinsic = null;
  if (v.n >= 50) {
    const id = intrinsicDimension(v, { sampleSize: 2000, seed: 1 });
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
