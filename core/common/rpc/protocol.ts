import {
  anyObject,
  array,
  boolean,
  f32,
  f64,
  i32,
  literal,
  nullable,
  number,
  object,
  oneOf,
  optional,
  range,
  string,
  union,
  type Infer,
  type Schema,
} from './schema.js';
import { imagesInfo, thumbnailsMethod } from './thumbnailsProtocol.js';
import { CLUSTER_DEFAULTS, CLUSTER_SPACES } from '../recipes/clusterDefaults.js';
import { MAP_DEFAULTS } from '../recipes/mapDefaults.js';
import { studyGridSchema } from '../study/studyGrid.js';
import { STUDY_ROW_SHAPE, checkMeasured } from '../study/studyRowFields.js';

/**
 * The engine host's RPC protocol, written once as schemas: the host validates every request with
 * them, the client validates every reply, and both sides' TypeScript types are inferred from them.
 * `job: true` methods are long computations: they report progress, may stream partial results, and
 * can be cancelled; the UI lists them in the job panel.
 */

const int = (min = 0, max = 2 ** 31 - 1) => number({ int: true, min, max });
const datasetId = string({ maxLength: 64 });

export const LAYOUT_METHODS = ['pca', 'umap', 'tsne'] as const;
export type LayoutMethod = (typeof LAYOUT_METHODS)[number];
/** Largest data set whose per-point map loss the engine computes (an exact 10-NN graph of every row). */
export const MAP_PAINT_LIMIT = 20000;
export const CLUSTER_METHODS = ['kmeans', 'hdbscan'] as const;
export type ClusterMethod = (typeof CLUSTER_METHODS)[number];

const columnInfo = object({
  name: string(),
  type: oneOf(['number', 'category', 'text'] as const),
  /** Category names (category columns only). */
  categories: optional(array(string())),
});

const datasetSummary = object({
  id: datasetId,
  file: string(),
  format: string(),
  dtype: string(),
  n: int(),
  dim: int(),
  metric: oneOf(['ip', 'l2', 'cos'] as const),
  hasQueries: boolean(),
  columns: array(columnInfo),
  /** Set when only a seeded sample of the file's rows is open (`--max-rows`): the file's row count. */
  sampledFrom: optional(int()),
  /** Set when the vectors were embedded from a text column (a table of texts): semanticSearch works. */
  /** Embedded from a table of texts: the column, the model's id, and its folder (absent: built-in). */
  textSource: optional(object({ column: string(), model: string(), modelDir: optional(string()) })),
  images: imagesInfo,
});
export type DatasetSummary = Infer<typeof datasetSummary>;

const metadataColumn = union('type', {
  number: object({ name: string(), type: literal('number'), values: f64() }),
  category: object({ name: string(), type: literal('category'), codes: i32(), categories: array(string()) }),
  /** Text stays in the host; the renderer asks for rows and searches instead. */
  text: object({ name: string(), type: literal('text') }),
});
export type WireMetadataColumn = Infer<typeof metadataColumn>;

/**
 * Map parameters the user can set. `neighbors` is UMAP's n_neighbors counting the point itself (the
 * graph holds neighbors − 1 others); absent, MAP_DEFAULTS' (core/common/recipes/mapDefaults.ts). `minDist` is UMAP's min_dist, `perplexity` t-SNE's; `epochs` UMAP's n_epochs or t-SNE's
 * iterations (absent: the algorithm's own default). Each method ignores the others' fields.
 */
export const MAP_PARAM_RANGES = {
  neighbors: { min: 2, max: 200, int: true },
  minDist: { min: 0, max: 10, int: false },
  perplexity: { min: 2, max: 200, int: false },
  epochs: { min: 10, max: 5000, int: true },
} as const;
export const MAP_PARAM_DEFAULTS = {
  neighbors: MAP_DEFAULTS.nNeighbors,
  minDist: MAP_DEFAULTS.minDist,
  perplexity: MAP_DEFAULTS.perplexity,
} as const;
export type MapParamName = keyof typeof MAP_PARAM_RANGES;
const mapParam = (name: MapParamName) => {
  const r = MAP_PARAM_RANGES[name];
  return optional(range(r.min, r.max, { int: r.int }));
};

const layoutResult = object({ method: oneOf(LAYOUT_METHODS), dim: int(2, 3), positions: f32() });
export type LayoutResult = Infer<typeof layoutResult>;

