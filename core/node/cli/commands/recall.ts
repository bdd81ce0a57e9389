import { VecscopeError } from '../../../common/errors.js';
import { recallFromIds, recallWithTies } from '../../../common/metrics/recall.js';
import { loadDataset, loadQueries } from '../../io/loadDataset.js';
import { loadIvecs } from '../../io/loadIvecs.js';
import type { Command } from '../command.js';
import { parseMetric, parsePositiveInt } from '../loadOptions.js';

export const recallCommand: Command = {
  name: 'recall',
  summary: 'k-recall@k of a result .ivecs against a ground-truth .ivecs (tie-aware when given the vectors)',
  usage:
    'vecscope recall --truth <ivecs> --result <ivecs> --k <k> [--base <file> --queries <file> --metric ip|l2|cos] [--json]',
  options: {
    truth: { type: 'string' },
    result: { type: 'string' },
    k: { type: 'string' },
    base: { type: 'string' },
    queries: { type: 'string' },
    metric: { type: 'string' },
  },
  help: {
    truth: ['<ivecs>', 'the exact neighbours (required)'],
    result: ['<ivecs>', 'the neighbours to score (required)'],
    k: ['<k>', 'recall@k (default 10)'],
    base: ['<file>', 'with --queries and --metric: apply the tie rule (an id at the k-th distance counts)'],
    queries: ['<file>', 'the queries, for the tie rule'],
    metric: ['ip|l2|cos', 'the metric, for the tie rule (required with --base)'],
  },
  async run(args, io) {
    const { truth: truthPath, result: resultPath, base: basePath, queries: queriesPath } = args.values;
    if (typeof truthPath !== 'string' || typeof resultPath !== 'string')
      throw new VecscopeError('--truth <ivecs> and --result <ivecs> are required');
    const k = parsePositiveInt('k', args.values['k']) ?? 10;
    const truth = await loadIvecs(truthPath);
    const result = await loadIvecs(resultPath);
    if (truth.n !== result.n)
      throw new VecscopeError(`${resultPath} has ${result.n} queries but ${truthPath} has ${truth.n}`);
    if (truth.k < k)
      throw new VecscopeError(`${truthPath} holds ${truth.k} neighbours per query, fewer than --k ${k}`);
    let recall: number;
    if (basePath !== undefined || queriesPath !== undefined) {
      if (typeof basePath !== 'string' || typeof queriesPath !== 'string')
        throw new VecscopeError('the tie rule needs both --base and --queries (and --metric)');
      const metric = parseMetric(args.values['metric']);
      if (metric === undefined)
        throw new VecscopeError('--metric ip|l2|cos is required with --base and --queries');
      const ds = await loadDataset(basePath, { metric });
      const queries = await loadQueries(queriesPath, ds.vectors, { metric, role: 'queries' });
      if (queries.n !== truth.n)
        throw new VecscopeError(`${queriesPath} has ${queries.n} queries but ${truthPath} has ${truth.n}`);
      recall = recallWithTies(ds.vectors, queries, metric, truth, result, k).recall;
    } else {
      recall = recallFromIds(truth, result, truth.n, k).recall;
    }
    io.stdout(
      args.values['json'] === true
        ? JSON.stringify({ k, recall }) + '\n'
        : `recall@${k} = ${recall.toFixed(4)}\n`,
    );
    return 0;
  },
};
