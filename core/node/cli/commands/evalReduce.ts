import { exactKnn } from '../../../common/knn/exactKnn.js';
import { recallFromIds } from '../../../common/metrics/recall.js';
import { VecscopeError } from '../../../common/errors.js';
import { fitReduction, isQueryAware, parseReductionMethod } from '../../../common/reduce/fitReduction.js';
import { reduceData, reduceQueries } from '../../../common/reduce/reduction.js';
import { splitQueries } from '../../../common/reduce/splitQueries.js';
import type { KnnResult, Matrix, Metric } from '../../../common/types.js';
import { loadDataset, loadQueries } from '../../io/loadDataset.js';
import { loadIvecs } from '../../io/loadIvecs.js';
import { parallelExactKnn } from '../../knn/parallelKnn.js';
import { parallelMoments } from '../../reduce/parallelMoments.js';
import type { Command } from '../command.js';
import { parsePositiveInt } from '../loadOptions.js';
import { parseOodSolver } from '../oodSolver.js';
import {
  parseIntList,
  reduceLoadOptions,
  reduceLoadOptionsHelp,
  reduceLoadOptionSpec,
  reduceLoadOptionsUsage,
} from '../reduceArgs.js';

interface EvalReduceRow {
  method: string;
  dim: number;
  recall: number;
  recallRerank?: number;
  fitSeconds: number;
  /** LeanVec-OOD: which solver ran. */
  solver?: string;
}

/** Exact search in the reduced space (ip for ip/cos: cosine inputs are normalised by the reduction). */
function reducedMetric(metric: Metric): Metric {
  return metric === 'l2' ? 'l2' : 'ip';
}

/** Re-scores each query's candidates with the full vectors and keeps the best k. */
function rerank(base: Matrix, queries: Matrix, cand: KnnResult, k: number, metric: Metric): Int32Array {
  const out = new Int32Array(queries.n * k).fill(-1);
  const D = base.dim;
  const scored: { id: number; s: number }[] = [];
  for (let q = 0; q < queries.n; q++) {
    scored.length = 0;
    let qn = 0;
    for (let j = 0; j < D; j++) qn += queries.data[q * D + j]! ** 2;
    for (let c = 0; c < cand.k; c++) {
      const id = cand.ids[q * cand.k + c]!;
      if (id < 0) continue;
      let dot = 0;
      let xn = 0;
      let l2 = 0;
      for (let j = 0; j < D; j++) {
        const a = queries.data[q * D + j]!;
        const b = base.data[id * D + j]!;
        dot += a * b;
        xn += b * b;
        l2 += (a - b) ** 2;
      }
      const s = metric === 'l2' ? l2 : metric === 'cos' ? -dot / Math.sqrt(qn * xn || 1) : -dot;
      scored.push({ id, s });
    }
    scored.sort((a, b) => a.s - b.s || a.id - b.id);
    for (let t = 0; t < Math.min(k, scored.length); t++) out[q * k + t] = scored[t]!.id;
  }
  return out;
}

