import { VecscopeError } from '../../../common/errors.js';
import type { StudyRowWire } from '../../../common/rpc/protocol.js';
import { runStudy } from '../../../common/study/runStudy.js';
import type { StudyRow } from '../../../common/study/studyTypes.js';
import { loadQueries } from '../../io/loadDataset.js';
import { loadIvecs } from '../../io/loadIvecs.js';
import { samplePaths } from '../../io/samples.js';
import { parallelExactKnn } from '../../knn/parallelKnn.js';
import { createBatchQps } from '../../study/batchQps.js';
import { parallelBuildVamana } from '../../study/parallelVamana.js';
import { studyReductionFitter } from '../../study/reductionFitter.js';
import type { Handler } from '../capability.js';

const finite = (x: number) => (Number.isFinite(x) ? x : 0);

function wireRow(r: StudyRow): StudyRowWire {
  return {
    pipeline: r.pipeline,
    recall: r.recall,
    recallLow: finite(r.recallLow),
    recallHigh: finite(r.recallHigh),
    bytesPerVector: r.bytesPerVector,
    primaryBytes: r.primaryBytes,
    secondaryBytes: r.secondaryBytes,
    graphBytes: r.graphBytes,
    buildSeconds: r.buildSeconds,
    qps: finite(r.qps),
    qpsBatch: r.qpsBatch === null ? null : finite(r.qpsBatch),
    perQueryRecall: r.perQueryRecall,
    neighbourLoss: r.neighbourLoss,
    decomposition: r.decomposition,
  };
}

/**
 * A compression study over the data set's own queries (and its ground truth when it matches), as a
 * job: progress per stage, each finished row streamed as a partial result, cancellable between stages.
 */
export const study: Handler<'study'> = async (params, ctx, state) => {
  const { dataset, pipelines, k, seed, targetRecall } = params;
  const entry = state.datasets.get(dataset);
  const ds = entry.dataset;
  let queries = ds.queries;
  let truth = ds.groundTruth;
  if (params.queries !== undefined) {
    queries = await loadQueries(params.queries, ds.vectors, { metric: entry.metric });
    truth = undefined;
  } else if (!queries && ds.file === 'sample') {
    queries = await loadQueries(samplePaths().queryOod, ds.vectors);
    const t = await loadIvecs(samplePaths().groundTruthOod);
    truth = { ids: t.ids, nq: t.n, k: t.k };
  }
  if (!queries) throw new VecscopeError('this data set has no queries; give a query file to run a study');
  if (truth && (truth.nq !== queries.n || truth.k < k)) truth = undefined;
  await ctx.breathe();
  const res = await runStudy({
    base: ds.vectors,
    queries,
    ...(truth ? { truth } : {}),
    k,
    metric: entry.metric,
    pipelines,
    ...(seed !== undefined ? { seed } : {}),
    ...(targetRecall !== undefined ? { targetRecall } : {}),
    fitReduction: studyReductionFitter,
    exactKnn: (b, q, kk, m) => parallelExactKnn(b, q, kk, m, { signal: ctx.signal }),
    buildGraph: (v, m, o) => parallelBuildVamana(v, m, o),
    batchQps: createBatchQps(),
    clock: () => performance.now(),
    onProgress: (p) => ctx.progress(p.fraction, p.pipeline ? `${p.pipeline}: ${p.stage}` : p.stage),
    onRow: (r) => ctx.partial(wireRow(r)),
    isCancelled: () => ctx.signal.aborted,
  });
  return { rows: res.rows.map(wireRow), frontier: res.frontier };
};
