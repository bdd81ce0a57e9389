import { CancelledError, VecscopeError } from '../errors.js';
import { formatPipeline, stageKeys } from '../pipeline/formatPipeline.js';
import { parsePipeline } from '../pipeline/parsePipeline.js';
import { REDUCTION_METHODS, defaultWindow, type Pipeline } from '../pipeline/pipeline.js';
import type { Codec, CodeMetric, EncodedVectors } from '../quantize/codec.js';
import { F16Codec } from '../quantize/f16Codec.js';
import { F32Codec } from '../quantize/f32Codec.js';
import { LvqCodec } from '../quantize/lvqCodec.js';
import { trainCodec } from '../quantize/trainCodec.js';
import { reduceData, reduceQueries, type LinearReduction } from '../reduce/reduction.js';
import { buildVamana } from '../search/buildVamana.js';
import { residentHome } from '../search/graphMemory.js';
import type { GraphSearchIndex } from '../search/graphSearchIndex.js';
import { FilteredPipelineSearcher } from '../search/filteredPipelineSearcher.js';
import { PipelineSearcher, type SearchParts, type SearchSettings } from '../search/pipelineSearcher.js';
import { decodedRows } from '../search/rowSource.js';
import type { VamanaGraph } from '../search/vamanaGraph.js';
import type { Matrix } from '../types.js';
import { bootstrapInterval } from './bootstrapInterval.js';
import { calibrate } from './calibrate.js';
import { exactTruth } from './exactTruth.js';
import {
  allowedRows,
  filteredTruth,
  measureFiltered,
  type FilteredRecall,
  type StudyFilter,
} from './filteredRecall.js';
import { paretoFrontier } from './paretoFrontier.js';
import { pipelineProblem } from './pipelineProblem.js';
import { studyMemory } from './studyMemory.js';
import type { CalibrationEntry, StudyInput, StudyProgress, StudyResult, StudyRow } from './studyTypes.js';

interface ReducedStage {
  /**
   * The reduced rows. Large ones (resident) are dropped once a pipeline's codes are made from them and
   * its exact recall in the reduced space is known, as its graph is built from the codes: then
   * `rowsOf` projects them again if a later pipeline needs them.
   */
  base: Matrix | undefined;
  reduction?: LinearReduction;
  queries: Matrix;
  seconds: number;
  /** The fitter took the reduction from a cache (an earlier study): `seconds` is the original fit's. */
  reusedFit?: boolean;
  exactRecall?: number;
}
interface QuantStage {
  codec: Codec;
  encoded: EncodedVectors;
  seconds: number;
  flatRecall?: number;
}
interface IndexStage {
  graph: VamanaGraph;
  seconds: number;
}

/** A study's fixed inputs: everything in StudyInput but the pipelines and the per-run callbacks. */
export type StudySetup = Omit<StudyInput, 'pipelines' | 'grid' | 'onProgress' | 'onRow'>;

/** Callbacks of one runPipeline call; fractions are of that pipeline (0 to 1). */
interface PipelineHooks {
  onProgress?: (p: StudyProgress) => void;
  onRow?: (row: StudyRow) => void;
}

/** A compression study over one base and query set, run one pipeline at a time. */
export interface Study {
  /**
   * Fits, searches and measures one pipeline; stages an earlier pipeline fitted are reused. A pipeline
   * that cannot run (pipelineProblem) or fails while running gives a row with its `error` instead of
   * throwing, so a sweep goes on; only a cancel or a failed ground truth throws.
   */
  runPipeline(pipeline: string | Pipeline, hooks?: PipelineHooks): Promise<StudyRow>;
  /**
   * The rows so far, their Pareto frontiers, calibration and memory. Needs the ground truth: given,
   * or computed by a first runPipeline.
   */
  result(): StudyResult;
}

/**
 * Creates a compression study (ALGORITHMS.md §8): each runPipeline fits a pipeline's stages, searches
 * every query and measures the row. Reductions, codes, graphs, re-ranking vectors and flat recalls live
 * as long as the study, so pipelines sharing a stage fit it once whenever they run. Under `cos` all
 * vectors are L2-normalised first and ranked by inner product. Calls must not overlap.
 */
