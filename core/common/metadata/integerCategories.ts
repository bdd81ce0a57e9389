/** Above this many distinct values an integer column reads as a quantity, not a label set. */
export const MAX_INTEGER_CATEGORIES = 32;

/**
 * The distinct values of a numeric column when it should be treated as categories (only
 * integers, at most `maxDistinct` distinct finite values), sorted ascending; otherwise null.
 * Digit labels 0–9 stored as numbers are categories; measurements and ids are not.
 */
export function integerCategories(
  values: ArrayLike<number>,
  maxDistinct = MAX_INTEGER_CATEGORIES,
): number[] | null {
  const seen = new Set<number>();
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    if (!Number.isInteger(v)) return null;
    seen.add(v);
    if (seen.size > maxDistinct) return null;
  }
  if (seen.size === 0) return null;
  return [...seen].sort((a, b) => a - b);
}

/**
 * Codes (index into `categories`, -1 for non-finite values) for a numeric column that
 * `integerCategories` accepted, so it can be coloured and grouped like a category column.
 */
export function integerCategoryCodes(
  values: ArrayLike<number>,
  categories: number[],
): { codes: Int32Array; names: string[] } {
  const index = new Map(categories.map((v, i) => [v, i]));
  const codes = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) codes[i] = index.get(values[i]!) ?? -1;
  return { codes, names: categories.map(String) };
}
