import { VecscopeError } from '../errors.js';
import type { Matrix } from '../types.js';
import { formatCount } from './format.js';

/** How many NaN/Inf values a matrix holds and the first row (-1 when none) that has one. */
export function countNonFinite(m: Matrix): { count: number; firstRow: number } {
  let count = 0;
  let firstRow = -1;
  const { data, n, dim } = m;
  for (let i = 0; i < n; i++) {
    let rowCount = 0;
    for (let j = i * dim, end = j + dim; j < end; j++) if (!Number.isFinite(data[j]!)) rowCount++;
    if (rowCount > 0) {
      if (firstRow < 0) firstRow = i;
      count += rowCount;
    }
  }
  return { count, firstRow };
}

/**
 * Rejects NaN/Inf values with their count and first row unless `allow`; returns the count.
 */
export function checkFinite(m: Matrix, file: string, allow = false): number {
  const { count, firstRow } = countNonFinite(m);
  if (count > 0 && !allow)
    throw new VecscopeError(
      `${formatCount(count)} non-finite value${count === 1 ? '' : 's'} (NaN or Inf), the first in row ${formatCount(firstRow)}; pass --allow-nonfinite to load anyway`,
      file,
    );
  return count;
}

/** Rejects all-zero rows, which have no direction under cosine; returns nothing when there are none. */
export function checkZeroRows(m: Matrix, file: string): void {
  const { data, n, dim } = m;
  let count = 0;
  let first = -1;
  for (let i = 0; i < n; i++) {
    let zero = true;
    for (let j = i * dim, end = j + dim; j < end; j++)
      if (data[j] !== 0) {
        zero = false;
        break;
      }
    if (zero) {
      count++;
      if (first < 0) first = i;
    }
  }
  if (count > 0)
    throw new VecscopeError(
      `${formatCount(count)} all-zero row${count === 1 ? '' : 's'} (the first is row ${formatCount(first)}) have no direction under cosine; drop them or choose the l2 or ip metric`,
      file,
    );
}

/** Rejects queries whose dimension differs from the base's. */
export function checkSameDim(queries: { dim: number }, base: { dim: number }, file: string): void {
  if (queries.dim !== base.dim)
    throw new VecscopeError(`queries are ${queries.dim}-d but the base is ${base.dim}-d`, file);
}

/** Minimum, mean and maximum Euclidean row norm over the rows with only finite values (zeros when none). */
export function rowNormStats(m: Matrix): { min: number; mean: number; max: number } {
  const { data, n, dim } = m;
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let rows = 0;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = i * dim, end = j + dim; j < end; j++) s += data[j]! * data[j]!;
    if (!Number.isFinite(s)) continue;
    const norm = Math.sqrt(s);
    if (norm < min) min = norm;
    if (norm > max) max = norm;
    sum += norm;
    rows++;
  }
  return rows === 0 ? { min: 0, mean: 0, max: 0 } : { min, mean: sum / rows, max };
}
