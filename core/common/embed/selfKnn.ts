import { exactKnn, type ExactKnnOptions } from '../knn/exactKnn.js';
import type { KnnResult, Matrix, Metric } from '../types.js';

/**
 * Drops each row's own entry from a k-NN result of a set against itself searched with k + 1 (the row is
 * not always first when duplicates tie with it; then its entry, or else the last one, is dropped).
 * Returns a new nq × k result.
 */
export function dropSelf(r: KnnResult): KnnResult {
  const k = r.k - 1;
  const ids = new Int32Array(r.nq * k);
  const dists = new Float32Array(r.nq * k);
  for (let i = 0; i < r.nq; i++) {
    let skip = r.k - 1;
    for (let j = 0; j < r.k; j++) {
      if (r.ids[i * r.k + j] === i) {
        skip = j;
        break;
      }
    }
    let t = 0;
    for (let j = 0; j < r.k; j++) {
      if (j === skip) continue;
      ids[i * k + t] = r.ids[i * r.k + j]!;
      dists[i * k + t] = r.dists[i * r.k + j]!;
      t++;
    }
  }
  return { ids, dists, nq: r.nq, k };
}

/** Exact k-NN of every row among the others (self excluded), single-threaded WASM kernels. */
export function exactSelfKnn(m: Matrix, k: number, metric: Metric, opts: ExactKnnOptions = {}): KnnResult {
  return dropSelf(exactKnn(m, m, Math.min(k + 1, m.n), metric, opts));
}
