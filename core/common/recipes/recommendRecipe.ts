import { CancelledError, VecscopeError } from '../errors.js';
import { exportPipeline } from '../export/exportPipeline.js';
import { EXPORT_TARGETS, type ExportTarget } from '../export/exportTypes.js';
import { normalizeRows } from '../knn/normalizeRows.js';
import { formatPipeline } from '../pipeline/formatPipeline.js';
import { parsePipeline } from '../pipeline/parsePipeline.js';
import type { Pipeline } from '../pipeline/pipeline.js';
import { createRng } from '../random.js';
import { createStudy, type StudySetup } from '../study/createStudy.js';
import { exactTruth } from '../study/exactTruth.js';
import { expandGrid } from '../study/expandGrid.js';
import { pipelineBytes } from '../study/pipelineBytes.js';
import { pipelineProblem } from '../study/pipelineProblem.js';
import { fitRecallTrend, type RecallPoint, type RecallTrend } from '../study/recallTrend.js';
import type { StudyGrid } from '../study/studyGrid.js';
import type { StudyRow } from '../study/studyTypes.js';
import type { Matrix, Metric } from '../types.js';

type Truth = { ids: Int32Array; nq: number; k: number };

/** What a recommendation's studies are given to run on (core/node injects its worker-thread parts). */
type RecommendSetup = Partial<
  Pick<
    StudySetup,
    'fitReduction' | 'exactKnn' | 'buildGraph' | 'batchQps' | 'clock' | 'collect' | 'repeats' | 'timedQueries'
  >
>;

export interface RecommendInput {
  base: Matrix;
  queries: Matrix;
  /** Training queries for LeanVec-OOD (its reductions join the default search space when given). */
  learnQueries?: Matrix;
  truth?: Truth;
  k: number;
  metric: Metric;
  /** The recall@k the pipeline must reach on the queries. */
  targetRecall: number;
  /** Bound on the primary bytes per vector (the codes searched in RAM). */
  maxBytes?: number;
  /** Bound on the RAM of the codes and the graph at `productionN` vectors. */
  maxRam?: number;
  /** The production vector count: the RAM budget's and the recall prediction's. */
  productionN?: number;
  /** Single-thread queries per second the pipeline must reach. */
  minQps?: number;
  /** The space searched (default: recommendGrid). */
  grid?: StudyGrid;
  seed?: number;
  /** Measure the recommendation at 1/8, 1/4 and 1/2 of the base and predict its recall (default true). */
  trend?: boolean;
  setup?: RecommendSetup;
  onProgress?: (p: { fraction: number; stage: string; pipeline?: string }) => void;
  /** Each measured pipeline, as it finishes. */
  onTrial?: (t: RecommendTrial) => void;
  isCancelled?: () => boolean;
}

/** One measured pipeline: `screen` on a subsample of the queries, `search` on all of them, `trend` on a
 * subset of the base. */
export interface RecommendTrial {
  stage: 'screen' | 'search' | 'trend';
  n: number;
  nq: number;
  row: StudyRow;
}

/** Why a part of the space lost: over the budget, short of the recall (and which loss of the
 * decomposition is the largest), too slow, or not needed as it costs more than the recommendation. */
interface Rejection {
  /** The representation (reduction, quantizer) or pipeline concerned. */
  pipeline: string;
  verdict: 'budget' | 'recall' | 'qps' | 'costlier' | 'invalid';
  /** The largest recall loss, for a `recall` verdict. */
  loss?: 'reduction' | 'quantization' | 'traversal';
  detail: string;
}

interface Candidate {
  pipeline: string;
  recall: number;
  recallLow: number;
  recallHigh: number;
  bytesPerVector: number;
  primaryBytes: number;
  graphBytes: number;
  qps: number;
}

export interface Recommendation extends Candidate {
  k: number;
  metric: Metric;
  targetRecall: number;
  /** The bound applied to each pipeline's primary bytes (or primary and graph bytes with a RAM budget). */
  budgetBytes: number;
  budgetCounts: 'primary' | 'primary+graph';
  /** Pipelines measured (screen and search), and the size of the grid they were drawn from. */
  trials: number;
  gridSize: number;
  runnerUp: Candidate | null;
  rejected: Rejection[];
  exports: Record<ExportTarget, { json: Record<string, unknown>; notes: string[] } | { error: string }>;
  /** Recall at 1/8 … 1 of the base and its prediction at the production count (or the base's). */
  trend: { points: RecallPoint[]; fit: RecallTrend } | null;
  /** The recommendation's own study row (every query). */
  row: StudyRow;
}