/** Query sets a study or the query overlay can use: the sample's out-of-distribution and
 * in-distribution sets, the data set's own queries (hdf5 `test`), a query file the user attached
 * (`attachQueries`), or base rows as held-in queries. */
export const QUERY_SETS = ['ood', 'id', 'dataset', 'file', 'base'] as const;
export type QuerySet = (typeof QUERY_SETS)[number];

const filteredRecall = object({
  filter: string({ maxLength: 2000 }),
  selectivity: range(0, 1),
  allowed: int(),
  recallPrefilter: range(0, 1),
  recallInGraph: optional(range(0, 1)),
  evaluationsPrefilter: number({ min: 0 }),
  evaluationsInGraph: optional(number({ min: 0 })),
  perQueryRecall: f32(),
  neighbourLoss: f32(),
});

/** A study row on the wire: the field table's scalars (core/common/study/studyRowFields) and the arrays
 * the map paints from. */
const studyRow = checkMeasured(
  object({
    ...STUDY_ROW_SHAPE,
    /** Empty in a failed row (one with an `error`). */
    perQueryRecall: f32(),
    /** Per base row: fraction of the queries having it as a true neighbour that missed it (NaN: never
     * one, or the row failed). */
    neighbourLoss: f32(),
    /** Per base row: how many queries have it as a true neighbour (0 in a failed row). */
    neighbourSeen: i32(),
    /** Returned ids, nq × k; empty in a failed row. */
    ids: i32(),
    /** The row under each of the study's filters (core/common/study/filteredRecall.ts). */
    filtered: optional(array(filteredRecall, { maxLength: 64 })),
  }),
);
export type WireStudyRow = Infer<typeof studyRow>;

/** A recommended pipeline (or its runner-up) on the wire: its figures over every query. */
const RECOMMEND_CANDIDATE = {
  pipeline: string({ maxLength: 300 }),
  recall: number(),
  recallLow: number(),
  recallHigh: number(),
  bytesPerVector: number(),
  primaryBytes: number(),
  graphBytes: number(),
  qps: number(),
};

/** Most entries one `listDir` answer holds; a bigger folder is cut there and says so. */
export const LIST_DIR_LIMIT = 2000;
const dirEntry = object({
  name: string({ maxLength: 4096 }),
  /** The path to pass to `open`, `attachMetadata` or `listDir`. */
  path: string({ maxLength: 8192 }),
  kind: oneOf(['file', 'dir'] as const),
  size: number({ min: 0 }),
});
export type DirEntry = Infer<typeof dirEntry>;

interface MethodSpec {
  job: boolean;
  params: Schema<object>;
  result: Schema<object>;
  partial?: Schema<object>;
}

