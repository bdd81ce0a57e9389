import { VecscopeError } from '../../../common/errors.js';
import { verifyPipeline as runVerify } from '../../db/verifyPipeline.js';
import type { Handler } from '../capability.js';
import { cachedQuerySetTruth, loadQuerySet } from './studyQuerySet.js';

/**
 * The lab's "verify in database": the selected pipeline's nearest equivalent built in scratch storage
 * and queried with the study's query set, as `vecscope verify` does. The open data set is only read.
 */
export const verifyPipeline: Handler<'verifyPipeline'> = async (params, ctx, state) => {
  const entry = state.datasets.get(params.dataset);
  const metric = params.metric ?? entry.metric;
  // Web mode opens only what its command line named; a page must not point the engine at servers.
  if (params.engine === 'postgres' && state.options.openRoots)
    throw new VecscopeError(
      'verifying on a PostgreSQL server is not offered in web mode; use pglite or lancedb',
    );
  if (params.engine === 'postgres' && !params.url)
    throw new VecscopeError('give the server as postgres://user@host/db to verify on PostgreSQL');
  const base = entry.dataset.vectors;
  if (params.k > base.n) throw new VecscopeError(`k must be between 1 and ${base.n}`);
  ctx.progress(0, 'queries');
  const qs = await loadQuerySet(entry, params.querySet, params.maxQueries);
  const nq = qs.queries.n;
  const truthIds = cachedQuerySetTruth(entry, params.querySet, params.maxQueries, nq, params.k, metric);
  const r = await runVerify({
    base,
    queries: qs.queries,
    metric,
    k: params.k,
    pipeline: params.pipeline,
    engine: params.engine,
    url: params.url,
    ...(truthIds ? { truth: { ids: truthIds, nq, k: params.k } } : {}),
    signal: ctx.signal,
    onProgress: (f, stage) => ctx.progress(0.02 + 0.97 * f, stage),
  });
  ctx.progress(1, 'done');
  return {
    engine: r.engine,
    pipeline: r.pipeline,
    k: r.k,
    nq: r.nq,
    recall: r.recall,
    perQueryRecall: r.perQueryRecall,
    pointLoss: r.pointLoss,
    ids: r.ids,
    latency: r.latency,
    loadSeconds: r.loadSeconds,
    buildSeconds: r.buildSeconds,
    scratch: r.scratch,
    notes: r.notes,
  };
};
