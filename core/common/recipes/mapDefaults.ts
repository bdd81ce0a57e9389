/**
 * Every default of a map (`vecscope embed` and the app's layouts), in one place. The recipe is
 * core/node/recipes/mapRecipe.ts.
 *
 * Where the CLI and the app used to differ, the choice and why:
 * - seed 1 (the CLI had 42): the app's, and the seed every other seeded default in vecscope uses.
 * - PCA maps take their axes from ≤ 20,000 seeded rows (the app used all rows): two or three leading
 *   axes from 20,000 rows are indistinguishable on screen, and the cost no longer grows with n·D².
 * - the k-NN graph is exact (worker pool) up to 20,000 rows, PCA-prefiltered above; t-SNE's graph is
 *   always exact (the CLI prefiltered it above 20,000 rows): its affinities need the true 3·perplexity
 *   neighbours, and t-SNE stops at 100,000 rows anyway.
 * - UMAP starts from the spectral layout, t-SNE from PCA, in both.
 */
export const MAP_DEFAULTS = {
  method: 'umap',
  dim: 2,
  seed: 1,
  /** UMAP's n_neighbors counting the point itself (the graph holds 14 others), as umap-learn. */
  nNeighbors: 15,
  minDist: 0.1,
  spread: 1,
  perplexity: 30,
  /** Up to this many rows the map's k-NN graph is exact; above, PCA-prefiltered (mapKnn). */
  exactKnnLimit: 20000,
  /** Above this many rows UMAP is fitted on a sample and the rest placed (sampledUmap). */
  fitLimit: 100000,
  /** The sample those fits use. */
  fitSample: 50000,
  /** Rows a PCA map's axes are fitted on. */
  pcaFitRows: 20000,
  /** Barnes–Hut t-SNE needs an exact 3·perplexity-NN graph and about n·log n work per step: hours beyond this. */
  tsneLimit: 100000,
} as const;
