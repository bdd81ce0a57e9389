/** Optional capabilities this build provides; the renderer greys out the rest. */
export function capabilityNames(): string[] {
  return ['layout:pca', 'layout:umap', 'layout:tsne', 'knn', 'search', 'analyze', 'cluster', 'study'];
}
