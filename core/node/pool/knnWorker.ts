// Worker-thread entry of parallelExactKnn: exact k-NN of a range of queries over a range of base rows,
// reading both matrices from SharedArrayBuffers and computing with this thread's own WASM instance.
import { exactKnn } from '../../common/knn/exactKnn.js';
import type { Matrix, Metric } from '../../common/types.js';
import { serveWorker } from './serveWorker.js';

/** One task of parallelExactKnn. */
export interface KnnTask {
  base: Matrix;
  queries: Matrix;
  k: number;
  metric: Metric;
  queryRange: [number, number];
  rowRange: [number, number];
}

serveWorker((message) => {
  const t = message as KnnTask;
  const [q0, q1] = t.queryRange;
  const dim = t.queries.dim;
  const queries: Matrix = { data: t.queries.data.subarray(q0 * dim, q1 * dim), n: q1 - q0, dim };
  const r = exactKnn(t.base, queries, t.k, t.metric, { rowRange: t.rowRange });
  return { result: r, transfer: [r.ids.buffer as ArrayBuffer, r.dists.buffer as ArrayBuffer] };
});
