import { takeRows } from '../../common/data/takeRows.js';
import { CancelledError } from '../../common/errors.js';
import { UmapLayout, type UmapOptions } from '../../common/embed/umapLayout.js';
import { createRng, sampleIndices } from '../../common/random.js';
import { MAP_DEFAULTS } from '../../common/recipes/mapDefaults.js';
import { fitReduction } from '../../common/reduce/fitReduction.js';
import { reduceData } from '../../common/reduce/reduction.js';
import type { KnnResult, Matrix, Metric } from '../../common/types.js';
import { parallelExactKnn } from '../knn/parallelKnn.js';
import { mapKnn } from './mapKnn.js';
import { parallelTransform, TRANSFORM_CHUNK } from './parallelTransform.js';
import { buildPlacementSearch } from './placementGraph.js';

export interface SampledUmapOptions extends UmapOptions {
  /** Rows the map is fitted on (default MAP_DEFAULTS.fitSample). */
  sampleSize?: number;
  /** PCA dimension in which the other rows find their neighbours among the sample (default 32). */
  placeDim?: number;
  /**
   * How the other rows find their sampled neighbours: exact scan on the worker pool, or a Vamana graph
   * over the sample (much faster when millions of rows are placed; its recall is measured and
   * returned). Default 'auto': the graph when more than 4 × sample rows are to be placed.
   */
  placeSearch?: 'exact' | 'graph' | 'auto';
  /** SGD epochs of each placement (UmapLayout.transform; default umap-learn's: 100 up to 10,000 fitted rows, else 30). */
  placeEpochs?: number;
  threads?: number;
  onProgress?: (stage: 'knn' | 'layout' | 'place', fraction: number) => void;
  /** Checked between layout steps and placement blocks; when true the run throws CancelledError. */
  isCancelled?: () => boolean;
}

/**
 * The large-n strategy: fit UMAP on a seeded sample (its own k-NN graph via mapKnn), then place every
 * other row with UmapLayout.transform from its nNeighbors nearest sampled rows, searched in a
 * PCA-`placeDim` space of the sample: exactly on the worker pool, or through a Vamana graph over the
 * sample when many rows are to be placed (`placeSearch`). Cost: the sample's map plus (n − s)·s·placeDim
 * for an exact placement search (a few hundred distances per row with the graph), instead of a k-NN
 * graph of all n rows. Returns the n × dim layout (caller-owned) and
 * which rows were fitted.
 */
