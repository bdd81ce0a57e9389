import { dotF32, sqL2F32 } from '../kernels/reference.js';
import type { Metric } from '../types.js';

/**
 * The distance `exactKnn` ranks by, for one pair of rows (smaller is better): squared L2 for `l2`,
 * minus the inner product for `ip` and `cos`. For `cos` both rows must already be normalised
 * (`normalizeRows`). Bit-identical to the WASM kernels.
 */
export function pairDistance(
  metric: Metric,
  a: Float32Array,
  aOff: number,
  b: Float32Array,
  bOff: number,
  dim: number,
): number {
  return metric === 'l2' ? sqL2F32(a, aOff, b, bOff, dim) : -dotF32(a, aOff, b, bOff, dim);
}
