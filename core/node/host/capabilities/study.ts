import { availableParallelism } from 'node:os';
import { VecscopeError } from '../../../common/errors.js';
import { parsePipeline } from '../../../common/pipeline/parsePipeline.js';
import { expandGrid } from '../../../common/study/expandGrid.js';
import type { ReductionFitter, StudyRow } from '../../../common/study/studyTypes.js';
import type { LinearReduction } from '../../../common/reduce/reduction.js';
import type { WireStudyRow } from '../../../common/rpc/protocol.js';
import { studyRowSummary } from '../../../common/study/studyRowFields.js';
import { studyReductionFitter, studyReductionKey } from '../../study/reductionFitter.js';
import { busyMachineWarning } from '../../study/machineLoad.js';
import { studyFilters } from '../../filter/studyFilters.js';
import type { Handler } from '../capability.js';
import type { OpenDataset } from '../datasetRegistry.js';
import {
  cacheQuerySetTruth,
  cachedQuerySetTruth,
  learnQuerySet,
  loadQuerySet,
  querySetKey,
} from './studyQuerySet.js';

/** More pipelines than this in one job is almost certainly a mistyped grid. */
const MAX_PIPELINES = 64;

function finite(x: number): number {
  return Number.isFinite(x) || Number.isNaN(x) ? x : x > 0 ? Number.MAX_VALUE : 0;
}

/** The wire form of a study row: the field table's fields and the arrays (the parsed pipeline stays in
 * the host). A QPS too fast to time is sent as the largest finite number, which the schema accepts; a
 * failed row's NaN (nothing measured) stays NaN. */
export function wireRow(r: StudyRow): WireStudyRow {
  return {
    ...studyRowSummary(r),
    qps: finite(r.qps),
    perQueryRecall: r.perQueryRecall,
    neighbourLoss: r.neighbourLoss,
    neighbourSeen: r.neighbourSeen,
    ids: r.ids,
    ...(r.filtered ? { filtered: r.filtered } : {}),
  };
}

/** The study's reduction fitter, memoised on the data set (across jobs and the projection export,
 * which must hand out the very matrices the study measured). */
export function memoisedFitter(
  entry: OpenDataset,
  ctx: { breathe(): Promise<void> },
  learnKey: string,
): (...args: Parameters<ReductionFitter>) => Promise<LinearReduction> {
  return async (method, b, opts) => {
    const key = studyReductionKey(method, opts, learnKey);
    const hit = entry.cache.get(key) as LinearReduction | undefined;
    if (hit) return hit;
    await ctx.breathe();
    const r = await studyReductionFitter(method, b, opts);
    entry.cache.set(key, r);
    await ctx.breathe();
    return r;
  };
}

/** Threads of a study's graph builds and batch searches: one core is left to the serving thread. */
const studyThreads = () => Math.max(1, availableParallelism() - 1);

/**
 * Runs a compression study as a job, on the study thread (core/node/study/studyWorker.ts): one Study
 * object over the pipelines, its graph builds and batch searches on worker pools, so this thread keeps
 * answering hover, neighbour and search requests. Every finished row streams to the renderer at once;
 * reductions the study fits and the ground truth it computes are cached on the data set.
 */
export const study: Handler<'study'> = async (params, ctx, state) => {
  const entry = state.datasets.get(params.dataset);
  const metric = params.metric ?? entry.metric;
  const pipelines = [...(params.pipelines ?? []), ...(params.grid ? expandGrid(params.grid) : [])];
  const unique = [...new Set(pipelines)];
  if (unique.length === 0) throw new VecscopeError('no pipelines to study (give pipelines or a grid)');
  if (unique.length > MAX_PIPELINES)
    throw new VecscopeError(`${unique.length} pipelines; at most ${MAX_PIPELINES} in one study`);
  for (const p of unique) parsePipeline(p);
  const base = entry.dataset.vectors;
  if (params.k > base.n) throw new VecscopeError(`k must be between 1 and ${base.n}`);

  const busy = busyMachineWarning();
  ctx.progress(0, 'filters');
  const { filters } = await studyFilters(entry.dataset.metadata, base.n, {
    ...(params.filter !== undefined && params.filter.trim() !== '' ? { filter: params.filter } : {}),
    sweep: params.selectivitySweep === true,
  });
  ctx.progress(0, 'queries');
  const qs = await loadQuerySet(entry, params.querySet, params.maxQueries);
  if (qs.queries.dim !== base.dim)
    throw new VecscopeError(`queries are ${qs.queries.dim}-d but the base is ${base.dim}-d`);
  const nq = qs.queries.n;
  const learn = await learnQuerySet(entry, params.querySet, params.maxQueries);
  const truthIds = cachedQuerySetTruth(entry, params.querySet, params.maxQueries, nq, params.k, metric);
  const reductions: [string, LinearReduction][] = [];
  for (const [key, value] of entry.cache)
    if (key.startsWith('studyReduction:')) reductions.push([key, value as LinearReduction]);
  await ctx.breathe();

  const res = await state.study.run(
    entry.id,
    base,
    {
      queries: qs.queries,
      ...(learn ? { learnQueries: learn } : {}),
      ...(truthIds ? { truth: { ids: truthIds, nq, k: params.k } } : {}),
      k: params.k,
      metric,
      pipelines: unique,
      ...(filters.length > 0 ? { filters } : {}),
      seed: params.seed ?? 1,
      reductions,
      learnKey: `${querySetKey(entry, params.querySet)}:${params.maxQueries ?? ''}`,
      threads: studyThreads(),
    },
    {
      signal: ctx.signal,
      onProgress: (p) =>
        ctx.progress(0.02 + 0.98 * p.fraction, p.pipeline ? `${p.pipeline}: ${p.stage}` : p.stage),
      onRow: (r) => ctx.partial({ row: wireRow(r), nq, ...(busy ? { busy } : {}) }),
      onReduction: (key, r) => entry.cache.set(key, r),
    },
  );
  if (res.truthComputed)
    cacheQuerySetTruth(entry, params.querySet, params.maxQueries, res.truth.k, metric, res.truth.ids);
  ctx.progress(1, 'done');
  return { k: params.k, n: base.n, nq, metric, rows: res.rows.map(wireRow), frontier: res.frontier };
};
