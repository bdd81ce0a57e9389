import { exactKnn } from '../../../common/knn/exactKnn.js';
import type { Matrix } from '../../../common/types.js';
import type { Handler } from '../capability.js';
import type { OpenDataset } from '../datasetRegistry.js';
import { loadQuerySet, querySetTruth } from './studyQuerySet.js';

/** Base rows sampled for the reference distribution of k-th neighbour distances. */
const REFERENCE_ROWS = 500;

function sampleRows(m: Matrix, count: number): { rows: Matrix; ids: Int32Array } {
  const n = Math.min(count, m.n);
  const ids = new Int32Array(n);
  const data = new Float32Array(n * m.dim);
  for (let i = 0; i < n; i++) {
    const r = Math.floor((i * m.n) / n);
    ids[i] = r;
    data.set(m.data.subarray(r * m.dim, (r + 1) * m.dim), i * m.dim);
  }
  return { rows: { data, n, dim: m.dim }, ids };
}

/** Sorted k-th neighbour distances of sampled base rows (the row itself left out), cached. */
function baseKthDistances(entry: OpenDataset, k: number, signal: AbortSignal): Float64Array {
  const key = `oodReference:${k}`;
  const hit = entry.cache.get(key) as Float64Array | undefined;
  if (hit) return hit;
  const base = entry.dataset.vectors;
  const { rows, ids } = sampleRows(base, REFERENCE_ROWS);
  const kk = Math.min(k + 1, base.n);
  const r = exactKnn(base, rows, kk, 'l2', { signal });
  const out = new Float64Array(rows.n);
  for (let i = 0; i < rows.n; i++) {
    // The k-th neighbour other than the row itself (duplicates of it count as neighbours).
    let seen = 0;
    let d = r.dists[i * kk + kk - 1]!;
    for (let j = 0; j < kk; j++) {
      if (r.ids[i * kk + j] === ids[i] && seen === 0) continue;
      seen++;
      if (seen === Math.min(k, kk - 1)) {
        d = r.dists[i * kk + j]!;
        break;
      }
    }
    out[i] = Math.sqrt(Math.max(0, d));
  }
  out.sort();
  entry.cache.set(key, out);
  return out;
}

const quantile = (sorted: Float64Array, p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(p * (sorted.length - 1))))]!;

/**
 * A query set's exact neighbours and its out-of-distribution score: the Euclidean distance from the
 * query to its k-th nearest base row, divided by the median of the same distance for base rows.
 * About 1 means "as close to the data as a typical base row"; well above the base rows' 95th
 * percentile means the query sits where the base has no mass, which is where a reduction fitted to
 * the base alone (PCA) loses recall and LeanVec-OOD, fitted to queries too, helps.
 */
export const studyQueries: Handler<'studyQueries'> = async (params, ctx, state) => {
  const entry = state.datasets.get(params.dataset);
  const k = Math.min(params.k, entry.dataset.vectors.n - 1);
  ctx.progress(0, 'queries');
  const qs = await loadQuerySet(entry, params.querySet, params.maxQueries);
  await ctx.breathe();
  ctx.progress(0.2, 'exact neighbours');
  const neighbours = querySetTruth(
    entry,
    params.querySet,
    params.maxQueries,
    qs,
    k,
    entry.metric,
    ctx.signal,
  );
  await ctx.breathe();
  ctx.progress(0.5, 'base reference');
  const ref = baseKthDistances(entry, k, ctx.signal);
  const median = Math.max(quantile(ref, 0.5), 1e-12);
  await ctx.breathe();
  ctx.progress(0.8, 'query distances');
  const r = exactKnn(entry.dataset.vectors, qs.queries, k, 'l2', { signal: ctx.signal });
  const ood = new Float32Array(qs.queries.n);
  for (let q = 0; q < qs.queries.n; q++) ood[q] = Math.sqrt(Math.max(0, r.dists[q * k + k - 1]!)) / median;
  return {
    nq: qs.queries.n,
    k,
    neighbours,
    ood,
    baseP95: quantile(ref, 0.95) / median,
    labels: qs.labels,
  };
};
