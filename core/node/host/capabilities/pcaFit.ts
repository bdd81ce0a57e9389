import { fitReduction } from '../../../common/reduce/fitReduction.js';
import type { FitResult } from '../../../common/reduce/reduction.js';
import type { OpenDataset } from '../datasetRegistry.js';

/** The data set's PCA (3 axes kept, all eigenvalues in the diagnostics), fitted once and cached. */
export function fittedPca(entry: OpenDataset): FitResult {
  let fit = entry.cache.get('pca') as FitResult | undefined;
  if (!fit) {
    const v = entry.dataset.vectors;
    fit = fitReduction('pca', v, { dim: Math.min(3, v.dim), metric: entry.metric, seed: 1 });
    entry.cache.set('pca', fit);
  }
  return fit;
}
