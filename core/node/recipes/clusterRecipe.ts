import { summarizeClusters, type ClusterSummary } from '../../common/cluster/clusterSummary.js';
import { hdbscan } from '../../common/cluster/hdbscan.js';
import { kmeans } from '../../common/cluster/kmeans.js';
import { takeRows } from '../../common/data/takeRows.js';
import { exactSelfKnn } from '../../common/embed/selfKnn.js';
import { CancelledError, VecscopeError } from '../../common/errors.js';
import { normalizeRows } from '../../common/knn/normalizeRows.js';
import { CLUSTER_DEFAULTS, type ClusterSpace } from '../../common/recipes/clusterDefaults.js';
import type { RecipeInput } from '../../common/recipes/recipeInput.js';
import { createRng, sampleIndices } from '../../common/random.js';
import { fitReduction } from '../../common/reduce/fitReduction.js';
import { reduceData } from '../../common/reduce/reduction.js';
import type { Matrix, MetadataColumn } from '../../common/types.js';
import { parallelExactKnn } from '../knn/parallelKnn.js';
import { mapRecipe } from './mapRecipe.js';

export interface ClusterParams {
  method?: 'kmeans' | 'hdbscan';
  /** k-means' k; default CLUSTER_DEFAULTS.k(n). */
  k?: number;
  /** HDBSCAN's minimum cluster size; default CLUSTER_DEFAULTS.minClusterSize(n). */
  minClusterSize?: number;
  /** HDBSCAN's min_samples; default CLUSTER_DEFAULTS.minSamples(minClusterSize). */
  minSamples?: number;
  seed?: number;
  /**
   * What is clustered: 'original' (the rows, PCA-reduced), 'umap' (a seeded UMAP of the rows to spaceDim
   * dimensions) or 'layout' (`coords`). Default 'layout' with coords, else CLUSTER_DEFAULTS.space.
   */
  space?: ClusterSpace;
  /** The UMAP space's dimension, in CLUSTER_DEFAULTS.umapDimRange; default CLUSTER_DEFAULTS.umapDim. */
  spaceDim?: number;
  /** The map clustered in the 'layout' space (n × its dim): no normalisation, no PCA. */
  coords?: Matrix;
  metadata?: MetadataColumn[];
  /** The text column of the keyword labels; default the first text column named like a text. */
  textColumn?: string;
}

export interface ClusterRecipeResult {
  /** Cluster of each row, −1 = noise. */
  labels: Int32Array;
  /** The rows as clustered ("map", "vectors", "pca<d>" or "umap<d>"), for figures such as the silhouette. */
  space: Matrix;
  spaceName: string;
  clusters: ClusterSummary[];
  noise: number;
  /** names[c] = a short label for cluster c. */
  names: string[];
}

const TEXT_NAME = /definition|text|title|description|sentence/i;

/** The rows in the metric's geometry, on their leading PCA axes when they have more than `axes`. */
function originalSpace(
  input: RecipeInput<ClusterParams>,
  axes: number,
  seed: number,
): { space: Matrix; spaceName: string } {
  const vectors: Matrix = { data: input.data, n: input.n, dim: input.dim };
  const rows = input.metric === 'l2' ? vectors : normalizeRows(vectors);
  if (rows.dim <= axes) return { space: rows, spaceName: 'vectors' };
  const fitRows =
    rows.n <= CLUSTER_DEFAULTS.pcaFitRows
      ? rows
      : takeRows(rows, sampleIndices(rows.n, CLUSTER_DEFAULTS.pcaFitRows, createRng(seed)));
  const fit = fitReduction('pca', fitRows, { dim: axes, metric: 'l2', seed });
  return { space: reduceData(fit.reduction, rows), spaceName: `pca${axes}` };
}

/**
 * A seeded UMAP of the rows to `dim` dimensions through the maps' recipe (so the app's cached k-NN graph
 * serves it), with min_dist CLUSTER_DEFAULTS.umapMinDist: dense clumps for HDBSCAN.
 */
