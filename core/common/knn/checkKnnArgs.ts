import { VecscopeError } from '../errors.js';
import type { Matrix, Metric } from '../types.js';
import { METRICS } from '../types.js';

/** Throws a VecscopeError for arguments no k-NN search accepts; returns the row range to search. */
export function checkKnnArgs(
  base: Matrix,
  queries: Matrix,
  k: number,
  metric: Metric,
  rowRange?: readonly [number, number],
): [number, number] {
  if (!METRICS.includes(metric))
    throw new VecscopeError(`unknown metric "${String(metric)}" (use ip, l2 or cos)`);
  if (!Number.isInteger(k) || k < 1) throw new VecscopeError(`k must be a positive integer, got ${k}`);
  if (queries.dim !== base.dim) {
    throw new VecscopeError(`queries have ${queries.dim} dimensions but the base vectors have ${base.dim}`);
  }
  const [r0, r1] = rowRange ?? [0, base.n];
  if (!Number.isInteger(r0) || !Number.isInteger(r1) || r0 < 0 || r1 > base.n || r0 > r1) {
    throw new VecscopeError(`row range [${r0}, ${r1}) is outside the ${base.n} base rows`);
  }
  return [r0, r1];
}
