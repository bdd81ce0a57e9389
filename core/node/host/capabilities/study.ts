import { VecscopeError } from '../../../common/errors.js';
import { expandGrid } from '../../../common/study/expandGrid.js';
import { paretoFrontier } from '../../../common/study/paretoFrontier.js';
import { runStudy } from '../../../common/study/runStudy.js';
import type { ReductionFitter, StudyRow } from '../../../common/study/studyTypes.js';
import type { LinearReduction } from '../../../common/reduce/reduction.js';
import type { WireStudyRow } from '../../../common/rpc/protocol.js';
import { studyRowSummary } from '../../../common/study/studyRowFields.js';
import { studyReductionFitter } from '../../study/reductionFitter.js';
import type { Handler } from '../capability.js';
import type { OpenDataset } from '../datasetRegistry.js';
import { learnQuerySet, loadQuerySet, querySetTruth } from './studyQuerySet.js';

/** More pipelines than this in one job is almost certainly a mistyped grid. */
const MAX_PIPELINES = 64;

function finite(x: number): number {
  return Number.isFinite(x) ? x : x > 0 ? Number.MAX_VALUE : 0;
}

/** The wire form of a study row: the field table's fields and the arrays (the parsed pipeline stays in
 * the host). A QPS too fast to time is sent as the largest finite number, which the schema accepts. */
export function wireRow(r: StudyRow): WireStudyRow {
  return {
    ...studyRowSummary(r),
    qps: finite(r.qps),
    perQueryRecall: r.perQueryRecall,
    neighbourLoss: r.neighbourLoss,
    ids: r.ids,
  };
}

/** The study's reduction fitter, memoised on the data set (across pipelines, jobs and the projection
 * export, which must hand out the very matrices the study measured). */
export function memoisedFitter(
  entry: OpenDataset,
  ctx: { breathe(): Promise<void> },
  learnKey: string,
): ReductionFitter {
  return async (method, b, opts) => {
    const learns = method === 'leanvec-ood' || method === 'leanvec-es';
    const key = `studyReduction:${method}:${opts.dim}:${opts.metric}:${opts.seed}${learns ? `:${learnKey}` : ''}`;
    const hit = entry.cache.get(key) as LinearReduction | undefined;
    if (hit) return hit;
    await ctx.breathe();
    const r = await studyReductionFitter(method, b, opts);
    entry.cache.set(key, r);
    await ctx.breathe();
    return r;
  };
}

/**
 * Runs a compression study as a job. Pipelines run one at a time, each through `runStudy` with the
 * shared ground truth and memoised reductions, so the host breathes between them (a cancel arrives)
 * and every finished row streams to the renderer at once.
 */
export const study: Handler<'study'> = async (params, ctx, state) => {
  const entry = state.datasets.get(params.dataset);
  const metric = params.metric ?? entry.metric;
  const pipelines = [...(params.pipelines ?? []), ...(params.grid ? expandGrid(params.grid) : [])];
  const unique = [...new Set(pipelines)];
  if (unique.length === 0) throw new VecscopeError('no pipelines to study (give pipelines or a grid)');
  if (unique.length > MAX_PIPELINES)
    throw new VecscopeError(`${unique.length} pipelines; at most ${MAX_PIPELINES} in one study`);
  const base = entry.dataset.vectors;
  if (params.k > base.n) throw new VecscopeError(`k must be between 1 and ${base.n}`);

  ctx.progress(0, 'queries');
  const qs = await loadQuerySet(entry, params.querySet, params.maxQueries);
  if (qs.queries.dim !== base.dim)
    throw new VecscopeError(`queries are ${qs.queries.dim}-d but the base is ${base.dim}-d`);
  await ctx.breathe();
  ctx.progress(0.01, 'ground truth');
  const ids = querySetTruth(entry, params.querySet, params.maxQueries, qs, params.k, metric, ctx.signal);
  const truth = { ids, nq: qs.queries.n, k: params.k };
  await ctx.breathe();

  const learn = await learnQuerySet(entry, params.querySet, params.maxQueries);
  const fitter = memoisedFitter(entry, ctx, `${params.querySet}:${params.maxQueries ?? ''}`);

  const rows: StudyRow[] = [];
  for (let i = 0; i < unique.length; i++) {
    await ctx.breathe();
    const res = await runStudy({
      base,
      queries: qs.queries,
      truth,
      ...(learn ? { learnQueries: learn } : {}),
      k: params.k,
      metric,
      pipelines: [unique[i]!],
      seed: params.seed ?? 1,
      fitReduction: fitter,
      clock: () => performance.now(),
      onProgress: (p) =>
        ctx.progress(0.02 + (0.98 * (i + p.fraction)) / unique.length, `${unique[i]}: ${p.stage}`),
      isCancelled: () => ctx.signal.aborted,
    });
    for (const r of res.rows) {
      rows.push(r);
      ctx.partial({ row: wireRow(r), nq: qs.queries.n });
    }
  }
  const frontier = {
    qps: paretoFrontier(
      rows.map((r) => ({ key: r.pipeline, recall: r.recall, value: r.qps })),
      true,
    ),
    bytes: paretoFrontier(
      rows.map((r) => ({ key: r.pipeline, recall: r.recall, value: r.bytesPerVector })),
      false,
    ),
  };
  ctx.progress(1, 'done');
  return { k: params.k, n: base.n, nq: qs.queries.n, metric, rows: rows.map(wireRow), frontier };
};
