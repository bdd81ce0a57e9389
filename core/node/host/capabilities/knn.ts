import { VecscopeError } from '../../../common/errors.js';
import { exactKnn } from '../../../common/knn/exactKnn.js';
import type { Handler } from '../capability.js';

/**
 * Exact k nearest neighbours of one row among all rows, from the full vectors with the data set's
 * metric (the same search as `vecscope knn`); the row itself is left out.
 */
export const knn: Handler<'knn'> = async ({ dataset, row, k }, ctx, state) => {
  const entry = state.datasets.get(dataset);
  const base = entry.dataset.vectors;
  if (row >= base.n) throw new VecscopeError(`row ${row} is outside 0..${base.n - 1}`);
  const kk = Math.min(k, base.n - 1);
  const query = { data: base.data.slice(row * base.dim, (row + 1) * base.dim), n: 1, dim: base.dim };
  // One extra, so the row itself (normally first, but duplicates may tie with it) can be dropped.
  const r = exactKnn(base, query, kk + 1, entry.metric, { signal: ctx.signal });
  const ids: number[] = [];
  const dists: number[] = [];
  for (let i = 0; i < r.k && ids.length < kk; i++) {
    const id = r.ids[i]!;
    if (id === row || id < 0) continue;
    ids.push(id);
    dists.push(r.dists[i]!);
  }
  return { ids: Int32Array.from(ids), dists: Float32Array.from(dists) };
};