export const protocol = {
  hello: {
    job: false,
    params: object({}),
    /** `cwd`: the directory the engine was started in, where relative paths typed in the app start. */
    result: object({ version: string(), capabilities: array(string()), cwd: string({ maxLength: 4096 }) }),
  },
  open: {
    job: true,
    params: object({
      /** A file path, "sample", or "synthetic:<n>[:<dim>[:<clusters>[:<seed>]]]". */
      source: string({ maxLength: 4096 }),
      /** A table of texts: the column to embed (absent: its only text column). */
      textColumn: optional(string({ maxLength: 1000 })),
      /**
       * A table of texts: the model folder to embed it with (an ONNX sentence-transformer or a USE-lite
       * copy; absent: the engine's default, `vecscope web --text-model`, else the built-in USE-lite).
       */
      textModel: optional(string({ maxLength: 4096 })),
      /**
       * At most this many rows: a larger file opens as a seeded sample (the app's form of --max-rows;
       * absent: the engine's own, `vecscope web --max-rows`, else every row).
       */
      maxRows: optional(int(1)),
    }),
    result: datasetSummary,
  },
  /** A table of texts' columns that qualify for embedding (for the picker when there are several). */
  textColumns: {
    job: false,
    params: object({ path: string({ maxLength: 4096 }) }),
    result: object({ columns: array(string({ maxLength: 1000 }), { maxLength: 10_000 }) }),
  },
  /**
   * Semantic search on a data set embedded from text: embeds `text` with the same model and returns
   * its exact k nearest rows under the data set's metric, best first.
   */
  semanticSearch: {
    job: true,
    params: object({ dataset: datasetId, text: string({ maxLength: 2000 }), k: int(1, 1000) }),
    result: object({ ids: i32(), dists: f32() }),
  },
  close: { job: false, params: object({ dataset: datasetId }), result: object({}) },
  /**
   * Attaches the user's query file to a data set as its `file` query set: any vector format, with its
   * metadata (its first text column names the queries). LeanVec-OOD learns from `learnPath` when given,
   * else from the rows after the evaluated ones.
   */
  attachQueries: {
    job: true,
    params: object({
      dataset: datasetId,
      path: string({ maxLength: 4096 }),
      learnPath: optional(string({ maxLength: 4096 })),
    }),
    result: object({
      file: string(),
      n: int(),
      /** Learning queries from learnPath (0 without one: the file's rows after the evaluated ones). */
      learnN: int(),
      /** The metadata column that names the queries, or '' when they are numbered. */
      labelColumn: string(),
    }),
  },
  /**
   * Compares the open data set (model A) with a second embedding of the same rows (model B, a vector
   * file of any dimension): per-row agreement of the exact k nearest neighbours, linear CKA, the rank
   * correlation of distances, the rows that disagree most, and with `labelColumn` each model's k-NN
   * accuracy and neighbourhood hit. The compareRecipe behind `vecscope compare`.
   */
  compareModels: {
    job: true,
    params: object({
      dataset: datasetId,
      path: string({ maxLength: 4096 }),
      /**
       * B a table of texts (the open data set's own file, or another): the model folder that embeds it,
       * so two models of the same text column compare (absent: the built-in USE-lite).
       */
      textModel: optional(string({ maxLength: 4096 })),
      k: optional(int(1, 100)),
      labelColumn: optional(string({ maxLength: 200 })),
    }),
    result: object({
      file: string(),
      /** B's text model folder, as given, for opening B again (its map, the lab's second sweep). */
      textModel: optional(string()),
      /** B's text column, when B is the open table of texts again. */
      textColumn: optional(string()),
      /** B's model as its text source names it, when B was embedded from text. */
      modelB: optional(string()),
      dimB: int(),
      metricB: oneOf(['ip', 'l2', 'cos'] as const),
      k: int(),
      /** Figures that cannot be computed (no variance, no labelled row) are null. */
      meanJaccard: nullable(number()),
      meanOverlap: nullable(number()),
      cka: nullable(number()),
      spearman: nullable(number()),
      /** Per row: Jaccard of its k nearest neighbours under A and under B. */
      jaccard: f32(),
      disagree: array(object({ row: int(), jaccard: number(), a: array(int()), b: array(int()) }), {
        maxLength: 100,
      }),
      labels: optional(
        object({
          column: string(),
          a: object({ knnAccuracy: nullable(number()), neighbourhoodHit: nullable(number()) }),
          b: object({ knnAccuracy: nullable(number()), neighbourhoodHit: nullable(number()) }),
        }),
      ),
    }),
  },
  /** The rows' vectorFingerprint (core/common/workspace), which a workspace keeps to notice a changed file. */
  fingerprint: {
    job: false,
    params: object({ dataset: datasetId }),
    result: object({ fingerprint: string({ maxLength: 64 }) }),
  },
  /**
   * Loads a metadata file row-aligned with the data set (a table, or one value per row: .u8/.i32/.npy/
   * .txt) and merges its columns into the data set's (a column of the same name is replaced). In web
   * mode the file must lie under the allowed roots, as for `open`. Returns the updated summary.
   */
  attachMetadata: {
    job: true,
    params: object({ dataset: datasetId, path: string({ maxLength: 4096 }) }),
    result: datasetSummary,
  },
  /**
   * A folder's entries for the file browser. Without `path`: the places the engine may open (web mode's
   * roots; elsewhere the engine's working directory). `dir` is the folder listed (null for the roots
   * list), `parent` where "up" goes (null: back to the roots list), at most LIST_DIR_LIMIT entries.
   */
  listDir: {
    job: false,
    params: object({ path: optional(string({ maxLength: 4096 })) }),
    result: object({
      dir: nullable(string()),
      parent: nullable(string()),
      entries: array(dirEntry, { maxLength: LIST_DIR_LIMIT }),
      truncated: boolean(),
    }),
  },
  metadata: {
    job: false,
    params: object({ dataset: datasetId }),
    result: object({ columns: array(metadataColumn) }),
  },
  layout: {
    job: true,
    params: object({
      dataset: datasetId,
      method: oneOf(LAYOUT_METHODS),
      dim: int(2, 3),
      seed: optional(int()),
      neighbors: mapParam('neighbors'),
      minDist: mapParam('minDist'),
      perplexity: mapParam('perplexity'),
      epochs: mapParam('epochs'),
    }),
    result: layoutResult,
    partial: object({ positions: f32(), epoch: int() }),
  },
  /**
   * How faithful a map is to the vectors (ALGORITHMS.md §7.1): exact ranks in both spaces for sampled
   * rows. `positions` is the map (n × dim, as `layout` returned it); `labels` (one per row, −1 = none)
   * adds the neighbourhood hit of the map; `perPoint` (up to MAP_PAINT_LIMIT rows) the per-point loss.
   */
  mapQuality: {
    job: true,
    params: object({
      dataset: datasetId,
      dim: int(2, 3),
      positions: f32(),
      labels: optional(i32()),
      /** Also return, for every point, the share of its 10 exact nearest neighbours the map lost. */
      perPoint: optional(boolean()),
    }),
    result: object({
      lost: optional(f32()),
      evaluated: int(),
      trustworthiness10: number(),
      trustworthiness15: number(),
      continuity10: number(),
      continuity15: number(),
      knnPreservation10: number(),
      neighbourhoodHit10: optional(number()),
      knnAccuracy10: optional(number()),
    }),
  },
  knn: {
    job: false,
    params: object({ dataset: datasetId, row: int(), k: int(1, 1000) }),
    /** Exact neighbours from the full vectors, best first, the point itself excluded. */
    result: object({ ids: i32(), dists: f32() }),
  },
  thumbnails: thumbnailsMethod,
  rows: {
    job: false,
    params: object({ dataset: datasetId, rows: i32(10_000) }),
    result: object({ columns: array(string()), values: array(array(string())) }),
  },
  /** The rows a filter allows: a SQL boolean expression over the metadata columns (DuckDB), the same
   * predicate as `vecscope study --filter`; a bad one is a one-line error. */
  filterRows: {
    job: false,
    params: object({ dataset: datasetId, predicate: string({ maxLength: 2000 }) }),
    result: object({ rows: i32(), n: int() }),
  },
  search: {
    job: false,
    params: object({ dataset: datasetId, text: string({ maxLength: 1000 }), column: optional(string()) }),
    result: object({ rows: i32() }),
  },
  analyze: {
    job: true,
    params: object({ dataset: datasetId }),
    result: object({
      /** Fraction of variance per principal component, largest first. */
      spectrum: f32(),
      /** Intrinsic dimension estimates (null where the data set is too small for them). */
      intrinsic: nullable(
        object({
          twoNN: number(),
          mle: number(),
          pca90: nullable(number()),
          pca95: nullable(number()),
          participationRatio: number(),
          sampleSize: number(),
        }),
      ),
    }),
  },
  cluster: {
    job: true,
    params: object({
      dataset: datasetId,
      method: oneOf(CLUSTER_METHODS),
      k: optional(int(2, 1000)),
      /** HDBSCAN's minimum cluster size and min_samples (absent: CLUSTER_DEFAULTS). */
      minClusterSize: optional(int(2, 1_000_000)),
      minSamples: optional(int(1, 1000)),
      /** What is clustered (absent: CLUSTER_DEFAULTS.space); 'layout' clusters `positions`. */
      space: optional(oneOf(CLUSTER_SPACES)),
      spaceDim: optional(int(CLUSTER_DEFAULTS.umapDimRange[0], CLUSTER_DEFAULTS.umapDimRange[1])),
      /** The map on screen (n × positionsDim), for the 'layout' space. */
      positions: optional(f32()),
      positionsDim: optional(int(2, 3)),
      seed: optional(int()),
    }),
    /**
     * labels[i] = cluster of row i, -1 = noise; names[c] = a label for cluster c; space = what was
     * clustered ("pca32", "umap5", …).
     */
    result: object({ labels: i32(), names: array(string()), space: string({ maxLength: 32 }) }),
  },
  /** A compression study (ALGORITHMS.md §8) on the open data set; rows stream as partial results. */
  study: {
    job: true,
    params: object({
      dataset: datasetId,
      pipelines: optional(array(string({ maxLength: 200 }), { maxLength: 256 })),
      grid: optional(studyGridSchema),
      k: int(1, 1000),
      metric: optional(oneOf(['ip', 'l2', 'cos'] as const)),
      querySet: oneOf(QUERY_SETS),
      maxQueries: optional(int(1, 100_000)),
      seed: optional(int()),
      /** Also measure every pipeline under this filter (filterRows' predicate), pre-filter and in-graph. */
      filter: optional(string({ maxLength: 2000 })),
      /** Also measure under hashed row subsets of 100 %, 10 %, 1 % and 0.1 % of the rows. */
      selectivitySweep: optional(boolean()),
    }),
    result: object({
      k: int(),
      n: int(),
      nq: int(),
      metric: oneOf(['ip', 'l2', 'cos'] as const),
      rows: array(studyRow),
      frontier: object({ qps: array(string()), bytes: array(string()) }),
    }),
    partial: object({
      row: studyRow,
      nq: int(),
      /** Set when the machine was busy as the study started: its q/s are not an idle machine's. */
      busy: optional(string({ maxLength: 300 })),
    }),
  },
  /**
   * The cheapest pipeline reaching a recall target within a byte budget (recommendRecipe), searched
   * without running the whole grid; each measured pipeline streams as a partial result, with its full
   * row when it ran on every query over the whole base (the rows the lab's table and charts show).
   */
  recommend: {
    job: true,
    params: object({
      dataset: datasetId,
      k: int(1, 1000),
      metric: optional(oneOf(['ip', 'l2', 'cos'] as const)),
      querySet: oneOf(QUERY_SETS),
      maxQueries: optional(int(1, 100_000)),
      targetRecall: range(0.001, 1),
      /** Bound on the primary bytes per vector. */
      maxBytes: optional(range(0.01, 1e9)),
      /** Bound on the RAM of codes and graph at `productionN` vectors. */
      maxRam: optional(range(1, 1e18)),
      productionN: optional(number({ int: true, min: 1, max: 1e15 })),
      minQps: optional(range(0, 1e12)),
      /** The space searched (default: reductions to d/2 and d/4, four quantizers, flat and Vamana). */
      grid: optional(studyGridSchema),
      seed: optional(int()),
    }),
    result: object({
      ...RECOMMEND_CANDIDATE,
      k: int(),
      targetRecall: number(),
      budgetBytes: number(),
      budgetCounts: oneOf(['primary', 'primary+graph'] as const),
      trials: int(),
      gridSize: int(),
      runnerUp: nullable(object(RECOMMEND_CANDIDATE)),
      rejected: array(
        object({
          pipeline: string({ maxLength: 300 }),
          verdict: oneOf(['budget', 'recall', 'qps', 'costlier', 'invalid'] as const),
          loss: optional(oneOf(['reduction', 'quantization', 'traversal'] as const)),
          detail: string({ maxLength: 2000 }),
        }),
        { maxLength: 10_000 },
      ),
      /** Each engine's configuration as JSON text, or why it has none. */
      exports: array(
        object({
          target: string({ maxLength: 40 }),
          json: optional(string({ maxLength: 100_000 })),
          notes: optional(array(string({ maxLength: 2000 }), { maxLength: 50 })),
          error: optional(string({ maxLength: 2000 })),
        }),
        { maxLength: 16 },
      ),
      trend: nullable(
        object({
          points: array(object({ n: int(), recall: number(), low: number(), high: number() }), {
            maxLength: 16,
          }),
          fit: object({
            at: number(),
            predicted: number(),
            low: number(),
            high: number(),
            factor: number(),
            weak: array(string({ maxLength: 500 }), { maxLength: 10 }),
          }),
        }),
      ),
    }),
    partial: object({
      stage: oneOf(['screen', 'search', 'trend'] as const),
      n: int(),
      nq: int(),
      pipeline: string({ maxLength: 300 }),
      recall: nullable(number()),
      error: optional(string({ maxLength: 2000 })),
      row: optional(studyRow),
    }),
  },
  /** A query set's exact neighbours among the base rows and each query's out-of-distribution score. */
  studyQueries: {
    job: true,
    params: object({
      dataset: datasetId,
      querySet: oneOf(QUERY_SETS),
      maxQueries: optional(int(1, 100_000)),
      k: int(1, 1000),
    }),
    result: object({
      nq: int(),
      k: int(),
      /** Exact neighbours, nq × k, best first. */
      neighbours: i32(),
      /** d_k(query) / median over base rows of d_k(row), d_k = Euclidean distance to the k-th nearest base row. */
      ood: f32(),
      /** The base rows' own d_k ratio at the 95th percentile (the OOD scale's "still typical" mark). */
      baseP95: number(),
      labels: array(string()),
    }),
  },
  /** The projection matrices of a pipeline's reduction (as the study fitted them), for `.npy` export. */
  studyProjection: {
    job: true,
    params: object({
      dataset: datasetId,
      pipeline: string({ maxLength: 200 }),
      metric: optional(oneOf(['ip', 'l2', 'cos'] as const)),
      seed: optional(int()),
      /** The study's query set and size, whose remaining queries train LeanVec-OOD / ES. */
      querySet: optional(oneOf(QUERY_SETS)),
      maxQueries: optional(int(1, 100_000)),
    }),
    /** Row-major inDim × outDim matrices; `mean` is subtracted before projecting when present. */
    result: object({
      method: string(),
      inDim: int(),
      outDim: int(),
      data: f32(),
      query: f32(),
      mean: nullable(f32()),
    }),
  },
  /**
   * Runs a pipeline's nearest pgvector (scratch in-memory PGlite, or a TEMP table on a server) or
   * LanceDB (scratch dataset in the temporary folder) equivalent on the open data set's vectors and the
   * study's queries: measured recall@k, per-query recall, per-point loss and latency (`vecscope verify`).
   */
  verifyPipeline: {
    job: true,
    params: object({
      dataset: datasetId,
      pipeline: string({ maxLength: 200 }),
      engine: oneOf(['pglite', 'postgres', 'lancedb'] as const),
      url: optional(string({ maxLength: 2000 })),
      k: int(1, 1000),
      metric: optional(oneOf(['ip', 'l2', 'cos'] as const)),
      querySet: oneOf(QUERY_SETS),
      maxQueries: optional(int(1, 100_000)),
    }),
    result: object({
      engine: string({ maxLength: 16 }),
      pipeline: string(),
      k: int(),
      nq: int(),
      recall: number(),
      perQueryRecall: f32(),
      /** Per base row: share of the queries having it as a true neighbour that the database missed (NaN: none). */
      pointLoss: f32(),
      ids: i32(),
      latency: object({ p50Ms: number(), p95Ms: number(), meanMs: number(), qps: number() }),
      loadSeconds: number(),
      buildSeconds: number(),
      scratch: string({ maxLength: 1000 }),
      notes: array(string({ maxLength: 1000 }), { maxLength: 64 }),
    }),
  },
  /** Test hook, refused unless the host was started with test hooks enabled: the host process exits. */
  crash: { job: false, params: object({}), result: object({}) },
} as const satisfies Record<string, MethodSpec>;

