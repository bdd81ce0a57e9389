import { createRng } from '../random.js';

/**
 * 95 % percentile-bootstrap interval of the mean of `values` (resampling the values, e.g. per-query
 * recalls, with replacement). Fixed seed, so the same input gives the same interval.
 */
export function bootstrapInterval(
  values: ArrayLike<number>,
  seed = 1,
  resamples = 1000,
): { low: number; high: number } {
  const n = values.length;
  if (n === 0) return { low: NaN, high: NaN };
  const rng = createRng(seed);
  const means = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += values[rng.int(n)]!;
    means[r] = s / n;
  }
  means.sort();
  const at = (p: number) => means[Math.min(resamples - 1, Math.max(0, Math.floor(p * resamples)))]!;
  return { low: at(0.025), high: at(0.975) };
}