/** The default space: no reduction or PCA to d/2 and d/4 (LeanVec-OOD too when learning queries are
 * there), four quantizers from 2 to ½ byte a dimension, a flat scan and a Vamana graph, W from k to 16k,
 * and no re-ranking or re-ranking 4k. */
export function recommendGrid(
  dim: number,
  k: number,
  opts: { learnQueries: boolean; metric: Metric },
): StudyGrid {
  const dims = [...new Set([dim / 2, dim / 4].map((d) => Math.max(8, Math.round(d / 8) * 8)))].filter(
    (d) => d < dim,
  );
  const reductions = ['none'];
  if (dims.length > 0) reductions.push('PCA');
  if (dims.length > 0 && opts.learnQueries && opts.metric !== 'l2') reductions.push('LeanVecOOD');
  return {
    reductions,
    ...(dims.length > 0 ? { dims } : {}),
    quantizers: ['F16', 'LVQ8', 'LVQ4', 'BIN'],
    indexes: ['Flat', 'Vamana'],
    W: [1, 2, 4, 8, 16].map((f) => f * k),
    rerank: [0, 4 * k],
  };
}

/** The pipelines of a grid sharing a reduction, quantizer, index and re-ranking: they differ in W only. */
interface Group {
  rep: string;
  index: string;
  rerank: number;
  cost: number;
  /** Ascending; [undefined] for a flat scan. */
  Ws: (number | undefined)[];
  pipelines: Map<number | undefined, Pipeline>;
}

/**
 * Recommends the cheapest pipeline of a space (reduction × dimension × quantizer × index × W × rerank)
 * that reaches `targetRecall` within a byte budget (and a q/s floor), without measuring the whole grid:
 *
 * 1. Bytes are known before anything runs (pipelineBytes): pipelines over the budget are dropped.
 * 2. Screen: each remaining (reduction, quantizer) is scanned flat, re-ranked as deep as the grid
 *    allows, on a quarter of the queries. No graph over the same codes beats that scan, so one whose
 *    bootstrap upper bound stays under the target is dropped with every index and W over it.
 * 3. Search, on every query, the cheapest pipelines first: per (index, rerank) a binary search for the
 *    smallest W reaching the target (recall grows with W, speed falls), until the cheapest level that
 *    holds a pipeline reaching the target and the q/s floor, the fastest of it recommended, and a
 *    runner-up of another representation is found.
 * 4. Trend: the recommendation is measured on nested subsets (1/8, 1/4, 1/2 of the base) with their own
 *    exact neighbours, and recall = a + b·ln n predicts it at the production count.
 *
 * Throws one line naming the target and the closest pipeline when nothing in the space reaches it.
 */
