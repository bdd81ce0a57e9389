import type { Dataset, Matrix, Metric } from '../../../common/types.js';
import { VecscopeError } from '../../../common/errors.js';
import { loadDataset, loadQueries } from '../../io/loadDataset.js';
import { isSampleArg, samplePaths } from '../../io/samples.js';
import { writeIvecs } from '../../io/write.js';
import { parallelExactKnn } from '../../knn/parallelKnn.js';
import { checkOutputs } from '../checkOutputs.js';
import type { Command } from '../command.js';
import {
  loadOptionsFrom,
  loadOptionsHelp,
  loadOptionSpec,
  loadOptionsUsage,
  parsePositiveInt,
} from '../loadOptions.js';

/** The `vecscope knn --json` object. */
interface KnnReport {
  n: number;
  nq: number;
  k: number;
  metric: Metric;
  seconds: number;
  out: string;
}

/** The metric to search with: --metric, else the file's own (hdf5), else ip for the sample. */
function chooseMetric(given: Metric | undefined, ds: Dataset, sample: boolean): Metric {
  const metric = given ?? ds.metric ?? (sample ? 'ip' : undefined);
  if (metric === undefined)
    throw new VecscopeError(`--metric ip|l2|cos is required: ${ds.file} does not say which metric it uses`);
  return metric;
}

/**
 * Queries for a base: --queries, else the file's own test set (ann-benchmarks hdf5), else the sample's
 * OOD headword queries when the base is the sample.
 */
async function chooseQueries(
  queriesArg: string | undefined,
  ds: Dataset,
  sample: boolean,
  metric: Metric,
): Promise<Matrix> {
  if (queriesArg !== undefined) return loadQueries(queriesArg, ds.vectors, { metric, role: 'queries' });
  if (ds.queries) return ds.queries;
  if (sample) return loadQueries(samplePaths().queryOod, ds.vectors, { metric });
  throw new VecscopeError(`--queries <file> is required: ${ds.file} holds no query set`);
}

export const knnCommand: Command = {
  name: 'knn',
  summary: 'exact k nearest neighbours of queries (multi-threaded WASM SIMD), written as .ivecs',
  usage: `vecscope knn [<base>|sample] --queries <file> --k <k> --metric ip|l2|cos --out <file.ivecs> [--threads <t>] [--json] ${loadOptionsUsage}`,
  options: {
    ...loadOptionSpec,
    queries: { type: 'string' },
    k: { type: 'string' },
    out: { type: 'string' },
    threads: { type: 'string' },
  },
  help: {
    queries: ['<file>', "the query vectors (default: the file's own test set, or the sample's OOD queries)"],
    k: ['<k>', 'neighbours per query, at most 1000 (default 10)'],
    out: ['<file.ivecs>', 'where the ids go, 0-based, best first (required)'],
    threads: ['<t>', 'worker threads (default: every core)'],
    ...loadOptionsHelp,
    metric: ['ip|l2|cos', "the metric (default: the file's own, ip for the sample; otherwise required)"],
  },
  async run(args, io) {
    const out = args.values['out'];
    if (typeof out !== 'string') throw new VecscopeError('--out <file.ivecs> is required');
    const k = parsePositiveInt('k', args.values['k']) ?? 10;
    if (k > 1000) throw new VecscopeError(`--k must be at most 1000, got ${k}`);
    const threads = parsePositiveInt('threads', args.values['threads']);
    const baseArg = args.positionals[0];
    checkOutputs(
      [['--out', out]],
      [
        ['the base file', baseArg ?? 'sample', 'vectors'],
        ['--queries', args.values['queries'], 'vectors'],
        ['--metadata', args.values['metadata']],
      ],
    );
    const sample = isSampleArg(baseArg);
    const loadOpts = loadOptionsFrom(args.values);
    const ds = await loadDataset(baseArg ?? 'sample', loadOpts);
    const metric = chooseMetric(loadOpts.metric, ds, sample);
    const queriesArg = args.values['queries'];
    const queries = await chooseQueries(
      typeof queriesArg === 'string' ? queriesArg : undefined,
      ds,
      sample,
      metric,
    );
    if (k > ds.vectors.n)
      throw new VecscopeError(`--k ${k} exceeds the ${ds.vectors.n} base vectors of ${ds.file}`);
    const t0 = performance.now();
    const result = await parallelExactKnn(ds.vectors, queries, k, metric, threads ? { threads } : {});
    const seconds = (performance.now() - t0) / 1000;
    // From a --max-rows sample, neighbours are written as the file's row numbers, as the user reads them.
    const rows = ds.sampled?.rows;
    const ids = rows ? result.ids.map((i) => rows[i]!) : result.ids;
    await writeIvecs(out, ids, result.nq, result.k);
    const report: KnnReport = { n: ds.vectors.n, nq: queries.n, k, metric, seconds, out };
    io.stdout(
      args.values['json'] === true
        ? JSON.stringify(report) + '\n'
        : `${report.nq} queries × ${report.n} vectors, k = ${k}, ${metric}: ${seconds.toFixed(2)} s → ${out}\n`,
    );
    return 0;
  },
};