/** Timed passes per pipeline by default: the fewest with a median that one slow pass cannot move. */
const DEFAULT_REPEATS = 3;

export function createStudy(input: StudySetup): Study {
  const { k, metric } = input;
  const clock = input.clock ?? (() => Date.now());
  const seed = input.seed ?? 1;
  if (input.queries.dim !== input.base.dim)
    throw new VecscopeError(`queries are ${input.queries.dim}-d but the base is ${input.base.dim}-d`);
  if (!(k >= 1) || k > input.base.n) throw new VecscopeError(`k must be between 1 and ${input.base.n}`);
  const cancelled = () => {
    if (input.isCancelled?.()) throw new CancelledError();
  };

  const codeMetric: CodeMetric = metric === 'l2' ? 'l2' : 'ip';
  const base = metric === 'cos' ? normalized(input.base) : input.base;
  const queries = metric === 'cos' ? normalized(input.queries) : input.queries;
  const learn = input.learnQueries && metric === 'cos' ? normalized(input.learnQueries) : input.learnQueries;
  const nq = queries.n;
  const given = input.truth;
  if (given && (given.nq !== nq || given.k < k))
    throw new VecscopeError(`ground truth is ${given.nq} × ${given.k}, need ${nq} queries × at least ${k}`);

  let known: Truth | undefined = given ? withRecall(given, false, k) : undefined;
  /** The ground truth, computed by the first pipeline that needs it when none was given. */
  const groundTruth = async (hooks: PipelineHooks): Promise<Truth> => {
    if (known) return known;
    hooks.onProgress?.({ fraction: 0, stage: 'ground truth' });
    const ids = input.exactKnn
      ? (await input.exactKnn(base, queries, k, metric === 'cos' ? 'ip' : metric)).ids
      : exactTruth(base, queries, k, codeMetric);
    known = withRecall({ ids, nq, k }, true, k);
    return known;
  };

  for (const f of input.filters ?? [])
    if (f.allowed.length !== base.n)
      throw new VecscopeError(`filter "${f.filter}" covers ${f.allowed.length} rows, the base has ${base.n}`);
  /** Each filter's allowed rows and exact filtered truth, computed by the first pipeline. */
  const filterTruths = new Map<StudyFilter, { ids: Int32Array; truth: Int32Array }>();
  const filterTruth = async (f: StudyFilter, truth: Truth, hooks: PipelineHooks) => {
    if (filterTruths.has(f)) return;
    const ids = allowedRows(f.allowed);
    if (ids.length === 0) throw new VecscopeError(`the filter "${f.filter}" matches no row`);
    hooks.onProgress?.({ fraction: 0, stage: 'filtered ground truth' });
    let t: Int32Array;
    if (ids.length === base.n) {
      // Every row allowed: the study's own truth, so 100 % agrees with the unfiltered recall.
      t = new Int32Array(nq * k);
      for (let q = 0; q < nq; q++)
        t.set(truth.truth.ids.subarray(q * truth.truth.k, q * truth.truth.k + k), q * k);
    } else {
      const exactKnn = input.exactKnn;
      t = await filteredTruth(
        base,
        queries,
        ids,
        k,
        codeMetric,
        exactKnn
          ? async (sub, kk) => (await exactKnn(sub, queries, kk, metric === 'cos' ? 'ip' : metric)).ids
          : undefined,
      );
    }
    filterTruths.set(f, { ids, truth: t });
  };

  const reducedCache = new Map<string, ReducedStage>();
  const quantCache = new Map<string, QuantStage>();
  const indexCache = new Map<string, IndexStage>();
  const secondaryCache = new Map<string, { codec: Codec; encoded: EncodedVectors; seconds: number }>();
  /** Recall of a flat scan of one set of codes re-ranked to one depth, by `quantizer|rerank|sec`. */
  const rerankCeilingCache = new Map<string, number>();

  const reduced = async (p: Pipeline, key: string): Promise<ReducedStage> => {
    let st = reducedCache.get(key);
    if (st) return st;
    if (!p.reduction) st = { base, queries, seconds: 0, exactRecall: 1 };
    else {
      if (!input.fitReduction)
        throw new VecscopeError(`pipeline needs a reduction (${key}) but none is available`);
      const t0 = clock();
      const got = await input.fitReduction(REDUCTION_METHODS[p.reduction.kind], base, {
        dim: p.reduction.dim,
        metric,
        seed,
        ...(learn ? { learnQueries: learn } : {}),
      });
      const r = 'reused' in got ? got.reused : got;
      const fitted = clock();
      const rb = reduceData(r, base);
      const fitSeconds = 'reused' in got && r.fitSeconds !== undefined ? r.fitSeconds : (fitted - t0) / 1000;
      st = {
        base: rb,
        reduction: r,
        queries: reduceQueries(r, queries),
        seconds: fitSeconds + (clock() - fitted) / 1000,
        ...('reused' in got ? { reusedFit: true } : {}),
      };
    }
    reducedCache.set(key, st);
    return st;
  };
  const rowsOf = (red: ReducedStage): Matrix => (red.base ??= reduceData(red.reduction!, base));

  const quantized = (p: Pipeline, key: string, red: ReducedStage): QuantStage => {
    let st = quantCache.get(key);
    if (st) return st;
    const t0 = clock();
    const rows = rowsOf(red);
    const codec = trainCodec(p.quantizer, rows, codeMetric, seed);
    const encoded = codec.encode(rows);
    st = { codec, encoded, seconds: (clock() - t0) / 1000 };
    quantCache.set(key, st);
    return st;
  };

  const secondary = (kind: 'F32' | 'F16' | 'LVQ8') => {
    let st = secondaryCache.get(kind);
    if (st) return st;
    const t0 = clock();
    const codec =
      kind === 'F32'
        ? F32Codec.train(base, codeMetric)
        : kind === 'F16'
          ? F16Codec.train(base, codeMetric)
          : LvqCodec.train('LVQ8', base, codeMetric);
    st = { codec, encoded: codec.encode(base), seconds: (clock() - t0) / 1000 };
    secondaryCache.set(kind, st);
    return st;
  };

  const indexes = new Set<GraphSearchIndex>();
  const timedQueries = Math.min(
    nq,
    input.timedQueries ?? (base.n * nq <= 1e8 ? nq : Math.max(100, Math.ceil(1e8 / base.n))),
  );
  /** Single-thread search of the first `count` queries: ids, and q/s when timed. */
  const searchSerial = (
    parts: SearchParts,
    red: ReducedStage,
    s: SearchSettings,
    count: number,
    timed: boolean,
    held = true,
  ) => {
    const searcher = new PipelineSearcher(parts);
    // Indexes over rows the study drops (rowsOf) are not held, nor counted in its memory.
    if (held) for (const index of searcher.indexes()) indexes.add(index);
    const ids = new Int32Array(nq * k);
    const warm = timed ? Math.min(count, 20) : 0;
    for (let q = 0; q < warm; q++)
      searcher.search(red.queries.data, q * red.queries.dim, queries.data, q * queries.dim, s, ids, q * k);
    let evaluations = 0;
    const passes: number[] = [];
    let reranked = 0;
    for (let rep = 0; rep < (timed ? Math.max(1, input.repeats ?? DEFAULT_REPEATS) : 1); rep++) {
      evaluations = 0;
      reranked = 0;
      const t0 = clock();
      for (let q = 0; q < count; q++) {
        searcher.search(red.queries.data, q * red.queries.dim, queries.data, q * queries.dim, s, ids, q * k);
        evaluations += searcher.evaluations;
        reranked += searcher.reranked;
      }
      const seconds = (clock() - t0) / 1000;
      passes.push(seconds > 0 ? count / seconds : Infinity);
    }
    return {
      ids,
      ...qpsOfPasses(passes),
      evaluations: evaluations / Math.max(count, 1),
      reranked: reranked / Math.max(count, 1),
    };
  };
  /** Every query's ids, on all threads when a parallel searcher is injected. */
  const searchAll = async (
    parts: SearchParts,
    red: ReducedStage,
    s: SearchSettings,
    held = true,
  ): Promise<Int32Array> =>
    input.batchQps
      ? (await input.batchQps(parts, red.queries, queries, s)).ids
      : searchSerial(parts, red, s, nq, false, held).ids;
  /** Recall of an exact (float32 flat) search of the reduced rows: what the reduction alone loses. */
  const exactRecallOf = async (red: ReducedStage, recallOf: Truth['recallOf'], held: boolean) => {
    const rows = rowsOf(red);
    const f = F32Codec.train(rows, codeMetric);
    return recallOf(await searchAll({ codec: f, encoded: f.encode(rows) }, red, { k, W: k, rerank: 0 }, held))
      .mean;
  };
  /** The timed search: single-thread q/s (on `timedQueries`), batch q/s, and every query's ids. */
  const measure = async (parts: SearchParts, red: ReducedStage, s: SearchSettings) => {
    const serial = searchSerial(parts, red, s, input.batchQps ? timedQueries : nq, true);
    if (!input.batchQps) return { ...serial, qpsBatch: null };
    const batch = await input.batchQps(parts, red.queries, queries, s);
    return { ...serial, ids: batch.ids, qpsBatch: batch.qps };
  };

  const rows: StudyRow[] = [];
  const calibration: CalibrationEntry[] = [];
  let running = false;

  const run = async (pipeline: string | Pipeline, hooks: PipelineHooks): Promise<StudyRow> => {
    const p = typeof pipeline === 'string' ? parsePipeline(pipeline) : pipeline;
    const name = formatPipeline(p);
    // The ground truth is every pipeline's: when it fails, the study fails.
    const truth = await groundTruth(hooks);
    // So is each filter's: one that matches no row stops the study before any pipeline runs.
    for (const f of input.filters ?? []) await filterTruth(f, truth, hooks);
    cancelled();
    let measuredRow: Measured;
    try {
      const problem = pipelineProblem(p, { dim: base.dim, k, metric, learnQueries: (learn?.n ?? 0) > 0 });
      if (problem !== undefined) throw new VecscopeError(problem);
      measuredRow = await measurePipeline(p, name, truth, hooks);
    } catch (e) {
      // One pipeline that cannot run must not cost the rest of the sweep: its row says why.
      if (e instanceof CancelledError) throw e;
      const message = e instanceof Error ? e.message : String(e);
      const row = failedRow(p, name, e instanceof VecscopeError ? message : `internal error: ${message}`);
      rows.push(row);
      hooks.onRow?.(row);
      return row;
    }
    rows.push(measuredRow.row);
    hooks.onRow?.(measuredRow.row);
    if (input.targetRecall !== undefined) {
      hooks.onProgress?.({ fraction: 0.95, stage: 'calibration', pipeline: name });
      calibration.push(await measuredRow.calibrate(input.targetRecall));
    }
    return measuredRow.row;
  };

  const failedRow = (p: Pipeline, name: string, error: string): StudyRow => ({
    pipeline: name,
    parsed: p,
    recall: NaN,
    recallLow: NaN,
    recallHigh: NaN,
    bytesPerVector: NaN,
    primaryBytes: NaN,
    secondaryBytes: NaN,
    graphBytes: NaN,
    buildSeconds: NaN,
    qps: NaN,
    qpsSpread: NaN,
    qpsBatch: null,
    evaluations: NaN,
    decomposition: { reduction: NaN, quantization: NaN, traversal: NaN, rerankRecovered: NaN },
    perQueryRecall: new Float32Array(0),
    neighbourLoss: new Float32Array(base.n).fill(NaN),
    neighbourSeen: new Int32Array(base.n),
    ids: new Int32Array(0),
    error,
  });

  /** Fits, searches and measures one pipeline; the row, and how to calibrate it afterwards. */
  const measurePipeline = async (
    p: Pipeline,
    name: string,
    known: Truth,
    hooks: PipelineHooks,
  ): Promise<Measured> => {
    const { truth, recallOf } = known;
    const keys = stageKeys(p);
    const at = (f: number, stage: string) => hooks.onProgress?.({ fraction: f, stage, pipeline: name });
    at(0, 'reduction');
    // Stages an earlier pipeline (or, for reductions, an earlier study) made: the row names them, and
    // counts their original time in buildSeconds so that it does not depend on the order of the rows.
    const cached: string[] = [];
    const reductionWasCached = reducedCache.has(keys.reduction);
    const red = await reduced(p, keys.reduction);
    if (p.reduction && (reductionWasCached || red.reusedFit)) cached.push('reduction');
    cancelled();
    at(0.2, 'quantizer');
    // Large reduced rows are measured now and dropped once coded (ReducedStage.base), so that the
    // graph build, the biggest transient of a study, does not run beside them.
    const drop = dropsRows(p, red);
    if (drop && red.exactRecall === undefined) red.exactRecall = await exactRecallOf(red, recallOf, false);
    cancelled();
    if (quantCache.has(keys.quantizer)) cached.push('codes');
    const q = quantized(p, keys.quantizer, red);
    if (drop) {
      red.base = undefined;
      await input.collect?.();
    }
    cancelled();
    let graphStage: IndexStage | undefined;
    if (p.index.kind === 'Vamana') {
      graphStage = indexCache.get(keys.index);
      if (graphStage) cached.push('graph');
      else {
        at(0.3, 'graph');
        const t0 = clock();
        const home = residentHome(q.encoded.codes);
        const buildOpts = {
          R: p.index.R,
          L: p.index.L,
          ...(p.index.alpha !== undefined ? { alpha: p.index.alpha } : {}),
          seed,
          // Built into the codes' own memory when they are resident: searched there, never copied.
          ...(home ? { home } : {}),
          onProgress: (f: number) => at(0.3 + 0.4 * f, 'graph'),
          isCancelled: () => input.isCancelled?.() ?? false,
        };
        // F32 codes are the reduced rows themselves; other codes are decoded a block at a time
        // into the build's own copy, never whole.
        const primary = q.codec.kind === 'F32' ? rowsOf(red) : decodedRows(q.codec, q.encoded);
        const graph = input.buildGraph
          ? await input.buildGraph(primary, codeMetric, buildOpts)
          : buildVamana(primary, codeMetric, buildOpts);
        graphStage = { graph, seconds: (clock() - t0) / 1000 };
        // The build's working set (its 8-bit copy, slack lists, scratch) is garbage now.
        await input.collect?.();
        indexCache.set(keys.index, graphStage);
      }
    }
    const rerank = p.search.rerank ?? 0;
    if (rerank > 0 && secondaryCache.has(p.search.sec ?? 'F32')) cached.push('rerank vectors');
    const sec = rerank > 0 ? secondary(p.search.sec ?? 'F32') : undefined;
    const parts: SearchParts = {
      codec: q.codec,
      encoded: q.encoded,
      ...(graphStage ? { graph: graphStage.graph } : {}),
      ...(sec ? { secondary: { codec: sec.codec, encoded: sec.encoded } } : {}),
    };
    const settings: SearchSettings = { k, W: p.search.W ?? defaultWindow(k), rerank };
    cancelled();
    at(0.7, 'search');
    const res = await measure(parts, red, settings);
    const { per, mean } = recallOf(res.ids);
    const ci = bootstrapInterval(per, seed);

    // Recall-loss decomposition, each stage measured once and shared.
    at(0.8, 'decomposition');
    const flatPlain = !graphStage && rerank === 0;
    if (flatPlain && q.flatRecall === undefined) q.flatRecall = mean;
    if (flatPlain && q.codec.kind === 'F32' && red.exactRecall === undefined) red.exactRecall = mean;
    if (red.exactRecall === undefined) red.exactRecall = await exactRecallOf(red, recallOf, true);
    if (q.flatRecall === undefined)
      q.flatRecall = recallOf(
        await searchAll({ codec: q.codec, encoded: q.encoded }, red, { k, W: k, rerank: 0 }),
      ).mean;
    let noRerank = mean;
    if (rerank > 0) {
      const { secondary: _s, ...primaryOnly } = parts;
      noRerank = recallOf(await searchAll(primaryOnly, red, { ...settings, rerank: 0 })).mean;
    } else if (!graphStage) noRerank = q.flatRecall;
    const traversed = graphStage ? noRerank : q.flatRecall;
    // `traversal` is measured at depth k without re-ranking, but a re-ranking graph pipeline keeps
    // `rerank` candidates, and a graph can find the top k well yet miss the deeper candidates that
    // re-ranking would promote. The same codes scanned flat to the same depth and re-ranked with the
    // same vectors give the ceiling for this depth; the gap to it is the graph's loss there.
    let rerankTraversal: number | undefined;
    if (graphStage && rerank > 0) {
      const ck = `${keys.quantizer}|${rerank}|${p.search.sec ?? 'F32'}`;
      let ceiling = rerankCeilingCache.get(ck);
      if (ceiling === undefined) {
        const { graph: _g, ...flatParts } = parts;
        ceiling = recallOf(await searchAll(flatParts, red, { k, W: k, rerank })).mean;
        rerankCeilingCache.set(ck, ceiling);
      }
      rerankTraversal = ceiling - mean;
    }
    const decomposition = {
      reduction: 1 - red.exactRecall,
      quantization: red.exactRecall - q.flatRecall,
      traversal: q.flatRecall - traversed,
      rerankRecovered: mean - noRerank,
      ...(rerankTraversal !== undefined ? { rerankTraversal } : {}),
    };

    const qpsBatch = res.qpsBatch;
    let filtered: FilteredRecall[] | undefined;
    if (input.filters && input.filters.length > 0) {
      filtered = [];
      const fs = new FilteredPipelineSearcher(parts);
      for (let i = 0; i < input.filters.length; i++) {
        cancelled();
        at(0.85 + (0.15 * i) / input.filters.length, 'filters');
        const f = input.filters[i]!;
        const ft = filterTruths.get(f)!;
        filtered.push(measureFiltered(fs, f, ft.ids, ft.truth, red.queries, queries, settings));
      }
    }
    const main = filtered?.find((_, i) => input.filters![i]!.primary);

    const primaryBytes = q.codec.codeBytes;
    const secondaryBytes = q.codec.refineBytes + (sec ? sec.codec.codeBytes : 0);
    const row: StudyRow = {
      pipeline: name,
      parsed: p,
      recall: mean,
      recallLow: ci.low,
      recallHigh: ci.high,
      bytesPerVector: primaryBytes + secondaryBytes,
      primaryBytes,
      secondaryBytes,
      graphBytes: graphStage ? (p.index.kind === 'Vamana' ? p.index.R * 4 : 0) : 0,
      buildSeconds: red.seconds + q.seconds + (graphStage?.seconds ?? 0) + (sec?.seconds ?? 0),
      qps: res.qps,
      qpsSpread: res.qpsSpread,
      ...(cached.length > 0 ? { cachedStages: cached.join(',') } : {}),
      qpsBatch,
      perQueryRecall: per,
      decomposition,
      ...neighbourLoss(res.ids, truth.ids, truth.k, nq, k, base.n),
      ids: res.ids,
      evaluations: res.evaluations,
      ...(rerank > 0 ? { reranked: res.reranked } : {}),
      ...(main
        ? {
            filter: main.filter,
            selectivity: main.selectivity,
            filteredRecall: main.recallPrefilter,
            ...(main.recallInGraph !== undefined ? { filteredRecallInGraph: main.recallInGraph } : {}),
          }
        : {}),
      ...(filtered ? { filtered } : {}),
    };
    return {
      row,
      calibrate: (target: number) =>
        calibrate(p, target, k, async (s) => recallOf(await searchAll(parts, red, s)).mean, !!sec),
    };
  };

  return {
    async runPipeline(pipeline, hooks = {}) {
      if (running) throw new Error('runPipeline calls of one study must not overlap');
      running = true;
      try {
        return await run(pipeline, hooks);
      } finally {
        running = false;
      }
    },
    result() {
      if (!known) throw new VecscopeError('no ground truth yet: run a pipeline first');
      const ok = rows.filter((r) => r.error === undefined);
      const points = ok.map((r) => ({ key: r.pipeline, recall: r.recall }));
      return {
        k,
        metric,
        nq,
        n: base.n,
        rows: [...rows],
        frontier: {
          qps: paretoFrontier(
            points.map((p, i) => ({ ...p, value: ok[i]!.qps })),
            true,
          ),
          bytes: paretoFrontier(
            points.map((p, i) => ({ ...p, value: ok[i]!.primaryBytes })),
            false,
          ),
        },
        ...(input.targetRecall !== undefined
          ? { calibration: { targetRecall: input.targetRecall, pipelines: [...calibration] } }
          : {}),
        truth: known.truth,
        truthComputed: known.computed,
        memory: studyMemory(input.base, indexes),
      };
    },
  };
}

