import type { MetadataColumn } from '../types.js';

/** Rows `ids` of each metadata column, in that order (a category column keeps its category list). */
export function takeColumnRows(columns: readonly MetadataColumn[], ids: ArrayLike<number>): MetadataColumn[] {
  const pick = <T>(get: (i: number) => T) => Array.from({ length: ids.length }, (_, r) => get(ids[r]!));
  return columns.map((c): MetadataColumn => {
    if (c.type === 'number') return { ...c, values: Float64Array.from(pick((i) => c.values[i]!)) };
    if (c.type === 'category') return { ...c, codes: Int32Array.from(pick((i) => c.codes[i]!)) };
    return { ...c, values: pick((i) => c.values[i]!) };
  });
}
