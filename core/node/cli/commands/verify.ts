import { availableParallelism } from 'node:os';
import { VecscopeError } from '../../../common/errors.js';
import { parsePipeline } from '../../../common/pipeline/parsePipeline.js';
import { datasetMetricChoice } from '../../../common/recipes/datasetMetric.js';
import type { StudyResult } from '../../../common/study/studyTypes.js';
import type { Matrix } from '../../../common/types.js';
import { parseDbSource } from '../../db/dbSource.js';
import { openScratchPglite } from '../../db/sqlClient.js';
import { verifyPipeline } from '../../db/verifyPipeline.js';
import { VERIFY_ENGINES, type VerifyEngine, type VerifyResult } from '../../db/verifyTypes.js';
import { parallelExactKnn } from '../../knn/parallelKnn.js';
import { loadDataset, loadQueries } from '../../io/loadDataset.js';
import { isSampleArg, samplePaths } from '../../io/samples.js';
import { toShared } from '../../pool/toShared.js';
import { StudyClient } from '../../study/studyClient.js';
import type { Command } from '../command.js';
import { looksLikePipeline } from './study.js';
import {
  loadOptionsFrom,
  loadOptionsHelp,
  loadOptionSpec,
  parseMetric,
  parsePositiveInt,
} from '../loadOptions.js';

function parseEngine(v: unknown): VerifyEngine {
  if (v === undefined) return 'pglite';
  if (typeof v !== 'string' || !(VERIFY_ENGINES as readonly string[]).includes(v))
    throw new VecscopeError(`--engine must be one of ${VERIFY_ENGINES.join(', ')}, got "${String(v)}"`);
  return v as VerifyEngine;
}

/** The JSON of one verified pipeline (per-query arrays as plain lists). */
function verifyJson(r: VerifyResult, predicted: number | undefined): Record<string, unknown> {
  return {
    pipeline: r.pipeline,
    engine: r.engine,
    predictedRecall: predicted ?? null,
    measuredRecall: r.recall,
    difference: predicted === undefined ? null : r.recall - predicted,
    latency: r.latency,
    loadSeconds: r.loadSeconds,
    buildSeconds: r.buildSeconds,
    config: r.config,
    notes: r.notes,
    scratch: r.scratch,
    perQueryRecall: Array.from(r.perQueryRecall),
    ids: Array.from(r.ids),
    lost: r.lost,
  };
}

const f3 = (x: number | undefined) => (x === undefined || !Number.isFinite(x) ? '   -  ' : x.toFixed(3));

