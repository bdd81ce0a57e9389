import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { VecscopeError } from '../../../common/errors.js';
import { foreignPipelineNote, parsePipeline } from '../../../common/pipeline/parsePipeline.js';
import { RpcValidationError } from '../../../common/rpc/schema.js';
import { expandGrid } from '../../../common/study/expandGrid.js';
import { pipelineProblem } from '../../../common/study/pipelineProblem.js';
import { studyGridSchema, type StudyGrid } from '../../../common/study/studyGrid.js';
import { studyRowSummary } from '../../../common/study/studyRowFields.js';
import { studySummaryText } from '../../../common/study/studySummaryColumns.js';
import type { StudyResult, StudyRow } from '../../../common/study/studyTypes.js';
import type { Matrix, Metric } from '../../../common/types.js';
import { isDbSource } from '../../db/dbSource.js';
import { loadIvecs } from '../../io/loadIvecs.js';
import { isSampleArg } from '../../io/samples.js';
import { writeFileAtomic, writeIvecs, writeNpy } from '../../io/write.js';
import { toShared } from '../../pool/toShared.js';
import { busyMachineWarning } from '../../study/machineLoad.js';
import { StudyClient } from '../../study/studyClient.js';
import { studyFilters } from '../../filter/studyFilters.js';
import { checkOutputs } from '../checkOutputs.js';
import { loadStudyInputs } from '../studyInputs.js';
import type { CliIo, Command, ParsedArgs } from '../command.js';
import { PIPELINE_HELP } from '../pipelineHelp.js';
import { loadOptionsHelp, loadOptionSpec, parsePositiveInt } from '../loadOptions.js';

/** The JSON form of a study row: the field table's fields and the per-query recall as a plain list (ids
 * and neighbour loss are left out; the loss goes to its own .npy). */
export function rowJson(r: StudyRow): Record<string, unknown> {
  return {
    ...studyRowSummary(r),
    perQueryRecall: Array.from(r.perQueryRecall),
    // Per filter its numbers only: the per-query and per-point arrays are for the app's map.
    ...(r.filtered
      ? { filtered: r.filtered.map(({ perQueryRecall: _p, neighbourLoss: _l, ...rest }) => rest) }
      : {}),
  };
}

/** The result object written to --out and printed by --json. */
export function resultJson(res: StudyResult): Record<string, unknown> {
  return {
    k: res.k,
    metric: res.metric,
    n: res.n,
    nq: res.nq,
    rows: res.rows.map(rowJson),
    frontier: res.frontier,
    ...(res.calibration ? { calibration: res.calibration } : {}),
  };
}

/** A readable table of the rows (the summary columns the app's lab shows), the frontiers and the calibration. */
function studyTable(res: StudyResult): string {
  const lines = [studySummaryText(res.rows).trimEnd()];
  const withFilters = res.rows.filter((r) => r.filtered && r.filtered.length > 0);
  if (withFilters.length > 0) {
    lines.push('', `filtered recall@${res.k} (pre-filter / in-graph, against exact filtered truth):`);
    for (const r of withFilters)
      for (const f of r.filtered!)
        lines.push(
          `  ${r.pipeline}  [${f.filter}]  ${(100 * f.selectivity).toPrecision(3)} % (${f.allowed} rows): ` +
            `${f.recallPrefilter.toFixed(3)} / ${f.recallInGraph === undefined ? '-' : f.recallInGraph.toFixed(3)}` +
            `  evals/q ${f.evaluationsPrefilter.toFixed(0)} / ${f.evaluationsInGraph === undefined ? '-' : f.evaluationsInGraph.toFixed(0)}`,
        );
  }
  lines.push('', `frontier recall vs QPS:   ${res.frontier.qps.join('  ')}`);
  lines.push(`frontier recall vs bytes: ${res.frontier.bytes.join('  ')}`);
  if (res.calibration) {
    lines.push('', `calibration to recall@${res.k} >= ${res.calibration.targetRecall}:`);
    for (const c of res.calibration.pipelines)
      lines.push(
        `  ${c.pipeline} -> ${c.calibrated ?? '(nothing to tune)'}  recall ${c.recall.toFixed(3)}${c.reached ? '' : '  NOT reached'}`,
      );
  }
  return lines.join('\n') + '\n';
}

/**
 * A positional that is a pipeline: it names no file, and holds a comma or a bar (a mistyped one then
 * gets its parse error, not "unexpected argument") or parses as one (`HNSW32`).
 */
export function looksLikePipeline(s: string): boolean {
  if (existsSync(s) || isSampleArg(s) || isDbSource(s)) return false;
  if (/[,|]/.test(s)) return true;
  try {
    parsePipeline(s);
    return true;
  } catch {
    return false;
  }
}

/**
 * Every pipeline's problem at once (a bad string, or one that cannot run on these inputs), so that
 * nothing runs until all of them can; throws one VecscopeError listing them.
 */
function checkPipelines(problems: string[], total: number): void {
  if (problems.length === 0) return;
  if (problems.length === 1 && total === 1) throw new VecscopeError(problems[0]!);
  throw new VecscopeError(
    `${problems.length} of ${total} pipelines cannot run (nothing was run):\n  ${problems.join('\n  ')}`,
  );
}