async function umapSpace(
  input: RecipeInput<ClusterParams>,
  dim: number,
  seed: number,
): Promise<{ space: Matrix; spaceName: string }> {
  const r = await mapRecipe({
    data: input.data,
    n: input.n,
    dim: input.dim,
    metric: input.metric,
    params: { method: 'umap', dim, seed, minDist: CLUSTER_DEFAULTS.umapMinDist },
    ...(input.cache ? { cache: input.cache } : {}),
    ...(input.signal ? { signal: input.signal } : {}),
    onProgress: (f, stage) => input.onProgress?.(0.02 + 0.6 * f, `UMAP-${dim}: ${stage}`),
  });
  return { space: { data: r.coords, n: input.n, dim }, spaceName: `umap${dim}` };
}

/** HDBSCAN, on a seeded sample above CLUSTER_DEFAULTS.hdbscanMaxRows rows (the rest take their nearest sampled row's label). */
async function hdbscanLabels(
  space: Matrix,
  minClusterSize: number,
  minSamples: number,
  seed: number,
  cancelled: () => boolean,
): Promise<Int32Array> {
  const { n } = space;
  const signal = {
    get aborted() {
      return cancelled();
    },
  };
  // Core distances need the (minSamples − 1)-th neighbour; the graph holds at least one.
  const knnK = (rows: number, ms: number): number => Math.max(1, Math.min(rows - 1, ms));
  if (n <= CLUSTER_DEFAULTS.hdbscanMaxRows) {
    const knn = exactSelfKnn(space, knnK(n, minSamples), 'l2', { signal });
    return hdbscan(space, { minClusterSize, minSamples, knn, isCancelled: cancelled }).labels;
  }
  const rows = sampleIndices(n, CLUSTER_DEFAULTS.hdbscanMaxRows, createRng(seed));
  const sample = takeRows(space, rows);
  // The minimum size and the density neighbourhood scale with the sample, so a cluster means the same
  // share of the set.
  const sub = Math.max(2, Math.round((minClusterSize * rows.length) / n));
  const subSamples = Math.max(1, Math.round((minSamples * rows.length) / n));
  const knn = exactSelfKnn(sample, knnK(rows.length, subSamples), 'l2', { signal });
  const sampleLabels = hdbscan(sample, {
    minClusterSize: sub,
    minSamples: subSamples,
    knn,
    isCancelled: cancelled,
  }).labels;
  const nearest = await parallelExactKnn(sample, space, 1, 'l2');
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) labels[i] = sampleLabels[nearest.ids[i]!]!;
  // A sampled row keeps its own label even when a duplicate of it sits elsewhere in the sample.
  for (let t = 0; t < rows.length; t++) labels[rows[t]!] = sampleLabels[t]!;
  return labels;
}

/**
 * k-means or HDBSCAN clusters of a data set (or of a map of it), with a summary and a short name per
 * cluster: the one implementation behind `vecscope cluster` and the app's cluster job. Defaults and the
 * reasons for them: CLUSTER_DEFAULTS.
 */