export async function recommendRecipe(input: RecommendInput): Promise<Recommendation> {
  const { base, queries, k, metric, targetRecall } = input;
  const seed = input.seed ?? 1;
  const setup = input.setup ?? {};
  const cancelled = () => {
    if (input.isCancelled?.()) throw new CancelledError();
  };
  if (!(targetRecall > 0 && targetRecall <= 1))
    throw new VecscopeError(`the target recall must be in (0, 1], got ${targetRecall}`);
  if (queries.dim !== base.dim)
    throw new VecscopeError(`queries are ${queries.dim}-d but the base is ${base.dim}-d`);
  if (!(k >= 1) || k > base.n) throw new VecscopeError(`k must be between 1 and ${base.n}`);
  const ramMode = input.maxRam !== undefined;
  if (ramMode && !(input.productionN !== undefined && input.productionN >= 1))
    throw new VecscopeError('a RAM budget needs the production vector count');
  const budgetBytes = ramMode ? input.maxRam! / input.productionN! : input.maxBytes;
  if (budgetBytes === undefined || !(budgetBytes > 0))
    throw new VecscopeError('give a budget: bytes per vector, or RAM at a production vector count');
  const learn = (input.learnQueries?.n ?? 0) > 0;
  const grid = input.grid ?? recommendGrid(base.dim, k, { learnQueries: learn, metric });
  const all = expandGrid(grid).map((s) => parsePipeline(s));
  const gridSize = all.length;
  const ctx = { dim: base.dim, k, metric, learnQueries: learn };
  const costOf = (p: Pipeline) => {
    const b = pipelineBytes(p, base.dim);
    return ramMode ? b.primary + b.graph : b.primary;
  };

  // 1. Budget (and what cannot run at all), before anything runs.
  const rejected: Rejection[] = [];
  const overBudget = new Map<string, number>();
  const groups = new Map<string, Group>();
  for (const p of all) {
    const problem = pipelineProblem(p, ctx);
    if (problem !== undefined) {
      rejected.push({ pipeline: formatPipeline(p), verdict: 'invalid', detail: problem });
      continue;
    }
    const rep = repKey(p);
    const cost = costOf(p);
    if (cost > budgetBytes) {
      overBudget.set(rep, Math.min(cost, overBudget.get(rep) ?? Infinity));
      continue;
    }
    const rerank = p.search.rerank ?? 0;
    const index = formatPipeline({ ...p, search: {} }).slice(rep.length + 1);
    const key = `${rep}|${index}|${rerank}|${p.search.sec ?? ''}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { rep, index, rerank, cost, Ws: [], pipelines: new Map() }));
    const W = p.index.kind === 'Vamana' ? p.search.W : undefined;
    if (!g.pipelines.has(W)) {
      g.pipelines.set(W, p);
      g.Ws.push(W);
    }
  }
  for (const g of groups.values()) g.Ws.sort((a, b) => (a ?? 0) - (b ?? 0));
  const reps = new Set([...groups.values()].map((g) => g.rep));
  for (const [rep, cost] of overBudget)
    if (!reps.has(rep))
      rejected.push({
        pipeline: rep,
        verdict: 'budget',
        detail: `${fmtBytes(cost)} per vector ${ramMode ? `(codes and graph) ` : ''}> ${fmtBytes(budgetBytes)}`,
      });
  if (groups.size === 0) {
    const cheapest = Math.min(...overBudget.values());
    throw new VecscopeError(
      Number.isFinite(cheapest)
        ? `no pipeline of the space fits ${fmtBytes(budgetBytes)} per vector (the cheapest takes ${fmtBytes(cheapest)})`
        : `no pipeline of the space can run here: ${rejected[0]?.detail ?? 'the grid is empty'}`,
    );
  }

  const truth = input.truth ?? (await groundTruth(base, queries, k, metric, setup));
  if (truth.nq !== queries.n || truth.k < k)
    throw new VecscopeError(
      `ground truth is ${truth.nq} × ${truth.k}, need ${queries.n} queries × at least ${k}`,
    );
  cancelled();

  let trials = 0;
  const reductionMemo = new Map<string, ReturnType<NonNullable<StudySetup['fitReduction']>>>();
  const fitReduction: StudySetup['fitReduction'] | undefined = setup.fitReduction
    ? (method, b, opts) => {
        // Studies over the same base (screen and search) share their fits.
        const key = `${method}:${opts.dim}:${b.n}`;
        let r = reductionMemo.get(key);
        if (!r) reductionMemo.set(key, (r = setup.fitReduction!(method, b, opts)));
        return r;
      }
    : undefined;
  const studyOf = (b: Matrix, q: Matrix, t: Truth | undefined) =>
    createStudy({
      ...setup,
      ...(fitReduction ? { fitReduction } : {}),
      base: b,
      queries: q,
      ...(input.learnQueries ? { learnQueries: input.learnQueries } : {}),
      ...(t ? { truth: t } : {}),
      k,
      metric,
      seed,
      ...(input.isCancelled ? { isCancelled: input.isCancelled } : {}),
    });
  const full = studyOf(base, queries, truth);
  const progress = (fraction: number, stage: string, pipeline?: string) =>
    input.onProgress?.({ fraction, stage, ...(pipeline !== undefined ? { pipeline } : {}) });
  const runOn = async (
    study: ReturnType<typeof createStudy>,
    p: Pipeline,
    stage: RecommendTrial['stage'],
    at: { n: number; nq: number; from: number; to: number },
  ): Promise<StudyRow> => {
    const name = formatPipeline(p);
    const row = await study.runPipeline(p, {
      onProgress: (s) => progress(at.from + (at.to - at.from) * s.fraction, `${stage}: ${s.stage}`, name),
    });
    if (stage !== 'trend') trials++;
    input.onTrial?.({ stage, n: at.n, nq: at.nq, row });
    cancelled();
    return row;
  };

  // 2. Screen each representation by its flat re-ranked ceiling on a subsample of the queries.
  const nq = queries.n;
  const sub = nq > 200 ? Math.max(100, Math.ceil(nq / 4)) : nq;
  const picked = sub < nq ? sampleRows(nq, sub, seed) : null;
  const screen = picked ? studyOf(base, pickRows(queries, picked), pickTruth(truth, picked)) : full;
  const repList = [...reps].sort((a, b) => repCost(a) - repCost(b));
  function repCost(rep: string): number {
    return Math.min(...[...groups.values()].filter((g) => g.rep === rep).map((g) => g.cost));
  }
  const alive = new Set<string>();
  const closest: { pipeline: string; recall: number }[] = [];
  for (let i = 0; i < repList.length; i++) {
    const rep = repList[i]!;
    const deepest = [...groups.values()]
      .filter((g) => g.rep === rep)
      .reduce((m, g) => Math.max(m, g.rerank), 0);
    const ceiling = parsePipeline(`${rep},Flat${deepest > 0 ? `|rerank=${deepest}` : ''}`);
    const span = 0.3 / repList.length;
    const row = await runOn(screen, ceiling, 'screen', {
      n: base.n,
      nq: sub,
      from: i * span,
      to: (i + 1) * span,
    });
    if (row.error !== undefined) {
      rejected.push({ pipeline: rep, verdict: 'invalid', detail: row.error });
      continue;
    }
    closest.push({ pipeline: row.pipeline, recall: row.recall });
    if (row.recallHigh >= targetRecall) alive.add(rep);
    else {
      const d = row.decomposition;
      const loss = d.reduction >= d.quantization ? 'reduction' : 'quantization';
      rejected.push({
        pipeline: rep,
        verdict: 'recall',
        loss,
        detail: `at most recall ${row.recall.toFixed(3)} (≤ ${row.recallHigh.toFixed(3)}) scanning every code${
          deepest > 0 ? ` and re-ranking ${deepest}` : ''
        }: the reduction loses ${d.reduction.toFixed(3)}, the quantization ${d.quantization.toFixed(3)}`,
      });
    }
  }

  // 3. Search the survivors on every query, cheapest first.
  const order = [...groups.values()]
    .filter((g) => alive.has(g.rep))
    .sort((a, b) => a.cost - b.cost || a.rep.localeCompare(b.rep));
  const feasible: { row: StudyRow; rep: string; cost: number }[] = [];
  let winnerCost: number | undefined;
  let doneAt = order.length;
  const skipped: Group[] = [];
  for (let gi = 0; gi < order.length; gi++) {
    const g = order[gi]!;
    if (winnerCost !== undefined && g.cost > winnerCost) {
      // Past the winner's level: only a runner-up of another representation is still wanted.
      const lead = bestOf(feasible)!;
      if (feasible.some((f) => f.rep !== lead.rep)) {
        doneAt = gi;
        break;
      }
      if (g.rep === lead.rep) {
        skipped.push(g);
        continue;
      }
    }
    const from = 0.3 + (0.5 * gi) / order.length;
    const to = 0.3 + (0.5 * (gi + 1)) / order.length;
    const seen: StudyRow[] = [];
    const probe = async (W: number | undefined) => {
      const row = await runOn(full, g.pipelines.get(W)!, 'search', { n: base.n, nq, from, to });
      seen.push(row);
      return row;
    };
    // Smallest W reaching the target: recall grows with W.
    let lo = 0;
    let hi = g.Ws.length - 1;
    let hit: StudyRow | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const row = await probe(g.Ws[mid]);
      if (row.error === undefined && row.recall >= targetRecall) {
        hit = row;
        hi = mid - 1;
      } else lo = mid + 1;
    }
    const best = seen.filter((r) => r.error === undefined).sort((a, b) => b.recall - a.recall)[0];
    if (best) closest.push({ pipeline: best.pipeline, recall: best.recall });
    if (hit) {
      if (input.minQps === undefined || hit.qps >= input.minQps) {
        feasible.push({ row: hit, rep: g.rep, cost: g.cost });
        if (winnerCost === undefined) winnerCost = g.cost;
      } else
        rejected.push({
          pipeline: hit.pipeline,
          verdict: 'qps',
          detail: `reaches recall ${hit.recall.toFixed(3)} at ${fmtQps(hit.qps)} q/s < ${fmtQps(input.minQps)} (larger W is slower)`,
        });
    } else if (best) {
      const d = best.decomposition;
      const losses = { reduction: d.reduction, quantization: d.quantization, traversal: d.traversal };
      const loss = (Object.keys(losses) as (keyof typeof losses)[]).reduce((a, b) =>
        losses[a] >= losses[b] ? a : b,
      );
      rejected.push({
        pipeline: best.pipeline,
        verdict: 'recall',
        loss,
        detail: `best recall ${best.recall.toFixed(3)} at the largest W tried: reduction loses ${d.reduction.toFixed(3)}, quantization ${d.quantization.toFixed(3)}, traversal ${d.traversal.toFixed(3)}`,
      });
    } else if (seen[0]?.error !== undefined)
      rejected.push({ pipeline: seen[0].pipeline, verdict: 'invalid', detail: seen[0].error });
  }
  for (const g of [...skipped, ...order.slice(doneAt)])
    if (g.cost > (winnerCost ?? Infinity))
      rejected.push({
        pipeline: `${g.rep},${g.index}${g.rerank > 0 ? `|rerank=${g.rerank}` : ''}`,
        verdict: 'costlier',
        detail: `${fmtBytes(g.cost)} per vector, more than the recommendation's ${fmtBytes(winnerCost!)}; not measured`,
      });

  const winner = bestOf(feasible);
  if (!winner) {
    const near = closest.sort((a, b) => b.recall - a.recall)[0];
    const qpsMiss = rejected.find((r) => r.verdict === 'qps');
    throw new VecscopeError(
      qpsMiss
        ? `recall@${k} ≥ ${targetRecall} is reached within ${fmtBytes(budgetBytes)} per vector but never at ${fmtQps(input.minQps!)} q/s; closest: ${qpsMiss.pipeline} (${qpsMiss.detail})`
        : `recall@${k} ≥ ${targetRecall} is out of reach within ${fmtBytes(budgetBytes)} per vector; closest: ${
            near ? `${near.pipeline} at recall ${near.recall.toFixed(3)}` : 'nothing could run'
          }`,
    );
  }
  const runner = bestOf(feasible.filter((f) => f.rep !== winner.rep));

  // 4. Recall against the size of the base.
  let trend: Recommendation['trend'] = null;
  if (input.trend ?? true) {
    const points = await measureRecallTrend(
      { ...input, truth },
      winner.row.parsed,
      [1 / 8, 1 / 4, 1 / 2],
      (f, stage) => progress(0.8 + 0.2 * f, stage, winner.row.pipeline),
    );
    points.push(pointOf(base.n, winner.row));
    if (points.length >= 2) trend = { points, fit: fitRecallTrend(points, input.productionN ?? base.n) };
  }
  progress(1, 'done');

  const exports = {} as Recommendation['exports'];
  for (const target of EXPORT_TARGETS) {
    try {
      const e = exportPipeline(target, winner.row.parsed, { dim: base.dim, metric, k });
      exports[target] = { json: e.json, notes: e.notes };
    } catch (e) {
      if (!(e instanceof VecscopeError)) throw e;
      exports[target] = { error: e.message };
    }
  }
  return {
    ...candidate(winner.row),
    k,
    metric,
    targetRecall,
    budgetBytes,
    budgetCounts: ramMode ? 'primary+graph' : 'primary',
    trials,
    gridSize,
    runnerUp: runner ? candidate(runner.row) : null,
    rejected,
    exports,
    trend,
    row: winner.row,
  };
}

