import { pcaCoordinates } from '../../common/embed/pcaCoordinates.js';
import { TsneLayout } from '../../common/embed/tsneLayout.js';
import { UmapLayout } from '../../common/embed/umapLayout.js';
import { CancelledError, VecscopeError } from '../../common/errors.js';
import { firstNeighbours } from '../../common/knn/firstNeighbours.js';
import { MAP_DEFAULTS } from '../../common/recipes/mapDefaults.js';
import type { RecipeInput } from '../../common/recipes/recipeInput.js';
import { createRng } from '../../common/random.js';
import type { Matrix } from '../../common/types.js';
import { sampledUmap } from '../embed/sampledUmap.js';
import { parallelExactKnn } from '../knn/parallelKnn.js';
import { mapGraph } from './mapGraph.js';

export interface MapParams {
  method?: 'umap' | 'tsne' | 'pca';
  /** The map's dimension, 2 or 3. */
  dim?: number;
  seed?: number;
  nNeighbors?: number;
  minDist?: number;
  spread?: number;
  perplexity?: number;
  /** UMAP's n_epochs or t-SNE's iterations; absent, the algorithm's own default. */
  epochs?: number;
  init?: 'spectral' | 'pca' | 'random';
  /** UMAP: 'auto' fits a sample above MAP_DEFAULTS.fitLimit rows, 'all' never, a number fits that many rows. */
  fitSample?: 'auto' | 'all' | number;
  /** Rows up to which the graph is exact (tests move it to reach the prefiltered path on small sets). */
  exactKnnLimit?: number;
  /** Rows above which 'auto' fits a sample, and that sample's size (tests move them). */
  fitLimit?: number;
  autoFitSample?: number;
}

export interface MapRecipeInput extends RecipeInput<MapParams> {
  /** Receives the layout every ~300 ms while UMAP or t-SNE runs (a fresh array each time). */
  onPartial?: (coords: Float32Array, epoch: number) => void;
}

export interface MapRecipeResult {
  /** n × dim coordinates as the method produced them (not normalised); caller-owned. */
  coords: Float32Array;
  dim: number;
  method: 'umap' | 'tsne' | 'pca';
  knn?: 'exact' | 'pca-prefilter';
  initUsed?: string;
  /** Rows the map was fitted on (n unless UMAP fitted a sample and placed the rest). */
  fitted: number;
  placeSearch?: 'exact' | 'graph';
  placeRecall?: number;
  /** UMAP only: places new rows of the same dimension into the map (its transform); nq × dim. */
  place?: (q: Matrix) => Promise<Float32Array>;
}

interface SteppedLayout {
  readonly epoch: number;
  readonly nEpochs: number;
  readonly done: boolean;
  step(n: number): boolean;
  layout(): Float32Array;
}

/** Runs a stepped layout to the end in steps of 10 epochs, over [start, 1] of the progress bar. */
function drive(l: SteppedLayout, input: MapRecipeInput, stage: string, start: number): Float32Array {
  let last = Date.now();
  while (!l.done) {
    l.step(10);
    if (input.signal?.aborted) throw new CancelledError();
    input.onProgress?.(start + ((1 - start) * l.epoch) / l.nEpochs, `${stage} ${l.epoch}/${l.nEpochs}`);
    if (input.onPartial && Date.now() - last > 300) {
      last = Date.now();
      input.onPartial(l.layout(), l.epoch);
    }
  }
  return l.layout();
}

/**
 * A 2-D / 3-D map of a data set: the one implementation behind `vecscope embed` and the app's layouts,
 * so the same rows and settings give the same coordinates in both. Defaults: MAP_DEFAULTS.
 */
