import type { MetadataColumn } from '../types.js';

/** One metadata value as it comes out of a text, JSON, Parquet or Arrow reader. */
export type MetadataCell = string | number | boolean | bigint | null | undefined;

/** A column becomes a category when it has at most this many distinct values (and fewer than half the rows). */
const MAX_CATEGORIES = 256;

const SPECIAL: Record<string, number> = {
  nan: NaN,
  inf: Infinity,
  '+inf': Infinity,
  '-inf': -Infinity,
  infinity: Infinity,
  '+infinity': Infinity,
  '-infinity': -Infinity,
};

/**
 * Parses a text cell as a number, accepting the NaN / Inf spellings of NumPy, pandas and C;
 * returns undefined when the cell is not a number (hex, empty and other text included).
 */
export function parseNumberCell(text: string): number | undefined {
  // Number() is the fast path; it also reads "0x1f", "0b1" and blank text, which are not numbers here.
  const x = Number(text);
  if (!Number.isNaN(x)) {
    if (x === 0 && !/\d/.test(text)) return undefined;
    if (/[xXbBoO_]/.test(text)) return undefined;
    return x;
  }
  return SPECIAL[text.trim().toLowerCase()];
}

function isMissing(c: MetadataCell): boolean {
  return c === null || c === undefined || (typeof c === 'string' && c.trim() === '');
}

function cellText(c: MetadataCell): string {
  if (c === null || c === undefined) return '';
  return String(c);
}

/**
 * Types one column: `number` when every present value is a finite number (missing ones become NaN),
 * `category` when there are at most 256 distinct values and fewer than half as many as rows,
 * otherwise `text`. Missing values in a category column are the category "".
 */
export function buildMetadataColumn(name: string, values: readonly MetadataCell[]): MetadataColumn {
  const n = values.length;
  let present = 0;
  let allNumbers = true;
  const nums = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const c = values[i];
    if (isMissing(c)) {
      nums[i] = NaN;
      continue;
    }
    present++;
    const x =
      typeof c === 'number'
        ? c
        : typeof c === 'bigint'
          ? Number(c)
          : typeof c === 'string'
            ? parseNumberCell(c)
            : undefined;
    if (x === undefined || !Number.isFinite(x)) {
      allNumbers = false;
      break;
    }
    nums[i] = x;
  }
  if (allNumbers && present > 0) return { name, type: 'number', values: nums };
  const index = new Map<string, number>();
  const codes = new Int32Array(n);
  let distinctOk = true;
  for (let i = 0; i < n; i++) {
    const t = cellText(values[i]);
    let code = index.get(t);
    if (code === undefined) {
      code = index.size;
      index.set(t, code);
      if (index.size > MAX_CATEGORIES) {
        distinctOk = false;
        break;
      }
    }
    codes[i] = code;
  }
  if (distinctOk && index.size < n / 2)
    return { name, type: 'category', codes, categories: [...index.keys()] };
  return { name, type: 'text', values: values.map(cellText) };
}

/** Types every column of a row-major table (rows shorter than `names` read as missing cells). */
export function buildMetadataColumns(
  names: readonly string[],
  rows: readonly (readonly MetadataCell[])[],
): MetadataColumn[] {
  return names.map((name, j) =>
    buildMetadataColumn(
      name,
      rows.map((r) => r[j]),
    ),
  );
}

/** The number of rows a column holds. */
export function columnLength(c: MetadataColumn): number {
  return c.type === 'category' ? c.codes.length : c.values.length;
}