export const verifyCommand: Command = {
  name: 'verify',
  summary:
    "runs pipelines' nearest equivalents in pgvector (PGlite or a server) or LanceDB; measured vs predicted recall",
  usage:
    'vecscope verify [<base>|sample|<db source>] --pipelines "<p1>" ... [--engine pglite|postgres|lancedb] [--url postgres://…] ' +
    '[--queries <file>] [--nq <n>] [--k 10] [--metric ip|l2|cos] [--no-predict] [--threads <t>] [--json]',
  options: {
    ...loadOptionSpec,
    pipelines: { type: 'string', multiple: true },
    engine: { type: 'string' },
    url: { type: 'string' },
    queries: { type: 'string' },
    nq: { type: 'string' },
    k: { type: 'string' },
    'no-predict': { type: 'boolean' },
    seed: { type: 'string' },
    threads: { type: 'string' },
  },
  help: {
    pipelines: ['"<p1>" "<p2>" ..', 'the pipelines to verify (no reduction; see vecscope study --help)'],
    engine: ['pglite|postgres|lancedb', 'where to verify (default pglite: pgvector in an in-memory PGlite)'],
    url: ['<postgres://…>', "the server for --engine postgres (default: the source's, when it is one)"],
    queries: ['<file>', "the queries (default: the file's own, or the sample's OOD queries)"],
    nq: ['<n>', 'use the first n queries only (default: all)'],
    k: ['<k>', 'recall@k (default 10)'],
    'no-predict': ['', "skip the lab's own run of each pipeline (its predicted recall)"],
    seed: ['<s>', 'seed of the prediction (default 1; a --max-rows sample is always seed 1)'],
    threads: ['<t>', 'threads of the exact search and the prediction (default: every core)'],
    ...loadOptionsHelp,
  },
  more: `
Verification never alters the source: the base vectors are loaded into scratch storage, a fresh in-memory
PGlite database (--engine pglite), a TEMP table vecscope_scratch_<random> on the server, dropped
afterwards (--engine postgres; pgvector must be installed there), or a LanceDB dataset in the system's
temporary folder, removed afterwards (--engine lancedb). The mapping is \`vecscope export --to pgvector|lancedb\`'s.

examples:
  vecscope verify sample --nq 200 --pipelines "F32,Vamana(R=32,L=100)|W=40" "BIN,Flat|rerank=100"
  vecscope verify items.lance --engine lancedb --queries q.npy --pipelines "PQ64,Flat|rerank=40"
  vecscope verify postgres://me@db/app --table items --column embedding --max-rows 20000 --engine postgres --queries q.npy --pipelines "F16,Vamana"`,
  async run(args, io) {
    const v = args.values;
    const pipelines = [...((v['pipelines'] as string[] | undefined) ?? [])];
    const files: string[] = [];
    for (const p of args.positionals) (looksLikePipeline(p) ? pipelines : files).push(p);
    if (files.length > 1) throw new VecscopeError(`unexpected argument "${files[1]}" (one base at most)`);
    if (pipelines.length === 0) throw new VecscopeError('give --pipelines "<p1>" ...');
    for (const p of pipelines) parsePipeline(p);
    const engine = parseEngine(v['engine']);
    const source = files[0] ?? 'sample';
    const db = parseDbSource(source);
    const url = typeof v['url'] === 'string' ? v['url'] : db?.kind === 'postgres' ? db.url : undefined;
    if (engine === 'postgres' && url === undefined)
      throw new VecscopeError('--engine postgres needs --url postgres://… (or a postgres:// source)');
    const k = parsePositiveInt('k', v['k']) ?? 10;
    const seed = parsePositiveInt('seed', v['seed']) ?? 1;
    const threads = parsePositiveInt('threads', v['threads']) ?? availableParallelism();
    const json = v['json'] === true;
    const loadOpts = loadOptionsFrom(v);
    loadOpts.db = { ...loadOpts.db, onProgress: (f, m) => io.progress?.('read', f, m) };
    const ds = await loadDataset(source, loadOpts);
    const sample = isSampleArg(source);
    let metric = parseMetric(v['metric']);
    if (!metric) {
      const choice = datasetMetricChoice(ds, sample ? 'sample' : source);
      metric = choice.metric;
      io.stderr(`metric: ${metric} (${choice.why}; --metric ip|l2|cos to choose)\n`);
    }
    const base = ds.vectors;
    const qPath =
      typeof v['queries'] === 'string' ? v['queries'] : sample ? samplePaths().queryOod : undefined;
    let queries: Matrix;
    if (qPath) queries = await loadQueries(qPath, base, { metric });
    else if (ds.queries) queries = ds.queries;
    else throw new VecscopeError('--queries <file> is required (the source holds no queries)');
    const nq = parsePositiveInt('nq', v['nq']);
    if (nq !== undefined && nq < queries.n)
      queries = { data: queries.data.slice(0, nq * queries.dim), n: nq, dim: queries.dim };
    io.stderr(`${ds.file}: ${base.n} × ${base.dim}, ${queries.n} queries, k=${k}, metric ${metric}\n`);
    const t = await parallelExactKnn(base, queries, k, metric, { threads });
    const truth = { ids: t.ids, nq: t.nq, k: t.k };
    let predicted: StudyResult | undefined;
    if (v['no-predict'] !== true) {
      const client = new StudyClient();
      try {
        predicted = await client.run(
          'cli',
          toShared(base),
          { queries, truth, k, metric, pipelines, seed, threads },
          {
            onProgress: (p) =>
              io.progress?.('predict', p.fraction, p.pipeline ? `${p.pipeline}: ${p.stage}` : p.stage),
          },
        );
      } finally {
        await client.close();
      }
    }
    const results: Record<string, unknown>[] = [];
    const lines: string[] = [];
    let failed = 0;
    // One scratch PGlite for every pipeline: it takes seconds to start.
    const scratchDb = engine === 'pglite' ? await openScratchPglite() : undefined;
    try {
      for (const [i, p] of pipelines.entries()) {
        const pred = predicted?.rows[i];
        const predRecall = pred && pred.error === undefined ? pred.recall : undefined;
        let r: VerifyResult;
        try {
          r = await verifyPipeline({
            base,
            queries,
            metric,
            k,
            pipeline: p,
            engine,
            url,
            scratchDb,
            truth,
            threads,
            onProgress: (f, s) => io.progress?.(`verify ${p}`, f, s),
          });
        } catch (e) {
          if (!(e instanceof VecscopeError)) throw e;
          failed++;
          io.stderr(`${io.progress ? '\r\x1b[2K' : ''}  ${p}: NOT VERIFIED: ${e.message}\n`);
          results.push({ pipeline: p, engine, predictedRecall: predRecall ?? null, error: e.message });
          continue;
        }
        if (i === 0 || !lines.length) io.stderr(`scratch: ${r.scratch}\n`);
        results.push(verifyJson(r, predRecall));
        lines.push(
          [
            p.padEnd(34),
            f3(predRecall).padStart(9),
            f3(r.recall).padStart(9),
            (predRecall === undefined
              ? '   -  '
              : (r.recall - predRecall >= 0 ? '+' : '') + (r.recall - predRecall).toFixed(3)
            ).padStart(7),
            r.latency.p50Ms.toFixed(2).padStart(8),
            r.latency.p95Ms.toFixed(2).padStart(8),
            r.latency.qps.toFixed(0).padStart(7),
            r.buildSeconds.toFixed(1).padStart(7),
          ].join(' '),
        );
        if (!json) for (const n of r.notes) io.stderr(`  note (${p}): ${n}\n`);
      }
    } finally {
      await scratchDb?.close();
    }
    const out = {
      engine,
      source: ds.file,
      n: base.n,
      dim: base.dim,
      nq: queries.n,
      k,
      metric,
      rows: results,
    };
    if (json) io.stdout(JSON.stringify(out) + '\n');
    else
      io.stdout(
        [
          `${'pipeline'.padEnd(34)} ${'predicted'.padStart(9)} ${`${engine}`.padStart(9)} ${'diff'.padStart(7)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'q/s'.padStart(7)} ${'build s'.padStart(7)}`,
          ...lines,
        ].join('\n') + '\n',
      );
    return failed > 0 ? 1 : 0;
  },
};
