import { availableParallelism } from 'node:os';
import { VecscopeError } from '../../../common/errors.js';
import type { Recommendation } from '../../../common/recipes/recommendRecipe.js';
import { toShared } from '../../pool/toShared.js';
import { busyMachineWarning } from '../../study/machineLoad.js';
import { StudyClient } from '../../study/studyClient.js';
import { checkOutputs } from '../checkOutputs.js';
import { loadStudyInputs } from '../studyInputs.js';
import type { Command, ParsedArgs } from '../command.js';
import { loadOptionsHelp, loadOptionSpec, parsePositiveInt } from '../loadOptions.js';
import { loadGrid, parseTarget } from './study.js';

/** A byte count: a number with an optional K, M, G or T suffix (powers of 1024). */
function parseBytes(name: string, v: unknown): number | undefined {
  if (v === undefined) return undefined;
  const m = typeof v === 'string' ? /^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)i?b?\s*$/i.exec(v) : null;
  const x = m ? Number(m[1]) * 1024 ** ' kmgt'.indexOf((m[2] || ' ').toLowerCase()) : NaN;
  if (!(x > 0))
    throw new VecscopeError(`--${name} must be a positive byte count (e.g. 64, 8G), got "${String(v)}"`);
  return x;
}

function parsePositive(name: string, v: unknown): number | undefined {
  if (v === undefined) return undefined;
  const x = Number(v);
  if (typeof v !== 'string' || !(x > 0))
    throw new VecscopeError(`--${name} must be a positive number, got "${String(v)}"`);
  return x;
}

/** The object `--json` prints: the issue's contract first, then the rest of the answer. */
function recommendationJson(r: Recommendation): Record<string, unknown> {
  const {
    row: _row,
    pipeline,
    recall,
    recallLow,
    recallHigh,
    bytesPerVector,
    primaryBytes,
    qps,
    trials,
    runnerUp,
    exports,
    ...rest
  } = r;
  return {
    pipeline,
    recall,
    recallLow,
    recallHigh,
    bytesPerVector,
    primaryBytes,
    qps,
    trials,
    runnerUp,
    exports,
    ...rest,
  };
}

function recommendationText(r: Recommendation): string {
  const f3 = (x: number) => x.toFixed(3);
  const lines = [
    `recommended: ${r.pipeline}`,
    `  recall@${r.k} ${f3(r.recall)} [${f3(r.recallLow)}, ${f3(r.recallHigh)}] (target ${r.targetRecall})`,
    `  ${r.primaryBytes} B per vector searched in RAM${r.graphBytes > 0 ? ` + ${r.graphBytes} B graph` : ''}${
      r.bytesPerVector > r.primaryBytes
        ? `; ${r.bytesPerVector - r.primaryBytes} B re-ranking vectors (may live on slower storage)`
        : ''
    }`,
    `  ${r.qps.toFixed(0)} q/s (one thread)`,
    `trials: ${r.trials} pipelines measured; the grid holds ${r.gridSize}`,
    `runner-up: ${
      r.runnerUp
        ? `${r.runnerUp.pipeline}  recall ${f3(r.runnerUp.recall)}, ${r.runnerUp.primaryBytes} B, ${r.runnerUp.qps.toFixed(0)} q/s`
        : 'none in the space meets the target'
    }`,
  ];
  if (r.rejected.length > 0) {
    lines.push('why the others lost:');
    for (const x of r.rejected)
      lines.push(`  ${x.pipeline}: ${x.verdict}${x.loss ? ` (mostly ${x.loss})` : ''}: ${x.detail}`);
  }
  if (r.trend) {
    const t = r.trend.fit;
    lines.push(
      `recall vs n: ${r.trend.points.map((p) => `${p.n}: ${f3(p.recall)}`).join(', ')}`,
      `  predicted at ${t.at} vectors: ${f3(t.predicted)} [${f3(t.low)}, ${f3(t.high)}]${
        t.weak.length > 0 ? `; weak extrapolation: ${t.weak.join('; ')}` : ''
      }`,
    );
  }
  lines.push('exports:');
  for (const [target, e] of Object.entries(r.exports))
    lines.push(`  ${target}: ${'error' in e ? e.error : JSON.stringify(e.json)}`);
  return lines.join('\n') + '\n';
}