/** A problem as the CLI says it: with the option that fixes it, where one does. */
function cliProblem(problem: string): string {
  return /needs learning queries/.test(problem) ? `${problem}; give --learn-queries <file>` : problem;
}

/**
 * Writes a finished study (the result JSON and the neighbour-loss array), prints it, and returns the
 * exit code: 1 when a row failed, after the others were written, so a script notices.
 */
export async function writeStudyResult(
  res: StudyResult,
  out: string,
  lossPath: string,
  io: CliIo,
  json: boolean,
): Promise<number> {
  const obj = resultJson(res);
  await writeFileAtomic(out, new TextEncoder().encode(JSON.stringify(obj) + '\n'));
  const loss = new Float32Array(res.rows.length * res.n);
  res.rows.forEach((r, i) => loss.set(r.neighbourLoss, i * res.n));
  await writeNpy(lossPath, loss, [res.rows.length, res.n]);
  io.stdout(json ? JSON.stringify(obj) + '\n' : studyTable(res) + `\nwrote ${out} and ${lossPath}\n`);
  const failed = res.rows.filter((r) => r.error !== undefined);
  if (failed.length === 0) return 0;
  io.stderr(
    `vecscope study: ${failed.length} of ${res.rows.length} pipelines failed (${failed.map((r) => r.pipeline).join(', ')}); their rows in ${out} hold the error\n`,
  );
  return 1;
}

export function parseTarget(v: unknown): number | undefined {
  if (v === undefined) return undefined;
  const x = Number(v);
  if (typeof v !== 'string' || !(x > 0 && x <= 1))
    throw new VecscopeError(`--target-recall must be in (0, 1], got "${String(v)}"`);
  return x;
}

export async function loadGrid(path: string): Promise<StudyGrid> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new VecscopeError('cannot read the grid file', path);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new VecscopeError(`grid is not valid JSON (${(e as Error).message.split('\n')[0]})`, path);
  }
  try {
    return studyGridSchema.parse(json, 'grid');
  } catch (e) {
    if (e instanceof RpcValidationError) throw new VecscopeError(e.message, path);
    throw e;
  }
}

function queriesKey(base: Matrix, queries: Matrix, metric: Metric, k: number): string {
  const h = createHash('sha1');
  h.update(`${base.n}x${base.dim}:${metric}:${k}:`);
  h.update(new Uint8Array(queries.data.buffer, queries.data.byteOffset, queries.data.byteLength));
  h.update(new Uint8Array(base.data.buffer, base.data.byteOffset, Math.min(base.data.byteLength, 1 << 20)));
  return h.digest('hex').slice(0, 12);
}

