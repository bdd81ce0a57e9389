/** Above this many distinct values an integer column reads as a quantity, not a label set. */
const MAX_INTEGER_CATEGORIES = 32;

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

/** How the user chose to read a numeric column; absent means the rule above decides. */
export type NumericScale = 'categorical' | 'continuous';

/** A forced categorical reading still needs a legend that fits; beyond this it stays a ramp. */
const MAX_FORCED_CATEGORIES = 500;

/** The categories of a numeric column under the user's choice, or null for a continuous reading. */
export function numericCategories(values: ArrayLike<number>, scale?: NumericScale): number[] | null {
  if (scale === 'continuous') return null;
  if (scale === undefined) return integerCategories(values);
  const seen = new Set<number>();
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    seen.add(v);
    if (seen.size > MAX_FORCED_CATEGORIES) return null;
  }
  return seen.size > 0 ? [...seen].sort((a, b) => a - b) : null;
}
