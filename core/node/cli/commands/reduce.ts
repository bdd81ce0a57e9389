import { VecscopeError } from '../../../common/errors.js';
import { fitReduction, isQueryAware, parseReductionMethod } from '../../../common/reduce/fitReduction.js';
import { reductionCost } from '../../../common/reduce/reduction.js';
import type { Matrix } from '../../../common/types.js';
import { loadDataset, loadQueries } from '../../io/loadDataset.js';
import { writeFileAtomic, writeNpy } from '../../io/write.js';
import { parallelMoments } from '../../reduce/parallelMoments.js';
import { checkOutputs } from '../checkOutputs.js';
import type { Command } from '../command.js';
import { parsePositiveInt, vectorFileArg } from '../loadOptions.js';
import { parseOodSolver } from '../oodSolver.js';
import {
  reduceLoadOptions,
  reduceLoadOptionsHelp,
  reduceLoadOptionSpec,
  reduceLoadOptionsUsage,
} from '../reduceArgs.js';

/** The `vecscope reduce --json` object (also written to <prefix>.json). */
interface ReduceReport {
  method: string;
  dim: number;
  seconds: number;
  /** LeanVec-OOD: which solver ran (eigen-search, frank-wolfe or sphering). */
  solver?: string;
  explainedVariance?: number;
  loss?: number;
  iterations?: number;
  bytes: number;
  flopsPerVector: number;
  files: string[];
  notes: string[];
}