interface Measured {
  row: StudyRow;
  calibrate(target: number): Promise<CalibrationEntry>;
}

interface Truth {
  truth: { ids: Int32Array; nq: number; k: number };
  computed: boolean;
  /** Recall@k of nq × k ids: per query and the mean. */
  recallOf: (ids: Int32Array) => { per: Float32Array; mean: number };
}

function withRecall(truth: Truth['truth'], computed: boolean, k: number): Truth {
  const { nq, k: truthK } = truth;
  const truthSets = Array.from(
    { length: nq },
    (_, q) => new Set(truth.ids.subarray(q * truthK, q * truthK + k)),
  );
  const recallOf = (ids: Int32Array) => {
    const per = new Float32Array(nq);
    let sum = 0;
    for (let q = 0; q < nq; q++) {
      let hit = 0;
      for (let i = 0; i < k; i++) if (truthSets[q]!.has(ids[q * k + i]!)) hit++;
      per[q] = hit / k;
      sum += hit / k;
    }
    return { per, mean: sum / nq };
  };
  return { truth, computed, recallOf };
}

/**
 * Timed passes repeat because single-thread q/s varies between identical runs (other processes, CPU
 * frequency, garbage collection): the median is the figure reported, and the spread, the range of the
 * passes over the median, says how far to trust it (0 when only one pass ran or none could be timed).
 */
