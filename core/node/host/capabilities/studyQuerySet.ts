import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { VecscopeError } from '../../../common/errors.js';
import { exactKnn } from '../../../common/knn/exactKnn.js';
import type { QuerySet } from '../../../common/rpc/protocol.js';
import type { Matrix, Metric } from '../../../common/types.js';
import { loadQueries } from '../../io/loadDataset.js';
import { samplePaths } from '../../io/samples.js';
import type { OpenDataset } from '../datasetRegistry.js';

export interface LoadedQuerySet {
  queries: Matrix;
  /** One short text per query (the sample's query text), or row names. */
  labels: string[];
}

const DEFAULT_MAX_QUERIES = 1000;

/** What a set is cached under: an attached query file's version goes with it, so a new file never
 * meets the queries, truth or fitted reductions of the one before. */
export function querySetKey(entry: OpenDataset, set: QuerySet): string {
  return set === 'file' ? `file#${entry.queryFile?.version ?? 0}` : set;
}

function isSample(entry: OpenDataset): boolean {
  const f = entry.dataset.file;
  return f === 'sample' || resolve(f) === resolve(samplePaths().base);
}

async function queryTexts(tsv: string, count: number): Promise<string[]> {
  try {
    const lines = (await readFile(tsv, 'utf8')).split('\n');
    const col = lines[0]!.split('\t').indexOf('query_text');
    return lines.slice(1, count + 1).map((l, i) => (col >= 0 ? (l.split('\t')[col] ?? '') : `query ${i}`));
  } catch {
    return Array.from({ length: count }, (_, i) => `query ${i}`);
  }
}

function firstRows(m: Matrix, count: number): Matrix {
  const n = Math.min(m.n, count);
  return { data: m.data.subarray(0, n * m.dim), n, dim: m.dim };
}

/**
 * The queries of a study or of the query overlay: the sample's OOD / ID sets, the data set's own query
 * set, or (`base`) evenly spaced base rows as held-in queries. The first `maxQueries` are used. Cached
 * on the data set; the returned matrix is shared and must not be changed.
 */
export async function loadQuerySet(
  entry: OpenDataset,
  set: QuerySet,
  maxQueries = DEFAULT_MAX_QUERIES,
): Promise<LoadedQuerySet> {
  const key = `querySet:${querySetKey(entry, set)}:${maxQueries}`;
  const hit = entry.cache.get(key) as LoadedQuerySet | undefined;
  if (hit) return hit;
  const base = entry.dataset.vectors;
  let result: LoadedQuerySet;
  if (set === 'ood' || set === 'id') {
    if (!isSample(entry))
      throw new VecscopeError(
        `the sample's ${set === 'ood' ? 'out-of-distribution' : 'in-distribution'} queries belong to the sample; choose this file's queries or base rows as queries`,
      );
    const p = samplePaths();
    const q = firstRows(await loadQueries(set === 'ood' ? p.queryOod : p.queryId, base), maxQueries);
    const labels = await queryTexts(set === 'ood' ? p.queryOodMetadata : p.queryIdMetadata, q.n);
    result = { queries: q, labels };
  } else if (set === 'file') {
    const f = entry.queryFile;
    if (!f) throw new VecscopeError('no query file attached to this data set; open one first');
    const q = firstRows(f.queries, maxQueries);
    result = { queries: q, labels: f.labels.slice(0, q.n) };
  } else if (set === 'dataset') {
    if (!entry.dataset.queries)
      throw new VecscopeError('this data set holds no queries of its own; choose base rows as queries');
    const q = firstRows(entry.dataset.queries, maxQueries);
    result = { queries: q, labels: Array.from({ length: q.n }, (_, i) => `query ${i}`) };
  } else {
    const nq = Math.min(maxQueries, base.n);
    const data = new Float32Array(nq * base.dim);
    const labels: string[] = [];
    for (let i = 0; i < nq; i++) {
      const r = Math.floor((i * base.n) / nq);
      data.set(base.data.subarray(r * base.dim, (r + 1) * base.dim), i * base.dim);
      labels.push(`base row ${r}`);
    }
    result = { queries: { data, n: nq, dim: base.dim }, labels };
  }
  entry.cache.set(key, result);
  return result;
}