export async function sampledUmap(
  m: Matrix,
  metric: Metric,
  opts: SampledUmapOptions = {},
): Promise<{
  layout: Float32Array;
  fitted: Int32Array;
  knnMethod: 'exact' | 'pca-prefilter';
  initUsed: UmapLayout['initUsed'];
  seconds: { knn: number; layout: number; place: number };
  /** Places new rows (e.g. queries, same dimension) into the map the same way; returns nq × dim. */
  place: (q: Matrix) => Promise<Float32Array>;
  placeSearch: 'exact' | 'graph';
  /** With the graph: recall of the placement neighbours against an exact scan, on up to 500 placed rows. */
  placeRecall?: number;
}> {
  const t0 = performance.now();
  const seed = opts.seed ?? MAP_DEFAULTS.seed;
  const dim = opts.dim ?? 2;
  const nNeighbors = opts.nNeighbors ?? MAP_DEFAULTS.nNeighbors;
  const rows = sampleIndices(m.n, Math.min(m.n, opts.sampleSize ?? MAP_DEFAULTS.fitSample), createRng(seed));

  const sample = takeRows(m, rows);
  const threads = opts.threads !== undefined ? { threads: opts.threads } : {};
  const g = await mapKnn(sample, nNeighbors - 1, metric, {
    seed,
    ...threads,
    onProgress: (f) => opts.onProgress?.('knn', f),
  });
  opts.onProgress?.('knn', 1);
  const t1 = performance.now();
  const layout = UmapLayout.create({ knn: g.knn, data: sample }, { ...opts, dim, nNeighbors, seed, metric });
  const check = (): void => {
    if (opts.isCancelled?.()) throw new CancelledError();
  };
  check();
  while (!layout.step(10)) {
    check();
    opts.onProgress?.('layout', layout.epoch / layout.nEpochs);
  }
  opts.onProgress?.('layout', 1);
  const t2 = performance.now();
  const out = new Float32Array(m.n * dim);
  const fittedCoords = layout.layout();
  const isFitted = new Uint8Array(m.n);
  rows.forEach((r, t) => {
    isFitted[r] = 1;
    out.set(fittedCoords.subarray(t * dim, (t + 1) * dim), r * dim);
  });
  let placeSpace: { reduce: (x: Matrix) => Matrix; sample: Matrix } | undefined;
  const space = (): { reduce: (x: Matrix) => Matrix; sample: Matrix } => {
    if (!placeSpace) {
      const fit = fitReduction('pca', sample, { dim: Math.min(opts.placeDim ?? 32, m.dim), metric, seed });
      placeSpace = { reduce: (x) => reduceData(fit.reduction, x), sample: reduceData(fit.reduction, sample) };
    }
    return placeSpace;
  };
  const rest = m.n - rows.length;
  const mode = opts.placeSearch ?? 'auto';
  const useGraph = mode === 'graph' || (mode === 'auto' && rest > 4 * rows.length && rows.length >= 1000);
  const k = Math.min(nNeighbors, sample.n);
  let graphSearch: ((q: Matrix, k: number) => Promise<KnnResult>) | undefined;
  const neighbours = async (q: Matrix): Promise<KnnResult> => {
    const sp = space();
    const reduced = sp.reduce(q);
    if (!useGraph) return parallelExactKnn(sp.sample, reduced, k, metric, threads);
    graphSearch ??= await buildPlacementSearch(sp.sample, metric, seed, opts.threads);
    return await graphSearch(reduced, k);
  };
  // One model (a copy of the fitted map) serves every block; each block's chunks get their own seeds.
  const model = layout.model();
  let placedSoFar = 0;
  const place = async (q: Matrix): Promise<Float32Array> => {
    const knn = await neighbours(q);
    const chunkSeed = seed + Math.ceil(placedSoFar / TRANSFORM_CHUNK);
    placedSoFar += q.n;
    return parallelTransform(model, knn, {
      seed: chunkSeed,
      ...(opts.placeEpochs !== undefined ? { nEpochs: opts.placeEpochs } : {}),
      ...(opts.threads !== undefined ? { threads: opts.threads } : {}),
    });
  };
  if (rows.length < m.n) {
    const restIds = Int32Array.from({ length: m.n - rows.length });
    let p = 0;
    for (let i = 0; i < m.n; i++) if (!isFitted[i]) restIds[p++] = i;
    // Graph searches start a worker pool per block: larger blocks amortise it.
    const block = useGraph ? 100000 : 25000;
    for (let b0 = 0; b0 < restIds.length; b0 += block) {
      check();
      const ids = restIds.subarray(b0, Math.min(restIds.length, b0 + block));
      const placed = await place(takeRows(m, ids));
      ids.forEach((r, t) => out.set(placed.subarray(t * dim, (t + 1) * dim), r * dim));
      opts.onProgress?.('place', Math.min(1, (b0 + block) / restIds.length));
    }
  }
  const t3 = performance.now();
  let placeRecall: number | undefined;
  if (useGraph && rest > 0) {
    // The graph's recall against an exact scan, on placed rows spread over the set.
    const probe = Int32Array.from({ length: Math.min(500, rest) }, (_, t) =>
      Math.floor((t * m.n) / Math.min(500, rest)),
    );
    const others = probe.filter((r) => !isFitted[r]);
    if (others.length > 0) {
      const q = takeRows(m, others);
      const sp = space();
      const exact = await parallelExactKnn(sp.sample, sp.reduce(q), k, metric, threads);
      const got = await neighbours(q);
      let hit = 0;
      for (let i = 0; i < others.length; i++) {
        const truth = new Set(exact.ids.subarray(i * k, (i + 1) * k));
        for (let r = 0; r < k; r++) if (truth.has(got.ids[i * k + r]!)) hit++;
      }
      placeRecall = hit / (others.length * k);
    }
  }
  return {
    layout: out,
    fitted: rows,
    knnMethod: g.method,
    initUsed: layout.initUsed,
    seconds: { knn: (t1 - t0) / 1000, layout: (t2 - t1) / 1000, place: (t3 - t2) / 1000 },
    place,
    placeSearch: useGraph ? 'graph' : 'exact',
    ...(placeRecall !== undefined ? { placeRecall } : {}),
  };
}