export const evalReduceCommand: Command = {
  name: 'eval-reduce',
  summary:
    'recall@k of exact search after each reduction and dimension (optionally with full-vector re-ranking)',
  usage: `vecscope eval-reduce <base> --queries <file> [--learn-queries <file>] [--truth <ivecs>] [--k 10] [--metric ip|l2|cos] --methods pca,leanvec-ood,... --dims 32,64,128 [--rerank <n>] [--seed <s>] [--ood-solver eigen-search|frank-wolfe|sphering] [--json] ${reduceLoadOptionsUsage}`,
  options: {
    ...reduceLoadOptionSpec,
    queries: { type: 'string' },
    'learn-queries': { type: 'string' },
    truth: { type: 'string' },
    k: { type: 'string' },
    methods: { type: 'string' },
    dims: { type: 'string' },
    rerank: { type: 'string' },
    seed: { type: 'string' },
    'ood-solver': { type: 'string' },
  },
  help: {
    queries: ['<file>', "the evaluated queries (default: the file's own; required otherwise)"],
    'learn-queries': [
      '<file>',
      'LeanVec-OOD / ES learning queries (default: a random half of --queries; the other half is evaluated)',
    ],
    truth: ['<ivecs>', 'exact neighbours of the queries (default: computed)'],
    k: ['<k>', 'recall@k (default 10)'],
    methods: [
      '<m1,m2,..>',
      'reductions: pca, leanvec-ood, leanvec-es, gauss-rp, sparse-rp, trunc (required)',
    ],
    dims: ['<d1,d2,..>', 'target dimensions (required)'],
    rerank: ['<n>', 'also re-rank the best n candidates with the full vectors (default: no re-ranking)'],
    seed: ['<s>', 'seed of the random methods (default 1)'],
    'ood-solver': ['eigen-search|frank-wolfe|sphering', "LeanVec-OOD's solver (default eigen-search)"],
    ...reduceLoadOptionsHelp,
    metric: ['ip|l2|cos', "the metric (default: the file's own, else l2)"],
  },
  async run(args, io) {
    const v = args.values;
    const basePath = args.positionals[0];
    if (basePath === undefined) throw new VecscopeError('a base vector file is required');
    const methods = (typeof v['methods'] === 'string' ? v['methods'] : '')
      .split(',')
      .filter(Boolean)
      .map(parseReductionMethod);
    if (methods.length === 0) throw new VecscopeError('--methods is required (e.g. pca,leanvec-ood)');
    const dims = parseIntList('dims', v['dims']);
    const k = parsePositiveInt('k', v['k']) ?? 10;
    const rerankN = parsePositiveInt('rerank', v['rerank']);
    const seed = parsePositiveInt('seed', v['seed']) ?? 1;
    const oodSolver = parseOodSolver(v['ood-solver']);
    const loadOpts = reduceLoadOptions(v);
    const ds = await loadDataset(basePath, loadOpts);
    const base = ds.vectors;
    const metric: Metric = loadOpts.metric ?? ds.metric ?? 'l2';
    let queries: Matrix;
    if (typeof v['queries'] === 'string') queries = await loadQueries(v['queries'], base, loadOpts);
    else if (ds.queries) queries = ds.queries;
    else throw new VecscopeError('--queries is required');
    const notes: string[] = [];
    let truthIds: { ids: Int32Array; k: number } | undefined;
    let evaluate = queries;
    let learn: Matrix | undefined;
    const queryAware = methods.some(isQueryAware);
    if (typeof v['learn-queries'] === 'string') learn = await loadQueries(v['learn-queries'], base, loadOpts);
    else if (queryAware) {
      const split = splitQueries(queries, seed);
      learn = split.learn;
      evaluate = split.evaluate;
      notes.push(
        `only one query set was given: learned on a random half (${split.learn.n}) and evaluated on the other half (${split.evaluate.n})`,
      );
      if (typeof v['truth'] === 'string') {
        const t = await loadIvecs(v['truth']);
        if (t.n !== queries.n)
          throw new VecscopeError(`--truth has ${t.n} rows but there are ${queries.n} queries`);
        const ids = new Int32Array(evaluate.n * t.k);
        split.evaluateIds.forEach((q, r) => ids.set(t.ids.subarray(q * t.k, (q + 1) * t.k), r * t.k));
        truthIds = { ids, k: t.k };
      }
    }
    if (!truthIds) {
      if (typeof v['truth'] === 'string') {
        const t = await loadIvecs(v['truth']);
        if (t.n !== evaluate.n)
          throw new VecscopeError(`--truth has ${t.n} rows but there are ${evaluate.n} queries`);
        truthIds = { ids: t.ids, k: t.k };
      } else {
        const r = await parallelExactKnn(base, evaluate, k, metric);
        truthIds = { ids: r.ids, k: r.k };
        notes.push('truth computed by exact search on the full vectors');
      }
    }
    if (truthIds.k < k)
      throw new VecscopeError(`--truth holds ${truthIds.k} neighbours per query, fewer than --k ${k}`);
    const moments = await parallelMoments(base, { normalize: metric === 'cos' });
    const rows: EvalReduceRow[] = [];
    for (const method of methods) {
      if (isQueryAware(method) && metric === 'l2')
        throw new VecscopeError(`${method} models inner products; use --metric ip or cos, or pca for l2`);
      for (const dim of dims) {
        if (dim > base.dim) throw new VecscopeError(`--dims ${dim} exceeds the input dimension ${base.dim}`);
        const t0 = performance.now();
        const fit = fitReduction(method, base, {
          dim,
          metric,
          seed,
          learnQueries: learn,
          baseMoments: moments,
          oodSolver,
        });
        const fitSeconds = (performance.now() - t0) / 1000;
        const rb = reduceData(fit.reduction, base);
        const rq = reduceQueries(fit.reduction, evaluate);
        const depth = Math.max(k, rerankN ?? 0);
        const found = exactKnn(rb, rq, Math.min(depth, base.n), reducedMetric(metric));
        const recall = recallFromIds(truthIds, { ids: found.ids, k: found.k }, evaluate.n, k).recall;
        const row: EvalReduceRow = { method, dim, recall, fitSeconds };
        if (fit.diagnostics.solver !== undefined) row.solver = fit.diagnostics.solver;
        if (rerankN !== undefined) {
          const ids = rerank(base, evaluate, found, k, metric);
          row.recallRerank = recallFromIds(truthIds, { ids, k }, evaluate.n, k).recall;
        }
        rows.push(row);
      }
    }
    if (v['json'] === true) io.stdout(JSON.stringify({ rows, notes }) + '\n');
    else {
      for (const n of notes) io.stdout(`note: ${n}\n`);
      io.stdout(
        `method        dim  recall@${k}${rerankN !== undefined ? `  rerank@${rerankN}` : ''}  fit s\n`,
      );
      for (const r of rows)
        io.stdout(
          `${r.method.padEnd(12)} ${String(r.dim).padStart(4)}  ${r.recall.toFixed(3).padStart(8)}${r.recallRerank !== undefined ? r.recallRerank.toFixed(3).padStart(10) : ''}  ${r.fitSeconds.toFixed(2)}\n`,
        );
    }
    return 0;
  },
};
