import type { StorageDtype } from '../types.js';

/** Bytes per stored element of each dtype. */
export const DTYPE_BYTES: Readonly<Record<StorageDtype, number>> = {
  f32: 4,
  f16: 2,
  f64: 8,
  i8: 1,
  u8: 1,
  i32: 4,
};

/** 1234567 -> "1,234,567": error messages quote sizes that users compare with `ls -l`. */
export function formatCount(x: number): string {
  const s = String(Math.trunc(Math.abs(x)));
  const grouped = s.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return x < 0 ? `-${grouped}` : grouped;
}

/** "N bytes do not hold whole D-d rows (row R is cut off)". */
export function truncatedMessage(availableBytes: number, dim: number, firstCutRow: number): string {
  return `truncated: ${formatCount(availableBytes)} bytes do not hold whole ${dim}-d rows (row ${formatCount(firstCutRow)} is cut off)`;
}
