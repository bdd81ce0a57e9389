import { availableParallelism } from 'node:os';
import { VecscopeError } from '../../../common/errors.js';
import type { Result } from '../../../common/rpc/protocol.js';
import type { Handler } from '../capability.js';
import { wireRow } from './study.js';
import { cachedQuerySetTruth, learnQuerySet, loadQuerySet } from './studyQuerySet.js';

const finite = (x: number) => (Number.isFinite(x) ? x : x > 0 ? Number.MAX_VALUE : 0);

/**
 * The lab's recommendation, as a job on the study thread: the same recipe as `vecscope recommend`
 * (recommendRecipe) over the open data set and the lab's query set. Every measured pipeline streams
 * as a partial result; those measured on every query over the whole base carry their full row, which
 * the lab adds to its study table and charts.
 */
export const recommend: Handler<'recommend'> = async (params, ctx, state) => {
  const entry = state.datasets.get(params.dataset);
  const metric = params.metric ?? entry.metric;
  const base = entry.dataset.vectors;
  if (params.k > base.n) throw new VecscopeError(`k must be between 1 and ${base.n}`);
  if (params.maxBytes === undefined && params.maxRam === undefined)
    throw new VecscopeError('give a budget: bytes per vector, or RAM at a production vector count');
  if (params.maxRam !== undefined && params.productionN === undefined)
    throw new VecscopeError('a RAM budget needs the production vector count');
  ctx.progress(0, 'queries');
  const qs = await loadQuerySet(entry, params.querySet, params.maxQueries);
  if (qs.queries.dim !== base.dim)
    throw new VecscopeError(`queries are ${qs.queries.dim}-d but the base is ${base.dim}-d`);
  const nq = qs.queries.n;
  const learn = await learnQuerySet(entry, params.querySet, params.maxQueries);
  const truthIds = cachedQuerySetTruth(entry, params.querySet, params.maxQueries, nq, params.k, metric);
  await ctx.breathe();
  const r = await state.study.recommend(
    entry.id,
    base,
    {
      queries: qs.queries,
      ...(learn ? { learnQueries: learn } : {}),
      ...(truthIds ? { truth: { ids: truthIds, nq, k: params.k } } : {}),
      k: params.k,
      metric,
      targetRecall: params.targetRecall,
      ...(params.maxBytes !== undefined ? { maxBytes: params.maxBytes } : {}),
      ...(params.maxRam !== undefined ? { maxRam: params.maxRam } : {}),
      ...(params.productionN !== undefined ? { productionN: params.productionN } : {}),
      ...(params.minQps !== undefined ? { minQps: params.minQps } : {}),
      ...(params.grid ? { grid: params.grid } : {}),
      seed: params.seed ?? 1,
      threads: Math.max(1, availableParallelism() - 1),
    },
    {
      signal: ctx.signal,
      onProgress: (p) =>
        ctx.progress(0.02 + 0.98 * p.fraction, p.pipeline ? `${p.pipeline}: ${p.stage}` : p.stage),
      onTrial: (t) =>
        ctx.partial({
          stage: t.stage,
          n: t.n,
          nq: t.nq,
          pipeline: t.row.pipeline,
          recall: Number.isFinite(t.row.recall) ? t.row.recall : null,
          ...(t.row.error !== undefined ? { error: t.row.error } : {}),
          ...(t.stage === 'search' ? { row: wireRow(t.row) } : {}),
        }),
    },
  );
  ctx.progress(1, 'done');
  const candidate = (c: NonNullable<typeof r.runnerUp>) => ({
    pipeline: c.pipeline,
    recall: c.recall,
    recallLow: c.recallLow,
    recallHigh: c.recallHigh,
    bytesPerVector: c.bytesPerVector,
    primaryBytes: c.primaryBytes,
    graphBytes: c.graphBytes,
    qps: finite(c.qps),
  });
  const out: Result<'recommend'> = {
    ...candidate(r),
    k: r.k,
    targetRecall: r.targetRecall,
    budgetBytes: r.budgetBytes,
    budgetCounts: r.budgetCounts,
    trials: r.trials,
    gridSize: r.gridSize,
    runnerUp: r.runnerUp ? candidate(r.runnerUp) : null,
    rejected: r.rejected,
    exports: Object.entries(r.exports).map(([target, e]) =>
      'error' in e
        ? { target, error: e.error }
        : { target, json: JSON.stringify(e.json, null, 2), notes: e.notes },
    ),
    trend: r.trend
      ? {
          points: r.trend.points,
          fit: {
            at: r.trend.fit.at,
            predicted: r.trend.fit.predicted,
            low: r.trend.fit.low,
            high: r.trend.fit.high,
            factor: r.trend.fit.factor,
            weak: r.trend.fit.weak,
          },
        }
      : null,
  };
  return out;
};