export async function mapRecipe(input: MapRecipeInput): Promise<MapRecipeResult> {
  const { n, metric, params: p } = input;
  const m: Matrix = { data: input.data, n, dim: input.dim };
  const method = p.method ?? MAP_DEFAULTS.method;
  const dim = p.dim ?? MAP_DEFAULTS.dim;
  const seed = p.seed ?? MAP_DEFAULTS.seed;
  const exactLimit = p.exactKnnLimit ?? MAP_DEFAULTS.exactKnnLimit;
  const progress = (f: number, stage: string): void => input.onProgress?.(f, stage);
  const cancelled = (): boolean => input.signal?.aborted === true;
  const graphOpts = { seed, cache: input.cache, signal: input.signal };

  if (method === 'pca') {
    progress(0.05, 'principal axes');
    const coords = pcaCoordinates(m, dim, createRng(seed), Math.min(n, MAP_DEFAULTS.pcaFitRows));
    progress(1, 'principal axes');
    return { coords, dim, method, fitted: n };
  }

  if (method === 'tsne') {
    if (n > MAP_DEFAULTS.tsneLimit)
      throw new VecscopeError(
        `t-SNE is limited to ${MAP_DEFAULTS.tsneLimit.toLocaleString('en-US')} points (this set has ${n.toLocaleString('en-US')}); UMAP maps larger sets by fitting a sample`,
      );
    const perplexity = p.perplexity ?? MAP_DEFAULTS.perplexity;
    const init = p.init ?? 'pca';
    if (init === 'spectral') throw new VecscopeError('t-SNE starts from pca or random');
    // About 3·perplexity neighbours (90 at the default), as scikit-learn; the affinities use every
    // column given, so a larger cached graph is cut to that.
    const k = Math.min(Math.ceil(3 * perplexity), n - 1);
    progress(0, 'nearest neighbours');
    const g = await mapGraph(m, metric, k, {
      ...graphOpts,
      exact: true,
      onProgress: (f) => progress(0.4 * f, 'nearest neighbours'),
    });
    progress(0.4, 'affinities');
    const t = TsneLayout.create(
      { knn: firstNeighbours(g.knn, k), data: m },
      { dim, seed, metric, perplexity, init, ...(p.epochs !== undefined ? { nIter: p.epochs } : {}) },
    );
    const coords = drive(t, input, 't-SNE iteration', 0.45);
    return { coords, dim, method, knn: g.method, initUsed: init, fitted: n };
  }

  const nNeighbors = p.nNeighbors ?? MAP_DEFAULTS.nNeighbors;
  if (nNeighbors < 2) throw new VecscopeError('UMAP needs n_neighbors of at least 2');
  const umapOpts = {
    dim,
    seed,
    metric,
    nNeighbors,
    minDist: p.minDist ?? MAP_DEFAULTS.minDist,
    spread: p.spread ?? MAP_DEFAULTS.spread,
    init: p.init ?? 'spectral',
    ...(p.epochs !== undefined ? { nEpochs: p.epochs } : {}),
  };
  const fitSample = p.fitSample ?? 'auto';
  const fitRows =
    typeof fitSample === 'number'
      ? fitSample
      : fitSample === 'auto' && n > (p.fitLimit ?? MAP_DEFAULTS.fitLimit)
        ? (p.autoFitSample ?? MAP_DEFAULTS.fitSample)
        : undefined;
  if (fitRows !== undefined && fitRows < n) {
    if (fitRows < 40) throw new VecscopeError(`a fitted sample needs at least 40 rows, got ${fitRows}`);
    const weights = { knn: [0, 0.15], layout: [0.15, 0.45], place: [0.45, 1] } as const;
    const names = {
      knn: 'nearest neighbours of the sample',
      layout: 'fitting the sample',
      place: 'placing the rest',
    };
    const r = await sampledUmap(m, metric, {
      ...umapOpts,
      sampleSize: fitRows,
      isCancelled: cancelled,
      onProgress: (stage, f) => {
        const [lo, hi] = weights[stage];
        progress(lo + (hi - lo) * f, names[stage]);
      },
    });
    return {
      coords: r.layout,
      dim,
      method,
      knn: r.knnMethod,
      initUsed: r.initUsed,
      fitted: r.fitted.length,
      placeSearch: r.placeSearch,
      ...(r.placeRecall !== undefined ? { placeRecall: r.placeRecall } : {}),
      place: r.place,
    };
  }
  const exact = n <= exactLimit;
  const stage = exact ? 'nearest neighbours' : 'nearest neighbours (PCA prefilter)';
  progress(0, stage);
  const g = await mapGraph(m, metric, nNeighbors - 1, {
    ...graphOpts,
    exact,
    onProgress: (f) => progress(0.4 * f, stage),
  });
  progress(0.4, 'fuzzy graph');
  const layout = UmapLayout.create({ knn: g.knn, data: m }, umapOpts);
  const coords = drive(layout, input, 'UMAP epoch', 0.45);
  const place = async (q: Matrix): Promise<Float32Array> =>
    layout.transform(await parallelExactKnn(m, q, Math.min(nNeighbors, n), metric));
  return { coords, dim, method, knn: g.method, initUsed: layout.initUsed, fitted: n, place };
}