/**
 * Measures a pipeline on nested random subsets of the base (`fractions` of it, the same seeded
 * order, so each subset holds the smaller ones), each with its own exact neighbours of the same
 * queries. Fractions that leave fewer than 10·k rows are skipped.
 */
export async function measureRecallTrend(
  input: Omit<RecommendInput, 'targetRecall'>,
  pipeline: Pipeline,
  fractions: readonly number[],
  onProgress?: (fraction: number, stage: string) => void,
): Promise<RecallPoint[]> {
  const { base, queries, k, metric } = input;
  const setup = input.setup ?? {};
  const seed = input.seed ?? 1;
  const order = sampleRows(base.n, base.n, seed ^ 0x7e4d);
  const points: RecallPoint[] = [];
  for (let i = 0; i < fractions.length; i++) {
    const n = Math.round(base.n * fractions[i]!);
    if (n < 10 * k || n >= base.n) continue;
    onProgress?.(i / fractions.length, `recall at n = ${n}`);
    // Ascending ids, so that the subset keeps the base's order.
    const subset = pickRows(base, Int32Array.from(order.subarray(0, n)).sort());
    const study = createStudy({
      ...setup,
      base: subset,
      queries,
      ...(input.learnQueries ? { learnQueries: input.learnQueries } : {}),
      k,
      metric,
      seed,
      ...(input.isCancelled ? { isCancelled: input.isCancelled } : {}),
    });
    const row = await study.runPipeline(pipeline);
    if (input.isCancelled?.()) throw new CancelledError();
    input.onTrial?.({ stage: 'trend', n, nq: queries.n, row });
    if (row.error !== undefined) throw new VecscopeError(`recall at n = ${n}: ${row.error}`);
    points.push(pointOf(n, row));
  }
  onProgress?.(1, 'recall trend');
  return points;
}

