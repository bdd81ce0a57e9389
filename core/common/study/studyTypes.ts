import type { Pipeline } from '../pipeline/pipeline.js';
import type { LinearReduction, ReductionMethod } from '../reduce/reduction.js';
import type { VamanaBuildOptions } from '../search/buildVamana.js';
import type { RowSource } from '../search/rowSource.js';
import type { SearchParts, SearchSettings } from '../search/pipelineSearcher.js';
import type { VamanaGraph } from '../search/vamanaGraph.js';
import type { KnnResult, Matrix, Metric } from '../types.js';
import type { FilteredRecall, StudyFilter } from './filteredRecall.js';
import type { StudyGrid } from './studyGrid.js';
import type { StudyRowSummary } from './studyRowFields.js';

/** A reduction a fitter took from a cache instead of fitting it: the study reports the stage as cached
 * and counts the original fit's time (`fitSeconds`), so a row's build time does not depend on which
 * study or pipeline fitted it first. */
interface ReusedReduction {
  reused: LinearReduction;
}

/** Fits a reduction (injected: core/common/reduce's `fitReduction` once it is available). */
export type ReductionFitter = (
  method: ReductionMethod,
  base: Matrix,
  opts: { dim: number; metric: Metric; seed: number; learnQueries?: Matrix },
) => LinearReduction | ReusedReduction | Promise<LinearReduction | ReusedReduction>;

/** Exact k-NN for the ground truth (injected; a single-thread WASM scan is used otherwise). */
type ExactKnn = (base: Matrix, queries: Matrix, k: number, metric: Metric) => KnnResult | Promise<KnnResult>;

/**
 * Searches every query across worker threads (injected by core/node): the ids (nq × k) and the batch
 * throughput (queries per second over all threads).
 */
export type BatchQps = (
  parts: SearchParts,
  primaryQueries: Matrix,
  originalQueries: Matrix,
  settings: SearchSettings,
) => Promise<{ qps: number; ids: Int32Array }>;

/** Builds a Vamana graph (injected by core/node to build on worker threads). */
export type GraphBuilder = (
  vectors: Matrix | RowSource,
  metric: 'l2' | 'ip',
  opts: VamanaBuildOptions,
) => VamanaGraph | Promise<VamanaGraph>;

export interface StudyProgress {
  fraction: number;
  stage: string;
  pipeline?: string;
}

export interface StudyInput {
  base: Matrix;
  queries: Matrix;
  /** Training queries for query-aware reductions (LeanVec-OOD / ES); the test queries are not used. */
  learnQueries?: Matrix;
  /** Ground-truth ids, nq × truth.k (truth.k ≥ k); computed when absent (and returned for caching). */
  truth?: { ids: Int32Array; nq: number; k: number };
  k: number;
  metric: Metric;
  pipelines?: string[];
  grid?: StudyGrid;
  /** Filters every pipeline is also measured under (pre-filter and in-graph, against the exact filtered
   * truth): the rows' `filtered` lists. */
  filters?: StudyFilter[];
  /** Calibrate W / rerank of every pipeline to this recall@k. */
  targetRecall?: number;
  seed?: number;
  fitReduction?: ReductionFitter;
  exactKnn?: ExactKnn;
  batchQps?: BatchQps;
  /** Graph builder (default: single-threaded `buildVamana`). */
  buildGraph?: GraphBuilder;
  /** Timed passes over the queries: `qps` is their median and `qpsSpread` their range over it. Default 3. */
  repeats?: number;
  /**
   * How many queries the single-thread timing runs (default: all while n × nq ≤ 10^8, else
   * max(100, 10^8 / n), so a flat scan of a million rows is timed on 100 queries). With `batchQps`
   * every query is still searched, on all threads, for recall.
   */
  timedQueries?: number;
  /**
   * Returns the memory of what the study just dropped (a graph build's working set, coded reduced
   * rows) to the system before the next stage (core/node injects a full garbage collection).
   */
  collect?: () => void | Promise<void>;
  /** Milliseconds clock for timings (default Date.now; the CLI passes performance.now). */
  clock?: () => number;
  onProgress?: (p: StudyProgress) => void;
  /** Called as each row finishes. */
  onRow?: (row: StudyRow) => void;
  isCancelled?: () => boolean;
}

/** A study row: the scalar fields of the field table (studyRowFields.ts) and the per-query and
 * per-point data behind them. */
export interface StudyRow extends StudyRowSummary {
  parsed: Pipeline;
  perQueryRecall: Float32Array;
  /** Per base row: fraction of the queries having it as a true neighbour that missed it (NaN: never a
   * true neighbour). */
  neighbourLoss: Float32Array;
  /** Per base row: how many queries have it as a true neighbour, the weight that makes a group's recall
   * (recallByGroup) a share of (query, true neighbour) pairs, as the overall recall is. */
  neighbourSeen: Int32Array;
  /** Returned ids, nq × k. */
  ids: Int32Array;
  /** One entry per filter of the study, in its order; absent without filters or in a failed row. */
  filtered?: FilteredRecall[];
}

export interface CalibrationEntry {
  pipeline: string;
  /** The pipeline with the calibrated settings, or null when nothing could be tuned. */
  calibrated: string | null;
  W: number | null;
  rerank: number | null;
  recall: number;
  reached: boolean;
}

export interface StudyResult {
  k: number;
  metric: Metric;
  nq: number;
  n: number;
  rows: StudyRow[];
  frontier: { qps: string[]; bytes: string[] };
  calibration?: { targetRecall: number; pipelines: CalibrationEntry[] };
  /** The ground truth used (nq × k), for caching when it was computed. */
  truth: { ids: Int32Array; nq: number; k: number };
  truthComputed: boolean;
  /** What the study's searches hold in memory at the end (bytes); see StudyMemory. */
  memory: StudyMemory;
}

/**
 * Memory held by a study's searches: the base rows it was given (f32), the WebAssembly indexes the
 * searches ran on (codes, graphs and per-thread scratch; float32 codes of the base appear once however
 * many pipelines use them), and how many of those hold a float32 copy of the base: 0 when the base
 * was allocated by residentFloat32 (as the loaders do), the indexes then search its rows in place and
 * `wasmBytes` includes them.
 */
export interface StudyMemory {
  baseBytes: number;
  wasmBytes: number;
  indexes: number;
  baseCopies: number;
}