export function qpsOfPasses(passes: readonly number[]): { qps: number; qpsSpread: number } {
  const sorted = [...passes].sort((a, b) => a - b);
  const m = sorted.length;
  const qps = m % 2 === 1 ? sorted[(m - 1) / 2]! : (sorted[m / 2 - 1]! + sorted[m / 2]!) / 2;
  const spread = (sorted[m - 1]! - sorted[0]!) / qps;
  return { qps, qpsSpread: Number.isFinite(spread) ? spread : 0 };
}

/** Per base row, the fraction of queries having it among their true k that missed it (NaN if none),
 * and how many queries have it among their true k. */
function neighbourLoss(
  ids: Int32Array,
  truth: Int32Array,
  truthK: number,
  nq: number,
  k: number,
  n: number,
): { neighbourLoss: Float32Array; neighbourSeen: Int32Array } {
  const seen = new Int32Array(n);
  const missed = new Uint32Array(n);
  for (let q = 0; q < nq; q++) {
    const found = new Set(ids.subarray(q * k, q * k + k));
    for (let i = 0; i < k; i++) {
      const t = truth[q * truthK + i]!;
      if (t < 0 || t >= n) continue;
      seen[t]!++;
      if (!found.has(t)) missed[t]!++;
    }
  }
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = seen[i]! > 0 ? missed[i]! / seen[i]! : NaN;
  return { neighbourLoss: out, neighbourSeen: seen };
}

/**
 * Whether a pipeline's reduced rows are dropped once coded: large (resident) rows of a reduction whose
 * codes are not the rows themselves. A function of its own so that no temporary of the async caller's
 * frame keeps the rows alive.
 */
function dropsRows(p: Pipeline, red: ReducedStage): boolean {
  return !!p.reduction && p.quantizer.kind !== 'F32' && !!red.base && !!residentHome(red.base.data);
}

function normalized(m: Matrix): Matrix {
  const out = new Float32Array(m.data.length);
  for (let i = 0; i < m.n; i++) {
    let s = 0;
    for (let j = 0; j < m.dim; j++) s += m.data[i * m.dim + j]! ** 2;
    const inv = s > 0 ? 1 / Math.sqrt(s) : 0;
    for (let j = 0; j < m.dim; j++) out[i * m.dim + j] = m.data[i * m.dim + j]! * inv;
  }
  return { data: out, n: m.n, dim: m.dim };
}
