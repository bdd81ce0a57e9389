/** Optional capabilities this build provides; the renderer greys out the rest. */
export function capabilityNames(): string[] {
  return ['layout:pca', 'layout:umap', 'knn', 'search', 'analyze', 'study'];
}
