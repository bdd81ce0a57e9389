import { SELF_KNN_KEY } from '../../common/recipes/cachedExactSelfKnn.js';
import { CancelledError } from '../../common/errors.js';
import type { KnnResult, Matrix, Metric } from '../../common/types.js';
import { mapKnn } from '../embed/mapKnn.js';

/** The cache key of the PCA-prefiltered map graph (kept apart from the exact one, which map quality reuses). */
const PREFILTERED_KEY = 'mapKnn';

/**
 * The k-NN graph a map is built from: exact on the worker pool (`exact`), else mapKnn's PCA-prefiltered
 * graph. A cached graph of at least k columns serves a smaller request (UMAP reads its first
 * n_neighbors − 1 columns, t-SNE cuts it), a larger request replaces it.
 */
export async function mapGraph(
  m: Matrix,
  metric: Metric,
  k: number,
  opts: {
    exact: boolean;
    seed: number;
    cache?: Map<string, unknown> | undefined;
    signal?: { readonly aborted: boolean } | undefined;
    onProgress?: (fraction: number) => void;
  },
): Promise<{ knn: KnnResult; method: 'exact' | 'pca-prefilter' }> {
  const want = Math.min(k, m.n - 1);
  const key = opts.exact ? SELF_KNN_KEY : PREFILTERED_KEY;
  const hit = opts.cache?.get(key) as KnnResult | undefined;
  const method = opts.exact ? 'exact' : 'pca-prefilter';
  if (hit && hit.k >= want) return { knn: hit, method };
  const g = await mapKnn(m, want, metric, {
    seed: opts.seed,
    ...(opts.exact ? { exactLimit: Infinity } : { exactLimit: 0 }),
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
  });
  if (opts.signal?.aborted) throw new CancelledError();
  opts.cache?.set(key, g.knn);
  return g;
}