export const recommendCommand: Command = {
  name: 'recommend',
  summary:
    'the cheapest pipeline reaching a recall target within a byte budget, found without running the whole grid',
  usage:
    'vecscope recommend [<base>|sample] [--queries <file>] [--learn-queries <file>] [--truth <ivecs>] [--k 10] [--metric ip|l2|cos] ' +
    '--target-recall 0.9 (--max-bytes <B per vector> | --max-ram <bytes> --production-n <N>) [--production-n <N>] [--min-qps <q>] ' +
    '[--grid <file.json>] [--no-trend] [--seed 1] [--threads <t>] [--json]',
  options: {
    ...loadOptionSpec,
    queries: { type: 'string' },
    'learn-queries': { type: 'string' },
    truth: { type: 'string' },
    k: { type: 'string' },
    'target-recall': { type: 'string' },
    'max-bytes': { type: 'string' },
    'max-ram': { type: 'string' },
    'production-n': { type: 'string' },
    'min-qps': { type: 'string' },
    grid: { type: 'string' },
    'no-trend': { type: 'boolean' },
    seed: { type: 'string' },
    threads: { type: 'string' },
  },
  help: {
    queries: [
      '<file>',
      "the queries the target is measured on (default: the file's own, or the sample's OOD queries)",
    ],
    'learn-queries': ['<file>', 'learning queries: LeanVec-OOD joins the space searched'],
    truth: ['<ivecs>', 'exact neighbours of the queries (default: computed)'],
    k: ['<k>', 'recall@k (default 10)'],
    'target-recall': ['<r>', 'the recall@k to reach (required)'],
    'max-bytes': ['<B>', 'bound on the primary bytes per vector (the codes searched in RAM)'],
    'max-ram': [
      '<bytes>',
      'bound on the RAM of codes and graph at --production-n vectors (suffix K, M, G, T)',
    ],
    'production-n': [
      '<N>',
      'the production vector count: recall is predicted there (default: the base size)',
    ],
    'min-qps': ['<q>', 'single-thread queries per second the pipeline must reach'],
    grid: ['<file.json>', 'the space searched, as for vecscope study --grid (default: see the README)'],
    'no-trend': ['', 'skip measuring recall at 1/8, 1/4, 1/2 of the base'],
    seed: ['<s>', 'seed of the fits and subsamples (default 1)'],
    threads: ['<t>', 'worker threads (default: every core)'],
    ...loadOptionsHelp,
  },
  more: `
Bytes are known before anything runs, so pipelines over the budget are dropped first; each remaining
(reduction, quantizer) is screened by a flat re-ranked scan on a quarter of the queries; the survivors
are searched cheapest first, a binary search over W for each index and re-ranking depth. The answer is
the cheapest pipeline reaching the target, then the fastest; re-ranking vectors are reported, not
bounded. Exit code 1 with one line when no pipeline of the space reaches the target.

examples:
  vecscope recommend sample --target-recall 0.9 --max-bytes 64
  vecscope recommend base.fvecs --queries q.fvecs --metric ip --target-recall 0.95 --max-ram 8G --production-n 100000000 --json`,
  async run(args: ParsedArgs, io) {
    const v = args.values;
    const files = args.positionals;
    if (files.length > 1)
      throw new VecscopeError(`unexpected argument "${files[1]}" (one base file at most)`);
    const target = parseTarget(v['target-recall']);
    if (target === undefined) throw new VecscopeError('--target-recall <r> is required');
    const maxBytes = parsePositive('max-bytes', v['max-bytes']);
    const maxRam = parseBytes('max-ram', v['max-ram']);
    const productionN = parsePositiveInt('production-n', v['production-n']);
    const minQps = parsePositive('min-qps', v['min-qps']);
    if (maxBytes === undefined && maxRam === undefined)
      throw new VecscopeError(
        'give a budget: --max-bytes <B per vector>, or --max-ram <bytes> with --production-n <N>',
      );
    if (maxBytes !== undefined && maxRam !== undefined)
      throw new VecscopeError('give --max-bytes or --max-ram, not both');
    if (maxRam !== undefined && productionN === undefined)
      throw new VecscopeError('--max-ram needs --production-n <N> (the vector count the RAM must hold)');
    checkOutputs(
      [],
      [
        ['the base file', files[0] ?? 'sample', 'vectors'],
        ['--queries', v['queries'], 'vectors'],
        ['--learn-queries', v['learn-queries'], 'vectors'],
        ['--truth', v['truth']],
        ['--grid', v['grid']],
        ['--metadata', v['metadata']],
      ],
    );
    const grid = typeof v['grid'] === 'string' ? await loadGrid(v['grid']) : undefined;
    const k = parsePositiveInt('k', v['k']) ?? 10;
    const { ds, metric, queries, learn, truth } = await loadStudyInputs(v, files[0], io);
    const base = ds.vectors;
    const json = v['json'] === true;
    const busy = busyMachineWarning();
    if (busy) io.stderr(`warning: ${busy}\n`);
    const client = new StudyClient();
    let rec: Recommendation;
    try {
      rec = await client.recommend(
        'cli',
        toShared(base),
        {
          queries,
          ...(learn ? { learnQueries: learn } : {}),
          ...(truth ? { truth } : {}),
          k,
          metric,
          targetRecall: target,
          ...(maxBytes !== undefined ? { maxBytes } : {}),
          ...(maxRam !== undefined ? { maxRam } : {}),
          ...(productionN !== undefined ? { productionN } : {}),
          ...(minQps !== undefined ? { minQps } : {}),
          ...(grid ? { grid } : {}),
          seed: parsePositiveInt('seed', v['seed']) ?? 1,
          trend: v['no-trend'] !== true,
          threads: parsePositiveInt('threads', v['threads']) ?? availableParallelism(),
        },
        {
          onProgress: (p) =>
            io.progress?.('recommend', p.fraction, p.pipeline ? `${p.pipeline}: ${p.stage}` : p.stage),
          onTrial: ({ stage, row, nq, n }) => {
            if (!json)
              io.stderr(
                `${io.progress ? '\r\x1b[2K' : ''}  ${stage} ${row.pipeline} (${nq} queries, n = ${n}): ${
                  row.error !== undefined
                    ? `FAILED: ${row.error}`
                    : `recall@${k} ${row.recall.toFixed(3)}, ${row.qps.toFixed(0)} q/s`
                }\n`,
              );
          },
        },
      );
    } finally {
      await client.close();
    }
    io.stdout(json ? JSON.stringify(recommendationJson(rec)) + '\n' : recommendationText(rec));
    return 0;
  },
};