export async function clusterRecipe(input: RecipeInput<ClusterParams>): Promise<ClusterRecipeResult> {
  const { n, params: p } = input;
  const method = p.method ?? CLUSTER_DEFAULTS.method;
  const seed = p.seed ?? CLUSTER_DEFAULTS.seed;
  const progress = (f: number, stage: string): void => input.onProgress?.(f, stage);
  const cancelled = (): boolean => input.signal?.aborted === true;
  const check = (): void => {
    if (cancelled()) throw new CancelledError();
  };
  const k = method === 'kmeans' ? (p.k ?? Math.min(n, CLUSTER_DEFAULTS.k(n))) : 0;
  if (k > n) throw new VecscopeError(`k = ${k} exceeds the ${n} vectors`);
  const minClusterSize = p.minClusterSize ?? CLUSTER_DEFAULTS.minClusterSize(n);
  if (method === 'hdbscan' && minClusterSize < 2)
    throw new VecscopeError('the minimum cluster size must be at least 2');
  const minSamples = p.minSamples ?? CLUSTER_DEFAULTS.minSamples(minClusterSize);
  if (method === 'hdbscan' && minSamples < 1) throw new VecscopeError('min_samples must be at least 1');
  const spaceKind = p.space ?? (p.coords ? 'layout' : CLUSTER_DEFAULTS.space(method, input.dim));
  if (spaceKind === 'layout' && !p.coords)
    throw new VecscopeError('the layout space clusters a map: give its coordinates (--coords)');
  if (spaceKind !== 'layout' && p.coords)
    throw new VecscopeError(`a map's coordinates were given, but the space is "${spaceKind}", not "layout"`);
  const [dimLo, dimHi] = CLUSTER_DEFAULTS.umapDimRange;
  const spaceDim = p.spaceDim ?? CLUSTER_DEFAULTS.umapDim;
  if (!Number.isInteger(spaceDim) || spaceDim < dimLo || spaceDim > dimHi)
    throw new VecscopeError(`the UMAP space's dimension must be ${dimLo} to ${dimHi}, got ${spaceDim}`);
  if (spaceKind === 'umap' && n <= spaceDim + 1)
    throw new VecscopeError(`a ${spaceDim}-d UMAP space needs more than ${spaceDim + 1} rows, got ${n}`);
  const textColumn =
    p.textColumn ?? p.metadata?.find((c) => c.type === 'text' && TEXT_NAME.test(c.name))?.name;
  if (p.textColumn !== undefined && !p.metadata?.some((c) => c.name === p.textColumn && c.type === 'text'))
    throw new VecscopeError(
      `no text column "${p.textColumn}" (text columns: ${
        (p.metadata ?? [])
          .filter((c) => c.type === 'text')
          .map((c) => c.name)
          .join(', ') || 'none'
      })`,
    );

  const axes = method === 'kmeans' ? CLUSTER_DEFAULTS.kmeansPcaDim : CLUSTER_DEFAULTS.hdbscanPcaDim;
  let space: Matrix;
  let spaceName: string;
  if (spaceKind === 'layout') {
    const coords = p.coords!;
    if (coords.n !== n) throw new VecscopeError(`the map holds ${coords.n} rows for ${n} vectors`);
    space = coords;
    spaceName = 'map';
  } else if (spaceKind === 'umap') {
    progress(0.02, `UMAP-${spaceDim}`);
    ({ space, spaceName } = await umapSpace(input, spaceDim, seed));
  } else {
    progress(0.02, 'PCA');
    ({ space, spaceName } = originalSpace(input, axes, seed));
  }
  check();
  const clusterStart = spaceKind === 'umap' ? 0.65 : 0.2;
  let labels: Int32Array;
  if (method === 'kmeans') {
    progress(clusterStart, `k-means, k = ${k}`);
    labels = kmeans(space, {
      k,
      seed,
      nInit: CLUSTER_DEFAULTS.restarts(n, k, space.dim),
      isCancelled: cancelled,
    }).labels;
  } else {
    progress(clusterStart, 'HDBSCAN');
    labels = await hdbscanLabels(space, minClusterSize, minSamples, seed, cancelled);
  }
  check();
  progress(0.85, 'naming clusters');
  // Medoids and labels come from the vectors themselves, whatever space was clustered.
  const summary = summarizeClusters({ data: input.data, n, dim: input.dim }, labels, {
    ...(p.metadata ? { metadata: p.metadata } : {}),
    ...(textColumn !== undefined ? { textColumn } : {}),
    seed,
  });
  const byId: string[] = [];
  for (const c of summary.clusters) byId[c.id] = c.label;
  const names = Array.from({ length: byId.length }, (_, i) => byId[i] ?? `cluster ${i}`);
  progress(1, 'naming clusters');
  return { labels, space, spaceName, clusters: summary.clusters, noise: summary.noise, names };
}