export const reduceCommand: Command = {
  name: 'reduce',
  summary:
    'fit a linear reduction (pca, leanvec-ood, leanvec-es, gauss-rp, sparse-rp, trunc) and save its matrices',
  usage: `vecscope reduce [<base>] --method <name> --dim <d> [--queries <file>] [--learn-queries <file>] --out <prefix> [--metric ip|l2|cos] [--seed <s>] [--ood-solver eigen-search|frank-wolfe|sphering] [--renormalize] [--json] ${reduceLoadOptionsUsage}`,
  options: {
    ...reduceLoadOptionSpec,
    method: { type: 'string' },
    dim: { type: 'string' },
    queries: { type: 'string' },
    'learn-queries': { type: 'string' },
    out: { type: 'string' },
    seed: { type: 'string' },
    'ood-solver': { type: 'string' },
    renormalize: { type: 'boolean' },
  },
  help: {
    method: ['<name>', 'pca, leanvec-ood, leanvec-es, gauss-rp, sparse-rp or trunc (required)'],
    dim: ['<d>', 'the target dimension (required)'],
    queries: ['<file>', 'queries for LeanVec-OOD / ES (used to learn when --learn-queries is left out)'],
    'learn-queries': [
      '<file>',
      "LeanVec-OOD / ES's learning queries (default: --queries, or the file's own)",
    ],
    out: ['<prefix>', 'writes <prefix>.data.npy, .query.npy, .mean.npy (required)'],
    seed: ['<s>', 'seed of the random methods (default 1)'],
    'ood-solver': ['eigen-search|frank-wolfe|sphering', "LeanVec-OOD's solver (default eigen-search)"],
    renormalize: ['', 'trunc: scale the truncated rows back to unit norm'],
    ...reduceLoadOptionsHelp,
    metric: ['ip|l2|cos', "the metric (default: the file's own; ip for LeanVec-OOD / ES, else l2)"],
  },
  async run(args, io) {
    const v = args.values;
    if (typeof v['method'] !== 'string') throw new VecscopeError('--method is required');
    const method = parseReductionMethod(v['method']);
    const dim = parsePositiveInt('dim', v['dim']);
    if (dim === undefined) throw new VecscopeError('--dim is required');
    if (typeof v['out'] !== 'string') throw new VecscopeError('--out <prefix> is required');
    const out = v['out'];
    checkOutputs(
      ['data.npy', 'query.npy', 'mean.npy', 'json'].map((f) => [`--out (its .${f})`, `${out}.${f}`]),
      [
        ['the base file', vectorFileArg(args), 'vectors'],
        ['--queries', v['queries'], 'vectors'],
        ['--learn-queries', v['learn-queries'], 'vectors'],
        ['--metadata', v['metadata']],
      ],
    );
    const loadOpts = reduceLoadOptions(v);
    const ds = await loadDataset(vectorFileArg(args), loadOpts);
    const metric = loadOpts.metric ?? ds.metric ?? (isQueryAware(method) ? 'ip' : 'l2');
    const notes: string[] = [];
    let learn: Matrix | undefined;
    if (isQueryAware(method)) {
      const file = typeof v['learn-queries'] === 'string' ? v['learn-queries'] : v['queries'];
      if (typeof file === 'string') learn = await loadQueries(file, ds.vectors, loadOpts);
      else if (ds.queries) {
        learn = ds.queries;
        notes.push('learned on the queries stored in the base file');
      } else throw new VecscopeError(`${method} needs --learn-queries (or --queries)`);
      if (typeof v['learn-queries'] !== 'string')
        notes.push('learning queries = --queries (nothing is evaluated here)');
    }
    const seed = parsePositiveInt('seed', v['seed']) ?? 1;
    const t0 = performance.now();
    const needsMoments = method === 'pca' || isQueryAware(method);
    const baseMoments = needsMoments
      ? await parallelMoments(ds.vectors, {
          normalize: metric === 'cos',
          maxRows: method === 'pca' ? undefined : 100_000,
        })
      : undefined;
    const fit = fitReduction(method, ds.vectors, {
      dim,
      metric,
      seed,
      learnQueries: learn,
      baseMoments,
      renormalize: v['renormalize'] === true,
      oodSolver: parseOodSolver(v['ood-solver']),
    });
    // includes the parallel moments pass
    const seconds = (performance.now() - t0) / 1000;
    const r = fit.reduction;
    const files = [`${out}.data.npy`, `${out}.query.npy`];
    await writeNpy(files[0]!, r.dataMatrix, [r.inDim, r.outDim]);
    await writeNpy(files[1]!, r.queryMatrix, [r.inDim, r.outDim]);
    if (r.mean) {
      files.push(`${out}.mean.npy`);
      await writeNpy(`${out}.mean.npy`, r.mean, [r.inDim]);
    }
    files.push(`${out}.json`);
    const cost = reductionCost(r);
    const d = fit.diagnostics;
    const report: ReduceReport = {
      method,
      dim,
      seconds,
      ...(d.solver !== undefined ? { solver: d.solver } : {}),
      ...(d.explainedVariance !== undefined ? { explainedVariance: d.explainedVariance } : {}),
      ...(d.loss !== undefined ? { loss: d.loss } : {}),
      ...(d.iterations !== undefined ? { iterations: d.iterations } : {}),
      bytes: cost.bytes,
      flopsPerVector: cost.flopsPerVector,
      files,
      notes: [
        ...notes,
        ...d.notes,
        `metric: ${metric}`,
        `centre queries: ${r.centerQueries}`,
        `normalise inputs: ${r.normalizeInput === true}`,
      ],
    };
    await writeFileAtomic(`${out}.json`, new TextEncoder().encode(JSON.stringify(report, null, 2) + '\n'));
    if (v['json'] === true) io.stdout(JSON.stringify(report) + '\n');
    else {
      const extra = [
        d.explainedVariance !== undefined
          ? `explained variance ${(100 * d.explainedVariance).toFixed(1)}%`
          : '',
        d.loss !== undefined ? `loss ${d.loss.toPrecision(4)}` : '',
        d.iterations !== undefined ? `${d.iterations} iterations` : '',
      ].filter(Boolean);
      io.stdout(
        `${method} ${r.inDim} → ${dim} in ${seconds.toFixed(2)} s${extra.length ? ', ' + extra.join(', ') : ''}\nwrote ${files.join(', ')}\n`,
      );
      for (const n of report.notes) io.stdout(`  ${n}\n`);
    }
    return 0;
  },
};
