import { summarizeClusters, type ClusterSummary } from '../../common/cluster/clusterSummary.js';
import { hdbscan } from '../../common/cluster/hdbscan.js';
import { kmeans } from '../../common/cluster/kmeans.js';
import { takeRows } from '../../common/data/takeRows.js';
import { exactSelfKnn } from '../../common/embed/selfKnn.js';
import { CancelledError, VecscopeError } from '../../common/errors.js';
import { normalizeRows } from '../../common/knn/normalizeRows.js';
import { CLUSTER_DEFAULTS } from '../../common/recipes/clusterDefaults.js';
import type { RecipeInput } from '../../common/recipes/recipeInput.js';
import { createRng, sampleIndices } from '../../common/random.js';
import { fitReduction } from '../../common/reduce/fitReduction.js';
import { reduceData } from '../../common/reduce/reduction.js';
import type { Matrix, MetadataColumn } from '../../common/types.js';
import { parallelExactKnn } from '../knn/parallelKnn.js';

export interface ClusterParams {
  method?: 'kmeans' | 'hdbscan';
  /** k-means' k; default CLUSTER_DEFAULTS.k(n). */
  k?: number;
  /** HDBSCAN's minimum cluster size; default CLUSTER_DEFAULTS.minClusterSize(n). */
  minClusterSize?: number;
  seed?: number;
  /** Cluster this map (n × its dim) instead of the vectors: no normalisation, no PCA. */
  coords?: Matrix;
  metadata?: MetadataColumn[];
  /** The text column of the keyword labels; default the first text column named like a text. */
  textColumn?: string;
}

export interface ClusterRecipeResult {
  /** Cluster of each row, −1 = noise. */
  labels: Int32Array;
  /** The rows as clustered ("map", "vectors" or "pca<d>"), for figures such as the silhouette. */
  space: Matrix;
  spaceName: string;
  clusters: ClusterSummary[];
  noise: number;
  /** names[c] = a short label for cluster c. */
  names: string[];
}

const TEXT_NAME = /definition|text|title|description|sentence/i;

/** The space clustered: the map as given, else the rows in the metric's geometry on their leading PCA axes. */
function clusterSpace(
  input: RecipeInput<ClusterParams>,
  axes: number,
  seed: number,
): { space: Matrix; spaceName: string } {
  const { coords } = input.params;
  if (coords) {
    if (coords.n !== input.n)
      throw new VecscopeError(`the map holds ${coords.n} rows for ${input.n} vectors`);
    return { space: coords, spaceName: 'map' };
  }
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

/** HDBSCAN, on a seeded sample above CLUSTER_DEFAULTS.hdbscanMaxRows rows (the rest take their nearest sampled row's label). */
async function hdbscanLabels(
  space: Matrix,
  minClusterSize: number,
  seed: number,
  cancelled: () => boolean,
): Promise<Int32Array> {
  const { n } = space;
  if (n <= CLUSTER_DEFAULTS.hdbscanMaxRows) {
    const knn = exactSelfKnn(space, minClusterSize, 'l2', {
      signal: {
        get aborted() {
          return cancelled();
        },
      },
    });
    return hdbscan(space, { minClusterSize, knn, isCancelled: cancelled }).labels;
  }
  const rows = sampleIndices(n, CLUSTER_DEFAULTS.hdbscanMaxRows, createRng(seed));
  const sample = takeRows(space, rows);
  // The minimum size scales with the sample, so a cluster means the same share of the set.
  const sub = Math.max(2, Math.round((minClusterSize * rows.length) / n));
  const knn = exactSelfKnn(sample, sub, 'l2', {
    signal: {
      get aborted() {
        return cancelled();
      },
    },
  });
  const sampleLabels = hdbscan(sample, { minClusterSize: sub, knn, isCancelled: cancelled }).labels;
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

  progress(0.02, 'PCA');
  const axes = method === 'kmeans' ? CLUSTER_DEFAULTS.kmeansPcaDim : CLUSTER_DEFAULTS.hdbscanPcaDim;
  const { space, spaceName } = clusterSpace(input, axes, seed);
  check();
  let labels: Int32Array;
  if (method === 'kmeans') {
    progress(0.2, `k-means, k = ${k}`);
    labels = kmeans(space, {
      k,
      seed,
      nInit: CLUSTER_DEFAULTS.restarts(n, k, space.dim),
      isCancelled: cancelled,
    }).labels;
  } else {
    progress(0.2, 'HDBSCAN');
    labels = await hdbscanLabels(space, minClusterSize, seed, cancelled);
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