function pointOf(n: number, row: StudyRow): RecallPoint {
  return { n, recall: row.recall, low: row.recallLow, high: row.recallHigh };
}

function candidate(r: StudyRow): Candidate {
  return {
    pipeline: r.pipeline,
    recall: r.recall,
    recallLow: r.recallLow,
    recallHigh: r.recallHigh,
    bytesPerVector: r.bytesPerVector,
    primaryBytes: r.primaryBytes,
    graphBytes: r.graphBytes,
    qps: r.qps,
  };
}

/** The cheapest, then fastest. */
function bestOf<T extends { row: StudyRow; cost: number }>(list: readonly T[]): T | undefined {
  let best: T | undefined;
  for (const f of list)
    if (!best || f.cost < best.cost || (f.cost === best.cost && f.row.qps > best.row.qps)) best = f;
  return best;
}

/**
 * The best pipeline of fully measured rows under the same rule (cheapest within the budget reaching
 * the target and the q/s floor, then fastest): what a recommendation is checked against.
 */
export function gridBest(
  rows: readonly StudyRow[],
  opts: { targetRecall: number; budgetBytes: number; ram: boolean; dim: number; minQps?: number },
): StudyRow | undefined {
  const ok = rows
    .filter((r) => r.error === undefined && r.recall >= opts.targetRecall)
    .filter((r) => opts.minQps === undefined || r.qps >= opts.minQps)
    .map((row) => {
      const b = pipelineBytes(row.parsed, opts.dim);
      return { row, cost: opts.ram ? b.primary + b.graph : b.primary };
    })
    .filter((c) => c.cost <= opts.budgetBytes);
  return bestOf(ok)?.row;
}

