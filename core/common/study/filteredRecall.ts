import type { CodeMetric } from '../quantize/codec.js';
import type { FilteredPipelineSearcher, FilterMode } from '../search/filteredPipelineSearcher.js';
import type { SearchSettings } from '../search/pipelineSearcher.js';
import type { Matrix } from '../types.js';
import { exactTruth } from './exactTruth.js';

/** A filter the study measures: its predicate (the text the user or the sweep wrote) and the rows it
 * allows, an n-long 0/1 mask. */
export interface StudyFilter {
  filter: string;
  allowed: Uint8Array;
  /** The user's own filter: its numbers also become the row's `filter`, `selectivity` and
   * `filteredRecall*` fields (a sweep's filters only appear in the row's `filtered` list). */
  primary?: boolean;
}

/** Recall of one pipeline under one filter, against the exact filtered ground truth. */
export interface FilteredRecall {
  filter: string;
  /** Allowed rows over n. */
  selectivity: number;
  /** How many rows the filter allows. */
  allowed: number;
  /** Recall@k of the exact scan of the allowed rows' codes, re-ranked as the pipeline does. */
  recallPrefilter: number;
  /** Recall@k of the graph traversal that skips disallowed rows; absent for a Flat pipeline. */
  recallInGraph?: number;
  evaluationsPrefilter: number;
  evaluationsInGraph?: number;
  /** Per query, the recall of the mode the map paints: in-graph where there is a graph, else pre-filter. */
  perQueryRecall: Float32Array;
  /** Per base row, the share of the queries having it as a filtered true neighbour that missed it
   * (same mode; NaN where it is nobody's filtered neighbour, e.g. every disallowed row). */
  neighbourLoss: Float32Array;
}

/** The allowed rows of a mask, ascending. */
export function allowedRows(allowed: Uint8Array): Int32Array {
  let count = 0;
  for (let i = 0; i < allowed.length; i++) if (allowed[i]) count++;
  const ids = new Int32Array(count);
  let j = 0;
  for (let i = 0; i < allowed.length; i++) if (allowed[i]) ids[j++] = i;
  return ids;
}

/**
 * Exact filtered k-NN: brute force over the allowed rows only (float32, the study's base after its
 * cosine normalisation), by `knn` (the study's parallel exact k-NN) when given, else a single-thread
 * scan. Returns nq × k base-row ids, best first, −1 past the allowed count; the caller owns it.
 */
export async function filteredTruth(
  base: Matrix,
  queries: Matrix,
  ids: Int32Array,
  k: number,
  metric: CodeMetric,
  knn?: (sub: Matrix, k: number) => Int32Array | Promise<Int32Array>,
): Promise<Int32Array> {
  const m = ids.length;
  const sub = new Float32Array(m * base.dim);
  for (let j = 0; j < m; j++)
    sub.set(base.data.subarray(ids[j]! * base.dim, (ids[j]! + 1) * base.dim), j * base.dim);
  const kk = Math.min(k, m);
  const rows = { data: sub, n: m, dim: base.dim };
  const local = knn ? await knn(rows, kk) : exactTruth(rows, queries, kk, metric);
  const out = new Int32Array(queries.n * k).fill(-1);
  for (let q = 0; q < queries.n; q++)
    for (let i = 0; i < kk; i++) {
      const l = local[q * kk + i]!;
      out[q * k + i] = l < 0 ? -1 : ids[l]!;
    }
  return out;
}

/** Per-query recall against a filtered truth: hits over min(k, allowed), since a filter that allows
 * fewer than k rows cannot be asked for k. */
export function filteredRecallOf(
  found: Int32Array,
  truth: Int32Array,
  nq: number,
  k: number,
): { per: Float32Array; mean: number } {
  const per = new Float32Array(nq);
  let sum = 0;
  for (let q = 0; q < nq; q++) {
    const t = new Set<number>();
    for (let i = 0; i < k; i++) {
      const id = truth[q * k + i]!;
      if (id >= 0) t.add(id);
    }
    let hit = 0;
    const seen = new Set<number>();
    for (let i = 0; i < k; i++) {
      const id = found[q * k + i]!;
      if (id >= 0 && t.has(id) && !seen.has(id)) {
        seen.add(id);
        hit++;
      }
    }
    const r = t.size > 0 ? hit / t.size : 1;
    per[q] = r;
    sum += r;
  }
  return { per, mean: nq > 0 ? sum / nq : NaN };
}

function lossOf(found: Int32Array, truth: Int32Array, nq: number, k: number, n: number): Float32Array {
  const seen = new Int32Array(n);
  const missed = new Int32Array(n);
  for (let q = 0; q < nq; q++) {
    const got = new Set(found.subarray(q * k, q * k + k));
    for (let i = 0; i < k; i++) {
      const t = truth[q * k + i]!;
      if (t < 0) continue;
      seen[t]!++;
      if (!got.has(t)) missed[t]!++;
    }
  }
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = seen[i]! > 0 ? missed[i]! / seen[i]! : NaN;
  return out;
}

/**
 * Measures one pipeline under one filter in both modes (in-graph only with a graph). `searcher` holds
 * the pipeline's parts; `primaryQueries` are the queries in its primary (reduced) space, `queries` the
 * originals; `truth` the exact filtered truth (filteredTruth).
 */
export function measureFiltered(
  searcher: FilteredPipelineSearcher,
  f: StudyFilter,
  ids: Int32Array,
  truth: Int32Array,
  primaryQueries: Matrix,
  queries: Matrix,
  s: SearchSettings,
): FilteredRecall {
  const nq = queries.n;
  const { k } = s;
  const run = (mode: FilterMode) => {
    const out = new Int32Array(nq * k);
    let evaluations = 0;
    for (let q = 0; q < nq; q++) {
      searcher.search(
        mode,
        primaryQueries.data,
        q * primaryQueries.dim,
        queries.data,
        q * queries.dim,
        s,
        f.allowed,
        ids,
        out,
        q * k,
      );
      evaluations += searcher.evaluations;
    }
    return { out, evaluations: evaluations / Math.max(nq, 1), ...filteredRecallOf(out, truth, nq, k) };
  };
  const pre = run('prefilter');
  const graph = searcher.hasGraph ? run('inGraph') : undefined;
  const painted = graph ?? pre;
  return {
    filter: f.filter,
    selectivity: ids.length / f.allowed.length,
    allowed: ids.length,
    recallPrefilter: pre.mean,
    evaluationsPrefilter: pre.evaluations,
    ...(graph ? { recallInGraph: graph.mean, evaluationsInGraph: graph.evaluations } : {}),
    perQueryRecall: painted.per,
    neighbourLoss: lossOf(painted.out, truth, nq, k, f.allowed.length),
  };
}
