import type { MetadataCell } from '../../common/io/metadataColumns.js';

/** True for a non-empty array or typed array of numbers (a vector cell). */
export function isNumberList(v: unknown): v is ArrayLike<number> {
  if (ArrayBuffer.isView(v) && !(v instanceof DataView))
    return (v as unknown as ArrayLike<number>).length > 0;
  return Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'number' || x === null);
}

/** Turns a value read by hyparquet or apache-arrow into a metadata cell. */
export function toMetadataCell(v: unknown): MetadataCell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint')
    return v;
  if (v instanceof Date) return v.toISOString();
  try {
    return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? Number(x) : x));
  } catch {
    return String(v);
  }
}
