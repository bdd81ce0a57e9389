import { VecscopeError } from '../../common/errors.js';
import { toLanceConfig, lanceExport } from '../../common/export/toLanceConfig.js';
import { pgvectorExport, toPgvectorConfig } from '../../common/export/toPgvectorConfig.js';
import { parsePipeline } from '../../common/pipeline/parsePipeline.js';
import { parallelExactKnn } from '../knn/parallelKnn.js';
import { runLance } from './verifyLance.js';
import { runPgvector } from './verifyPgvector.js';
import type { EngineRun, VerifyParams, VerifyResult } from './verifyTypes.js';

function quantile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

/**
 * Scores what an engine returned against the exact neighbours: per query the share of the true k it
 * returned (recall@k, the study's definition without its tie rule), the true neighbours it lost, and
 * per base row the share of the queries that had it as a true neighbour and missed it.
 */
function scoreRun(
  run: Pick<EngineRun, 'ids'>,
  truth: { ids: Int32Array; k: number },
  nq: number,
  k: number,
  n: number,
): { recall: number; perQueryRecall: Float32Array; lost: number[][]; pointLoss: Float32Array } {
  const perQueryRecall = new Float32Array(nq);
  const lost: number[][] = [];
  const seen = new Int32Array(n);
  const missed = new Int32Array(n);
  let total = 0;
  for (let q = 0; q < nq; q++) {
    const got = new Set(run.ids.subarray(q * k, (q + 1) * k));
    const l: number[] = [];
    let hit = 0;
    for (let j = 0; j < k; j++) {
      const t = truth.ids[q * truth.k + j]!;
      if (t < 0) continue;
      seen[t]!++;
      if (got.has(t)) hit++;
      else {
        missed[t]!++;
        l.push(t);
      }
    }
    perQueryRecall[q] = hit / k;
    total += hit;
    lost.push(l);
  }
  const pointLoss = Float32Array.from(seen, (s, i) => (s === 0 ? NaN : missed[i]! / s));
  return { recall: nq === 0 ? NaN : total / (nq * k), perQueryRecall, lost, pointLoss };
}

/**
 * Runs a pipeline's nearest equivalent in a real database (pgvector through PGlite or a server, or
 * LanceDB), on a scratch copy of the base vectors, and measures recall@k against exact search and
 * the latency of each query. Throws one line where the engine has no equivalent of a stage.
 */
export async function verifyPipeline(p: VerifyParams): Promise<VerifyResult> {
  const parsed = parsePipeline(p.pipeline);
  if (parsed.reduction)
    throw new VecscopeError(
      `${p.pipeline}: verify runs the database on the original vectors; a pipeline with a reduction (${parsed.reduction.kind}${parsed.reduction.dim}) is not verified`,
    );
  if (p.queries.dim !== p.base.dim)
    throw new VecscopeError(`queries are ${p.queries.dim}-d but the base is ${p.base.dim}-d`);
  const opts = { dim: p.base.dim, metric: p.metric, k: p.k };
  const exp = p.engine === 'lancedb' ? lanceExport(parsed, opts) : pgvectorExport(parsed, opts);
  const progress = (f: number, s: string) => p.onProgress?.(0.1 + 0.9 * f, s);
  p.onProgress?.(0, 'exact neighbours');
  let truth = p.truth;
  if (!truth || truth.k < p.k || truth.nq !== p.queries.n) {
    const t = await parallelExactKnn(p.base, p.queries, p.k, p.metric, {
      ...(p.threads !== undefined ? { threads: p.threads } : {}),
      ...(p.signal ? { signal: p.signal } : {}),
    });
    truth = { ids: t.ids, nq: t.nq, k: t.k };
  }
  const run =
    p.engine === 'lancedb'
      ? await runLance(p.base, p.queries, toLanceConfig(parsed, opts), {
          k: p.k,
          signal: p.signal,
          onProgress: progress,
        })
      : await runPgvector(p.base, p.queries, toPgvectorConfig(parsed, opts), {
          engine: p.engine,
          url: p.url,
          scratchDb: p.scratchDb,
          k: p.k,
          signal: p.signal,
          onProgress: progress,
        });
  const score = scoreRun(run, truth, p.queries.n, p.k, p.base.n);
  const sorted = Float64Array.from(run.ms).sort();
  const totalMs = run.ms.reduce((a, b) => a + b, 0);
  return {
    engine: p.engine,
    pipeline: p.pipeline,
    k: p.k,
    nq: p.queries.n,
    n: p.base.n,
    config: exp.json,
    notes: exp.notes,
    scratch: run.scratch,
    ...score,
    ids: run.ids,
    latency: {
      p50Ms: quantile(sorted, 0.5),
      p95Ms: quantile(sorted, 0.95),
      meanMs: totalMs / Math.max(1, sorted.length),
      qps: totalMs > 0 ? (1000 * sorted.length) / totalMs : NaN,
    },
    loadSeconds: run.loadSeconds,
    buildSeconds: run.buildSeconds,
  };
}