/** A pipeline's reduction and quantizer: what its codes are. */
function repKey(p: Pipeline): string {
  return formatPipeline({ ...p, index: { kind: 'Flat' }, search: {} }).replace(/,Flat$/, '');
}

async function groundTruth(
  base: Matrix,
  queries: Matrix,
  k: number,
  metric: Metric,
  setup: RecommendSetup,
): Promise<Truth> {
  const b = metric === 'cos' ? normalizeRows(base) : base;
  const q = metric === 'cos' ? normalizeRows(queries) : queries;
  const m = metric === 'l2' ? 'l2' : 'ip';
  const ids = setup.exactKnn ? (await setup.exactKnn(b, q, k, m)).ids : exactTruth(b, q, k, m);
  return { ids, nq: queries.n, k };
}

/** `count` distinct row ids of `n`, in a seeded random order. */
function sampleRows(n: number, count: number, seed: number): Int32Array {
  const rng = createRng(seed);
  const ids = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < count; i++) {
    const j = i + rng.int(n - i);
    const t = ids[i]!;
    ids[i] = ids[j]!;
    ids[j] = t;
  }
  return ids.subarray(0, count);
}

function pickRows(m: Matrix, rows: Int32Array): Matrix {
  const out = new Float32Array(rows.length * m.dim);
  for (let i = 0; i < rows.length; i++)
    out.set(m.data.subarray(rows[i]! * m.dim, (rows[i]! + 1) * m.dim), i * m.dim);
  return { data: out, n: rows.length, dim: m.dim };
}

function pickTruth(t: Truth, rows: Int32Array): Truth {
  const ids = new Int32Array(rows.length * t.k);
  for (let i = 0; i < rows.length; i++)
    ids.set(t.ids.subarray(rows[i]! * t.k, (rows[i]! + 1) * t.k), i * t.k);
  return { ids, nq: rows.length, k: t.k };
}

function fmtBytes(b: number): string {
  return `${Number.isInteger(b) ? b : b.toFixed(1)} B`;
}

function fmtQps(q: number): string {
  return q >= 100 ? q.toFixed(0) : q.toPrecision(3);
}
