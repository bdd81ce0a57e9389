import { exactSelfKnn } from '../embed/selfKnn.js';
import type { KnnResult, Matrix, Metric } from '../types.js';

/** The cache key of a data set's exact k-NN graph among its own rows (self excluded, its metric). */
export const SELF_KNN_KEY = 'selfKnn';

/**
 * The exact k-NN graph of the rows, from `cache` when a graph of at least k columns is there (callers
 * read only their first k columns), else computed here and stored. Shared by the maps and map quality.
 */
export function cachedExactSelfKnn(
  m: Matrix,
  metric: Metric,
  k: number,
  opts: {
    cache?: Map<string, unknown> | undefined;
    signal?: { readonly aborted: boolean } | undefined;
    onProgress?: ((fraction: number) => void) | undefined;
  } = {},
): KnnResult {
  const want = Math.min(k, m.n - 1);
  const hit = opts.cache?.get(SELF_KNN_KEY) as KnnResult | undefined;
  if (hit && hit.k >= want) return hit;
  const knn = exactSelfKnn(m, want, metric, {
    ...(opts.signal ? { signal: opts.signal } : {}),
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
  });
  opts.cache?.set(SELF_KNN_KEY, knn);
  return knn;
}
