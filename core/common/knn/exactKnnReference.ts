import type { KnnResult, Matrix, Metric } from '../types.js';
import { checkKnnArgs } from './checkKnnArgs.js';
import { normalizeRows } from './normalizeRows.js';
import { pairDistance } from './pairDistance.js';

/**
 * Brute-force k-NN in plain TypeScript by sorting every distance: the specification `exactKnn` is
 * tested against (same distances, same order, same padding), far slower. The result belongs to the caller.
 */
export function exactKnnReference(
  base: Matrix,
  queries: Matrix,
  k: number,
  metric: Metric,
  opts: { rowRange?: [number, number] } = {},
): KnnResult {
  const [r0, r1] = checkKnnArgs(base, queries, k, metric, opts.rowRange);
  const b = metric === 'cos' ? normalizeRows(base) : base;
  const q = metric === 'cos' ? normalizeRows(queries) : queries;
  const dim = base.dim;
  const ids = new Int32Array(queries.n * k).fill(-1);
  const dists = new Float32Array(queries.n * k).fill(Infinity);
  for (let i = 0; i < queries.n; i++) {
    const cand: { d: number; id: number }[] = [];
    for (let j = r0; j < r1; j++) {
      const d = pairDistance(metric, q.data, i * dim, b.data, j * dim, dim);
      if (!Number.isNaN(d)) cand.push({ d, id: j });
    }
    cand.sort((x, y) => x.d - y.d || x.id - y.id);
    for (let t = 0; t < Math.min(k, cand.length); t++) {
      ids[i * k + t] = cand[t]!.id;
      dists[i * k + t] = cand[t]!.d;
    }
  }
  return { ids, dists, nq: queries.n, k };
}
