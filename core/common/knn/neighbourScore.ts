import type { Metric } from '../types.js';

/**
 * What a user should read for a k-NN result: the kernels rank by "smaller is closer", so
 * under ip/cos they return negated similarities; show those as the similarity they are.
 */
export function neighbourScores(
  metric: Metric,
  dists: ArrayLike<number>,
): { title: 'similarity' | 'distance'; values: number[] } {
  const sim = metric !== 'l2';
  return {
    title: sim ? 'similarity' : 'distance',
    values: Array.from(dists, (d) => (sim ? -d : d)),
  };
}