type Protocol = typeof protocol;
export type MethodName = keyof Protocol;
export type Params<M extends MethodName> = Infer<Protocol[M]['params']>;
export type Result<M extends MethodName> = Infer<Protocol[M]['result']>;
export type Partial<M extends MethodName> = Protocol[M] extends { partial: Schema<infer P> } ? P : never;

const METHOD_NAMES = Object.keys(protocol) as MethodName[];

// ----- envelopes -----

export const clientMessage = union('t', {
  call: object({ t: literal('call'), id: int(), method: oneOf(METHOD_NAMES), params: anyObject() }),
  cancel: object({ t: literal('cancel'), id: int() }),
});

/** Error codes: user = bad input (message is for the user), invalid = protocol violation. */
const ERROR_CODES = ['user', 'cancelled', 'invalid', 'internal', 'unavailable'] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const hostMessage = union('t', {
  result: object({ t: literal('result'), id: int(), value: anyObject() }),
  error: object({ t: literal('error'), id: int(), code: oneOf(ERROR_CODES), message: string() }),
  progress: object({
    t: literal('progress'),
    id: int(),
    fraction: number({ min: 0, max: 1 }),
    stage: string(),
    etaMs: nullable(number()),
  }),
  partial: object({ t: literal('partial'), id: int(), value: anyObject() }),
});

export type HostMessage = Infer<typeof hostMessage>;