export const studyCommand: Command = {
  name: 'study',
  summary:
    'compression study: recall, bytes, build time and QPS of pipelines such as "PCA128,LVQ8,Vamana|W=40"',
  usage:
    'vecscope study [<base>|sample] [--queries <file>] [--learn-queries <file>] [--truth <ivecs>] [--k 10] [--metric ip|l2|cos] ' +
    '--pipelines "<p1>" "<p2>" ... [--grid <file.json>] [--target-recall 0.9] [--filter "<predicate>"] [--selectivity-sweep] ' +
    '[--seed 1] [--threads <t>] --out <result.json> [--json]',
  options: {
    ...loadOptionSpec,
    queries: { type: 'string' },
    'learn-queries': { type: 'string' },
    truth: { type: 'string' },
    k: { type: 'string' },
    pipelines: { type: 'string', multiple: true },
    grid: { type: 'string' },
    'target-recall': { type: 'string' },
    filter: { type: 'string' },
    'selectivity-sweep': { type: 'boolean' },
    seed: { type: 'string' },
    out: { type: 'string' },
    threads: { type: 'string' },
  },
  help: {
    pipelines: [
      '"<p1>" "<p2>" ..',
      'the pipelines to study (see below; a pipeline may also be a positional)',
    ],
    grid: ['<file.json>', 'a grid of pipelines, expanded as a product (see the README)'],
    queries: ['<file>', "the evaluated queries (default: the file's own, or the sample's OOD queries)"],
    'learn-queries': ['<file>', 'learning queries for LeanVec-OOD / ES (required by them)'],
    truth: ['<ivecs>', 'exact neighbours of the queries (default: cached or computed)'],
    k: ['<k>', 'recall@k (default 10)'],
    'target-recall': ['<r>', 'find the smallest W (then rerank) reaching recall r for each pipeline'],
    filter: [
      '"<predicate>"',
      'also measure recall under this filter, a SQL boolean expression over the metadata columns (e.g. "lexname = \'noun.animal\' AND row_id < 5000"), pre-filter and in-graph',
    ],
    'selectivity-sweep': [
      '',
      'also measure recall under hashed row subsets of 100 %, 10 %, 1 % and 0.1 % of the rows',
    ],
    seed: ['<s>', 'seed of the fits (default 1)'],
    threads: ['<t>', 'worker threads (default: every core)'],
    out: ['<result.json>', 'where the result goes, with <result>.loss.npy beside it (required)'],
    ...loadOptionsHelp,
    metric: [
      'ip|l2|cos',
      "the metric (default, as the app guesses it: the file's own, ip for the sample, cos for unit-norm rows, else l2)",
    ],
  },
  more:
    PIPELINE_HELP +
    `
Every pipeline is checked before any runs. A pipeline that fails while running gets a row with its error;
the others are still measured and written, and the exit code is 1.

examples:
  vecscope study sample --pipelines "F32,Flat" "PCA128,LVQ8,Vamana|W=40,rerank=80" --out result.json
  vecscope study base.npy --queries q.npy --learn-queries lq.npy --pipelines "LeanVecOOD64,LVQ8,Flat" --out r.json`,
  async run(args: ParsedArgs, io) {
    const v = args.values;
    const positional = args.positionals;
    const pipelines = [...((v['pipelines'] as string[] | undefined) ?? [])];
    const files: string[] = [];
    for (const p of positional) (looksLikePipeline(p) ? pipelines : files).push(p);
    if (files.length > 1)
      throw new VecscopeError(`unexpected argument "${files[1]}" (one base file at most)`);
    const parseProblems: string[] = [];
    for (const p of pipelines)
      try {
        parsePipeline(p);
      } catch (e) {
        if (!(e instanceof VecscopeError)) throw e;
        parseProblems.push(e.message);
      }
    checkPipelines(parseProblems, pipelines.length);
    for (const p of pipelines) {
      const note = foreignPipelineNote(p);
      if (note !== undefined) io.stderr(`note: ${note}\n`);
    }
    const out = v['out'];
    if (typeof out !== 'string') throw new VecscopeError('--out <result.json> is required');
    const lossPath = `${out.replace(/\.json$/i, '')}.loss.npy`;
    checkOutputs(
      [
        ['--out', out],
        ['the neighbour-loss file', lossPath],
      ],
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
    if (pipelines.length === 0 && !grid)
      throw new VecscopeError('give --pipelines "<p1>" ... or --grid <file.json>');
    const k = parsePositiveInt('k', v['k']) ?? 10;
    const { ds, metric, queries, learn, truth: given } = await loadStudyInputs(v, files[0], io);
    const base = ds.vectors;
    let truth = given;
    const cachePath = `${out.replace(/\.json$/i, '')}.truth-${queriesKey(base, queries, metric, k)}.ivecs`;
    if (!truth && existsSync(cachePath)) {
      const t = await loadIvecs(cachePath);
      if (t.n === queries.n && t.k >= k) truth = { ids: t.ids, nq: t.n, k: t.k };
    }
    const json = v['json'] === true;
    const threads = parsePositiveInt('threads', v['threads']) ?? availableParallelism();
    const target = parseTarget(v['target-recall']);
    const all = [...pipelines, ...(grid ? expandGrid(grid) : [])];
    const context = { dim: base.dim, k, metric, learnQueries: (learn?.n ?? 0) > 0 };
    const problems: string[] = [];
    for (const p of all) {
      const problem = pipelineProblem(parsePipeline(p), context);
      if (problem !== undefined) problems.push(cliProblem(problem));
    }
    checkPipelines(problems, all.length);
    const filterText = v['filter'];
    if (filterText !== undefined && typeof filterText !== 'string')
      throw new VecscopeError('--filter takes one predicate');
    const { filters, notes } = await studyFilters(ds.metadata, base.n, {
      ...(filterText !== undefined ? { filter: filterText } : {}),
      sweep: v['selectivity-sweep'] === true,
    });
    for (const note of notes) io.stderr(`note: ${note}\n`);
    const busy = busyMachineWarning();
    if (busy) io.stderr(`warning: ${busy}\n`);
    // The same study thread and parallel parts as the app's study job.
    const client = new StudyClient();
    let res: StudyResult;
    try {
      res = await client.run(
        'cli',
        toShared(base),
        {
          queries,
          ...(learn ? { learnQueries: learn } : {}),
          ...(truth ? { truth } : {}),
          k,
          metric,
          pipelines: all,
          ...(target !== undefined ? { targetRecall: target } : {}),
          ...(filters.length > 0 ? { filters } : {}),
          seed: parsePositiveInt('seed', v['seed']) ?? 1,
          threads,
        },
        {
          onProgress: (p) =>
            io.progress?.('study', p.fraction, p.pipeline ? `${p.pipeline}: ${p.stage}` : p.stage),
          onRow: (r) => {
            if (!json)
              io.stderr(
                `${io.progress ? '\r\x1b[2K' : ''}  ${r.pipeline}: ${
                  r.error !== undefined
                    ? `FAILED: ${r.error}`
                    : `recall@${k} ${r.recall.toFixed(3)}, ${r.qps.toFixed(0)} QPS (spread ${r.qpsSpread.toFixed(2)})`
                }\n`,
              );
          },
        },
      );
    } finally {
      await client.close();
    }
    if (res.truthComputed) await writeIvecs(cachePath, res.truth.ids, res.truth.nq, res.truth.k);
    return writeStudyResult(res, out, lossPath, io, json);
  },
};
