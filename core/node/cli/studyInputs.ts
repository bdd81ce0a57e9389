import { VecscopeError } from '../../common/errors.js';
import { datasetMetricChoice } from '../../common/recipes/datasetMetric.js';
import type { Dataset, Matrix, Metric } from '../../common/types.js';
import { loadDataset, loadQueries } from '../io/loadDataset.js';
import { loadIvecs } from '../io/loadIvecs.js';
import { isSampleArg, samplePaths } from '../io/samples.js';
import type { CliIo, ParsedArgs } from './command.js';
import { loadOptionsFrom, parseMetric } from './loadOptions.js';

/** What `study` and `recommend` measure on: the base, its metric, the queries and their ground truth. */
export interface StudyInputs {
  ds: Dataset;
  metric: Metric;
  queries: Matrix;
  learn?: Matrix | undefined;
  /** Given (--truth, the sample's, or the file's own); absent: to be computed. */
  truth?: { ids: Int32Array; nq: number; k: number } | undefined;
}

/**
 * Loads a study's inputs from the command line, the same way for every command that measures recall:
 * the base (`source`, default the sample) with the load options; the metric (--metric, else the app's
 * guess, said on stderr); the queries (--queries, else the sample's OOD set or the file's own) and the
 * learning queries, without --metadata, which describes the base rows; and the ground truth (--truth,
 * else the sample's or the file's own), refused for a --max-rows sample, whose rows it does not name.
 */
export async function loadStudyInputs(
  v: ParsedArgs['values'],
  source: string | undefined,
  io: CliIo,
): Promise<StudyInputs> {
  const sample = isSampleArg(source);
  const loadOpts = loadOptionsFrom(v);
  loadOpts.db = { ...loadOpts.db, onProgress: (f, m) => io.progress?.('read', f, m) };
  const ds = await loadDataset(source ?? 'sample', loadOpts);
  let metric = parseMetric(v['metric']);
  if (!metric) {
    // The app's guess, so a file is measured under the metric the app would use.
    const choice = datasetMetricChoice(ds, sample ? 'sample' : source!);
    metric = choice.metric;
    io.stderr(`metric: ${metric} (${choice.why}; --metric ip|l2|cos to choose)\n`);
  }
  const base = ds.vectors;
  const { metadata: _meta, ...queryLoad } = loadOpts;
  const queryOpts = { ...queryLoad, metric };
  const qPath = typeof v['queries'] === 'string' ? v['queries'] : sample ? samplePaths().queryOod : undefined;
  let queries: Matrix;
  if (qPath) queries = await loadQueries(qPath, base, queryOpts);
  else if (ds.queries) queries = ds.queries;
  else throw new VecscopeError('--queries <file> is required (the base file holds no queries)');
  const learn =
    typeof v['learn-queries'] === 'string'
      ? await loadQueries(v['learn-queries'], base, queryOpts)
      : undefined;
  const truthPath =
    typeof v['truth'] === 'string'
      ? v['truth']
      : sample && !v['queries']
        ? samplePaths().groundTruthOod
        : undefined;
  if (truthPath && ds.sampled)
    throw new VecscopeError(
      `--truth names rows of the whole file, but --max-rows loaded a sample of ${ds.vectors.n} of its ${ds.sampled.of} rows; leave --truth out and the exact neighbours of the sample are computed`,
      truthPath,
    );
  let truth: StudyInputs['truth'];
  if (truthPath) {
    const t = await loadIvecs(truthPath);
    truth = { ids: t.ids, nq: t.n, k: t.k };
  } else if (!qPath && ds.groundTruth) truth = ds.groundTruth;
  return { ds, metric, queries, learn, truth };
}
