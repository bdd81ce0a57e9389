/** Longest predicate the engine accepts (the `filterRows` and `study` schemas). */
export const MAX_PREDICATE = 2000;

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;
const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

/** The predicate that keeps one category of a column (the legend's shortcut). */
export function categoryPredicate(column: string, category: string): string {
  return `${ident(column)} = ${literal(category)}`;
}

/**
 * The predicate that keeps the selected rows: runs of consecutive rows as ranges, the rest as a list.
 * Null when it would pass the engine's length limit (a scattered lasso of thousands of rows).
 */
export function selectionPredicate(rows: Int32Array): string | null {
  const sorted = Int32Array.from(rows).sort();
  const singles: number[] = [];
  const ranges: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1]! <= sorted[j]! + 1) j++;
    if (sorted[j]! - sorted[i]! >= 2) ranges.push(`row_id BETWEEN ${sorted[i]} AND ${sorted[j]}`);
    else for (let t = i; t <= j; t++) if (singles.at(-1) !== sorted[t]) singles.push(sorted[t]!);
    i = j + 1;
  }
  const parts = [...ranges, ...(singles.length > 0 ? [`row_id IN (${singles.join(', ')})`] : [])];
  if (parts.length === 0) return null;
  const text = parts.join(' OR ');
  return text.length <= MAX_PREDICATE ? text : null;
}
