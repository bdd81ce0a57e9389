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
 */
export const CLUSTER_DEFAULTS = {
  method: 'kmeans',
  seed: 1,
  kmeansPcaDim: 64,
  hdbscanPcaDim: 32,
  pcaFitRows: 20000,
  hdbscanMaxRows: 30000,
  minClusterSize: (n: number): number => Math.max(10, Math.round(n / 300)),
  k: (n: number): number => Math.max(2, Math.min(30, Math.round(Math.sqrt(n / 20)))),
  /** k-means restarts for n rows, k centres, d dimensions. */
  restarts: (n: number, k: number, d: number): number => (n * k * d > 2e8 ? 3 : 10),
} as const;
