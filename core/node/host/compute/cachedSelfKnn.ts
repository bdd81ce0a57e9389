import { exactSelfKnn } from '../../../common/embed/selfKnn.js';
import type { KnnResult } from '../../../common/types.js';
import type { ComputeDataset, TaskContext } from './tasks.js';

/**
 * The exact k-NN graph of the rows among themselves (self excluded, in the data set's metric), cached
 * as 'selfKnn'; a cached larger k serves smaller requests, so callers read only their first k columns.
 * Progress goes to `range` of the task's bar.
 */
export function cachedSelfKnn(
  ds: ComputeDataset,
  k: number,
  ctx: TaskContext,
  range: [number, number],
): KnnResult {
  const hit = ds.cache.get('selfKnn') as KnnResult | undefined;
  if (hit && hit.k >= Math.min(k, ds.vectors.n - 1)) return hit;
  const [lo, hi] = range;
  ctx.progress(lo, 'nearest neighbours');
  const knn = exactSelfKnn(ds.vectors, Math.min(k, ds.vectors.n - 1), ds.metric, {
    signal: ctx.signal,
    onProgress: (f) => ctx.progress(lo + (hi - lo) * f, 'nearest neighbours'),
  });
  ds.cache.set('selfKnn', knn);
  return knn;
}
