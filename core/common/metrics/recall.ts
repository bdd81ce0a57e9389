import { normalizeRowF32 } from '../kernels/reference.js';
import { pairDistance } from '../knn/pairDistance.js';
import type { Matrix, Metric } from '../types.js';

/** Neighbour ids, row-major nq × k (ground truth or a search result). */
export interface IdLists {
  ids: Int32Array;
  k: number;
}

export interface Recall {
  /** Mean over queries. */
  recall: number;
  /** Per query, in [0, 1]. The caller owns it. */
  perQuery: Float32Array;
}

/** Relative tolerance of the tie rule (big-ann-benchmarks). */
const TIE_TOLERANCE = 1e-6;
/** Absolute floor of the tolerance, for k-th distances near zero. */
const TIE_FLOOR = 1e-30;

function checkLists(truth: IdLists, result: IdLists, nq: number, k: number): void {
  if (!Number.isInteger(k) || k < 1) throw new Error(`recall: k must be a positive integer, got ${k}`);
  if (truth.k < k)
    throw new Error(`recall@${k} needs at least ${k} true neighbours per query, got ${truth.k}`);
  if (truth.ids.length < nq * truth.k || result.ids.length < nq * result.k) {
    throw new Error(`recall: id lists shorter than ${nq} queries`);
  }
}

/**
 * Plain k-recall@k: the share of each query's first k true ids found among the first k returned ids
 * (ids < 0 are padding and never count), averaged over queries.
 */
export function recallFromIds(truth: IdLists, result: IdLists, nq: number, k: number): Recall {
  checkLists(truth, result, nq, k);
  const perQuery = new Float32Array(nq);
  const kr = Math.min(k, result.k);
  const want = new Set<number>();
  let sum = 0;
  for (let q = 0; q < nq; q++) {
    want.clear();
    for (let t = 0; t < k; t++) want.add(truth.ids[q * truth.k + t]!);
    let hits = 0;
    for (let t = 0; t < kr; t++) {
      const id = result.ids[q * result.k + t]!;
      // Deleting makes a repeated id count once.
      if (id >= 0 && want.delete(id)) hits++;
    }
    perQuery[q] = hits / k;
    sum += hits / k;
  }
  return { recall: nq > 0 ? sum / nq : 0, perQuery };
}

/**
 * k-recall@k with the big-ann-benchmarks tie rule: a returned id counts when its exact distance (the
 * distance `exactKnn` ranks by, recomputed from the vectors) is within the tolerance of the distance
 * of the truth's k-th neighbour: d ≤ d_k + max(1e-6·|d_k|, 1e-30). So any of several rows tied at
 * the k-th place (duplicate vectors) counts, whichever the ground truth happened to list. Each distinct
 * id counts once, at most k per query; ids < 0 never count.
 */
export function recallWithTies(
  base: Matrix,
  queries: Matrix,
  metric: Metric,
  truth: IdLists,
  result: IdLists,
  k: number,
): Recall {
  const nq = queries.n;
  checkLists(truth, result, nq, k);
  if (queries.dim !== base.dim) throw new Error('recall: queries and base differ in dimension');
  const dim = base.dim;
  const kr = Math.min(k, result.k);
  const perQuery = new Float32Array(nq);
  const qrow = new Float32Array(dim);
  const xrow = new Float32Array(dim);
  const seen = new Set<number>();
  const dist = (id: number): number => {
    xrow.set(base.data.subarray(id * dim, (id + 1) * dim));
    if (metric === 'cos') normalizeRowF32(xrow, 0, dim);
    return pairDistance(metric, qrow, 0, xrow, 0, dim);
  };
  let sum = 0;
  for (let q = 0; q < nq; q++) {
    qrow.set(queries.data.subarray(q * dim, (q + 1) * dim));
    if (metric === 'cos') normalizeRowF32(qrow, 0, dim);
    const kthId = truth.ids[q * truth.k + k - 1]!;
    if (kthId < 0 || kthId >= base.n) throw new Error(`recall: true neighbour id ${kthId} is not a base row`);
    const kth = dist(kthId);
    const limit = kth + Math.max(TIE_TOLERANCE * Math.abs(kth), TIE_FLOOR);
    seen.clear();
    let hits = 0;
    for (let t = 0; t < kr; t++) {
      const id = result.ids[q * result.k + t]!;
      if (id < 0 || id >= base.n || seen.has(id)) continue;
      seen.add(id);
      if (dist(id) <= limit) hits++;
    }
    perQuery[q] = hits / k;
    sum += hits / k;
  }
  return { recall: nq > 0 ? sum / nq : 0, perQuery };
}