const MAX_LEARN_QUERIES = 2000;

/**
 * Training queries for query-aware reductions (LeanVec-OOD / ES), disjoint from the evaluated ones:
 * the rest of the same query set after the first `maxQueries` (for `base`, the base rows halfway
 * between the evaluated ones). Undefined when the set has no queries left over.
 */
export async function learnQuerySet(
  entry: OpenDataset,
  set: QuerySet,
  maxQueries = DEFAULT_MAX_QUERIES,
): Promise<Matrix | undefined> {
  const key = `learnQuerySet:${querySetKey(entry, set)}:${maxQueries}`;
  if (entry.cache.has(key)) return entry.cache.get(key) as Matrix | undefined;
  const base = entry.dataset.vectors;
  let learn: Matrix | undefined;
  if (set === 'base') {
    const nq = Math.min(maxQueries, base.n);
    const count = Math.min(nq, MAX_LEARN_QUERIES);
    const data = new Float32Array(count * base.dim);
    for (let i = 0; i < count; i++) {
      const r = Math.min(base.n - 1, Math.floor(((i + 0.5) * base.n) / nq));
      data.set(base.data.subarray(r * base.dim, (r + 1) * base.dim), i * base.dim);
    }
    learn = count > 0 ? { data, n: count, dim: base.dim } : undefined;
  } else if (set === 'file' && entry.queryFile?.learn) {
    const l = entry.queryFile.learn;
    learn = firstRows(l, MAX_LEARN_QUERIES);
  } else {
    const all = (await loadQuerySet(entry, set, Number.MAX_SAFE_INTEGER)).queries;
    const rest = Math.min(all.n - maxQueries, MAX_LEARN_QUERIES);
    if (rest > 0)
      learn = {
        data: all.data.subarray(maxQueries * all.dim, (maxQueries + rest) * all.dim),
        n: rest,
        dim: all.dim,
      };
  }
  entry.cache.set(key, learn);
  return learn;
}

const truthKey = (entry: OpenDataset, set: QuerySet, maxQueries: number | undefined, metric: Metric) =>
  `querySetTruth:${querySetKey(entry, set)}:${maxQueries ?? DEFAULT_MAX_QUERIES}:${metric}`;

/** A query set's exact neighbours (nq × k ids) when they are cached at k or deeper. */
export function cachedQuerySetTruth(
  entry: OpenDataset,
  set: QuerySet,
  maxQueries: number | undefined,
  nq: number,
  k: number,
  metric: Metric,
): Int32Array | undefined {
  const hit = entry.cache.get(truthKey(entry, set, maxQueries, metric)) as
    { k: number; ids: Int32Array } | undefined;
  if (hit && hit.k >= k) return hit.k === k ? hit.ids : narrow(hit.ids, nq, hit.k, k);
  return undefined;
}

/** Caches a query set's exact neighbours (nq × k ids), computed elsewhere (a study job). */
export function cacheQuerySetTruth(
  entry: OpenDataset,
  set: QuerySet,
  maxQueries: number | undefined,
  k: number,
  metric: Metric,
  ids: Int32Array,
): void {
  entry.cache.set(truthKey(entry, set, maxQueries, metric), { k, ids });
}

/** Exact neighbours of a query set (nq × k ids), cached per metric and k. */
export function querySetTruth(
  entry: OpenDataset,
  set: QuerySet,
  maxQueries: number | undefined,
  qs: LoadedQuerySet,
  k: number,
  metric: Metric,
  signal: AbortSignal,
): Int32Array {
  const hit = cachedQuerySetTruth(entry, set, maxQueries, qs.queries.n, k, metric);
  if (hit) return hit;
  const r = exactKnn(entry.dataset.vectors, qs.queries, k, metric, { signal });
  cacheQuerySetTruth(entry, set, maxQueries, k, metric, r.ids);
  return r.ids;
}

function narrow(ids: Int32Array, nq: number, from: number, to: number): Int32Array {
  const out = new Int32Array(nq * to);
  for (let q = 0; q < nq; q++) out.set(ids.subarray(q * from, q * from + to), q * to);
  return out;
}
