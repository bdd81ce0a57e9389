/**
 * Every default of clustering (`vecscope cluster` and the app's cluster job), in one place. The recipe
 * is core/node/recipes/clusterRecipe.ts.
 *
 * Where the CLI and the app used to differ, the choice and why:
 * - rows are normalised under cos / ip (the CLI clustered raw rows): clusters in the metric's geometry,
 *   as the maps and neighbours are.
 * - PCA pre-reduction: 64 axes for k-means (the CLI used the raw vectors), 32 for HDBSCAN (the CLI used
 *   10): sentence embeddings spread their variance over many axes, and 10 keep too little of it; 32 /
 *   64 keep most of it at a fraction of the cost per distance. The axes come from ≤ 20,000 seeded rows
 *   (the app used all): enough for the leading axes, at a cost that does not grow with n.
 * - HDBSCAN above 30,000 rows clusters a seeded sample and gives every other row its nearest sampled
 *   row's label (the app had no cap): its spanning tree is quadratic, hours at 1M rows.
 * - minimum cluster size max(10, n / 300) (the CLI had 10): a fixed 10 shatters 100,000 rows into
 *   thousands of specks.
 * - k = √(n / 20) in [2, 30] (the CLI had 10): scales with the set; with 10 restarts, 3 when one
 *   restart costs more than 2·10⁸ (the app had 2): k-means++ starts vary, the best of 10 is stable.
 * - seed 1 (the CLI had 42).
 *
 * The space clustered (`space`): 'original' (the rows in the metric's geometry, on their leading PCA
 * axes as above), 'umap' (a seeded UMAP of the rows to `umapDim` dimensions, 5 to 10, through the maps'
 * own recipe) or 'layout' (a map given as coordinates). HDBSCAN on rows of more than
 * 10 dimensions defaults to UMAP-5, as topic-modelling tools (BERTopic) do: it finds
 * clusters as regions denser than their surroundings, and in a text embedding's many dimensions
 * distances concentrate (every point's core distance is about the same), so the hierarchy has no
 * stable dense regions and most points come out as noise (97 % of a text set in the report that asked for this). UMAP keeps
 * each point's neighbourhood and, with min_dist 0 (`umapMinDist`), packs neighbourhoods into dense
 * clumps, which is what HDBSCAN needs; 5 dimensions keep more of the neighbourhood structure than a 2-D
 * map at a small cost per distance. k-means keeps the original space: it needs no density contrast, and
 * UMAP's clumps would only change its partition's shape.
 */
const UMAP_ABOVE_DIM = 10;

/** What a clustering runs on (see above). */
export const CLUSTER_SPACES = ['original', 'umap', 'layout'] as const;
export type ClusterSpace = (typeof CLUSTER_SPACES)[number];

export const CLUSTER_DEFAULTS = {
  method: 'kmeans',
  seed: 1,
  kmeansPcaDim: 64,
  hdbscanPcaDim: 32,
  pcaFitRows: 20000,
  hdbscanMaxRows: 30000,
  /** The default space: UMAP for HDBSCAN on rows of more than 10 dimensions, else the original. */
  space: (method: 'kmeans' | 'hdbscan', dim: number): 'original' | 'umap' =>
    method === 'hdbscan' && dim > UMAP_ABOVE_DIM ? 'umap' : 'original',
  umapDim: 5,
  /** The UMAP space's dimensions are bounded: fewer is a map (the 'layout' space), more loses the density. */
  umapDimRange: [5, 10],
  umapMinDist: 0,
  minClusterSize: (n: number): number => Math.max(10, Math.round(n / 300)),
  /** HDBSCAN's min_samples (the neighbours of a core distance, the point counted): the minimum size, as the reference implementation. */
  minSamples: (minClusterSize: number): number => minClusterSize,
  k: (n: number): number => Math.max(2, Math.min(30, Math.round(Math.sqrt(n / 20)))),
  /** k-means restarts for n rows, k centres, d dimensions. */
  restarts: (n: number, k: number, d: number): number => (n * k * d > 2e8 ? 3 : 10),
} as const;
