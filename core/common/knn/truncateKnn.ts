import type { KnnResult } from '../types.js';

/**
 * Keeps the first `k` columns of a k-NN result (best first), so a cached larger graph serves a smaller
 * request. Returns `knn` itself when it has no more than `k` columns, else new caller-owned arrays.
 */
export function truncateKnn(knn: KnnResult, k: number): KnnResult {
  if (k >= knn.k) return knn;
  const ids = new Int32Array(knn.nq * k);
  const dists = new Float32Array(knn.nq * k);
  for (let i = 0; i < knn.nq; i++) {
    ids.set(knn.ids.subarray(i * knn.k, i * knn.k + k), i * k);
    dists.set(knn.dists.subarray(i * knn.k, i * knn.k + k), i * k);
  }
  return { ids, dists, nq: knn.nq, k };
}
