import { VecscopeError } from '../errors.js';
import type { MetadataColumn } from '../types.js';
import { formatCount } from './format.js';
import { buildMetadataColumns, parseNumberCell } from './metadataColumns.js';
import type { ParsedVectors } from './parsedVectors.js';
import { decodeText, splitRecords, type TextRecord } from './textLines.js';

/** Column names that hold a whole vector per cell ("[0.1, 0.2, ...]" or "0.1 0.2 ..."). */
export const EMBEDDING_COLUMN_NAMES = [
  'embedding',
  'embeddings',
  'vector',
  'vectors',
  'values',
  'emb',
  'features',
];

/** Numeric columns with these names are row labels, not vector components. */
const ID_COLUMN_NAMES = new Set([
  'row',
  'id',
  'index',
  'idx',
  'label',
  'labels',
  'class',
  'target',
  'category',
]);

/**
 * Spellings of a missing value (pandas' na_values, R, Excel, SQL). In a vector column they load as NaN,
 * so the non-finite check (and --allow-nonfinite) decides, as for a literal NaN.
 */
const MISSING = new Set(['', 'na', 'n/a', '#n/a', 'null', 'none', 'nil', '?', '-', '--']);

function isMissingCell(cell: string): boolean {
  return MISSING.has(cell.trim().toLowerCase());
}

/** A vector component: a number, NaN for a missing-value marker, or undefined for other text. */
function componentOf(cell: string): number | undefined {
  const x = parseNumberCell(cell);
  if (x !== undefined) return x;
  return isMissingCell(cell) ? NaN : undefined;
}

/**
 * The first row is a header only when none of its cells is a number and not all are missing: one
 * "N/A" among numbers is a data row with a missing value, not a header.
 */
function isHeaderRow(cells: readonly string[]): boolean {
  return cells.every((c) => parseNumberCell(c) === undefined) && cells.some((c) => !isMissingCell(c));
}

/**
 * A column is part of the vector when at least half of its cells are numbers, so one stray "N/A" or
 * word (a typo, "unknown") is reported or loaded as NaN instead of silently moving the column to
 * metadata; a mostly empty notes column with a few numbers stays metadata.
 */
function isNumericColumn(rows: readonly TextRecord[], j: number): boolean {
  let numbers = 0;
  for (const r of rows) if (parseNumberCell(r.cells[j]!) !== undefined) numbers++;
  return numbers > 0 && numbers * 2 >= rows.length;
}

function parseNumberList(cell: string): number[] | undefined {
  const inner = cell.trim().replace(/^\[/, '').replace(/\]$/, '');
  const parts = inner.split(/[\s,;]+/).filter((p) => p.length > 0);
  const out: number[] = [];
  for (const p of parts) {
    const x = parseNumberCell(p);
    if (x === undefined) return undefined;
    out.push(x);
  }
  return out.length > 0 ? out : undefined;
}

function fillRows(
  rows: readonly TextRecord[],
  file: string,
  dim: number,
  cellsOf: (r: TextRecord) => readonly string[],
  columnName: (j: number) => string = String,
): Float32Array {
  const data = new Float32Array(rows.length * dim);
  rows.forEach((r, i) => {
    const cells = cellsOf(r);
    if (cells.length !== dim)
      throw new VecscopeError(
        `row ${formatCount(i)} (line ${r.line}) has ${cells.length} values but row 0 has ${dim}`,
        file,
      );
    for (let j = 0; j < dim; j++) {
      const x = componentOf(cells[j]!);
      if (x === undefined)
        throw new VecscopeError(
          `row ${formatCount(i)} (line ${r.line}), column ${columnName(j)}: "${cells[j]!.slice(0, 40)}" is not a number (missing values may be written NA, N/A, null or left empty)`,
          file,
        );
      data[i * dim + j] = x;
    }
  });
  return data;
}

/**
 * Parses a CSV or TSV of vectors. Without a header (the Embedding Projector's vectors TSV) every cell is
 * a component. With a header (see isHeaderRow), the vector is either a list-valued column
 * (`embedding`, `vector`, ... or cells like "[0.1, 0.2]") or all the numeric columns (isNumericColumn)
 * except id-like ones (row, id, label, ...); the other columns become metadata. Missing-value markers
 * in vector columns load as NaN.
 */
export function parseDelimitedVectors(bytes: Uint8Array, file: string, delimiter: ',' | '\t'): ParsedVectors {
  if (bytes.length === 0) throw new VecscopeError('empty file (0 bytes)', file);
  const records = splitRecords(decodeText(bytes), delimiter);
  if (records.length === 0) throw new VecscopeError('empty file (no rows)', file);
  const first = records[0]!;
  const headerless = !isHeaderRow(first.cells);
  if (headerless) {
    const dim = first.cells.length;
    const data = fillRows(records, file, dim, (r) => r.cells);
    return { matrix: { data, n: records.length, dim }, dtype: 'f32' };
  }
  const names = first.cells.map((c) => c.trim());
  const body = records.slice(1);
  if (body.length === 0) throw new VecscopeError('no rows after the header', file);
  body.forEach((r, i) => {
    if (r.cells.length !== names.length)
      throw new VecscopeError(
        `row ${formatCount(i)} (line ${r.line}) has ${r.cells.length} fields but the header has ${names.length}`,
        file,
      );
  });
  const firstBody = body[0]!.cells;
  let listCol = names.findIndex((name) => EMBEDDING_COLUMN_NAMES.includes(name.toLowerCase()));
  if (listCol < 0) listCol = firstBody.findIndex((c) => c.trim().startsWith('['));
  let data: Float32Array;
  let dim: number;
  let vectorCols: Set<number>;
  if (listCol >= 0) {
    const lists = body.map((r, i) => {
      const l = parseNumberList(r.cells[listCol]!);
      if (!l)
        throw new VecscopeError(
          `row ${formatCount(i)} (line ${r.line}): column "${names[listCol]}" does not hold a list of numbers`,
          file,
        );
      return l;
    });
    dim = lists[0]!.length;
    data = new Float32Array(lists.length * dim);
    lists.forEach((l, i) => {
      if (l.length !== dim)
        throw new VecscopeError(
          `row ${formatCount(i)} (line ${body[i]!.line}) has ${l.length} values but row 0 has ${dim}`,
          file,
        );
      data.set(l, i * dim);
    });
    vectorCols = new Set([listCol]);
  } else {
    const numeric: number[] = [];
    names.forEach((name, j) => {
      if (ID_COLUMN_NAMES.has(name.toLowerCase())) return;
      if (isNumericColumn(body, j)) numeric.push(j);
    });
    if (numeric.length === 0)
      throw new VecscopeError(
        `no numeric columns to read as vectors (header: ${names.slice(0, 8).join(', ')}${names.length > 8 ? ', ...' : ''})`,
        file,
      );
    dim = numeric.length;
    data = fillRows(
      body,
      file,
      dim,
      (r) => numeric.map((j) => r.cells[j]!),
      (k) => `"${names[numeric[k]!]}"`,
    );
    vectorCols = new Set(numeric);
  }
  const metaIdx = names.map((_, j) => j).filter((j) => !vectorCols.has(j));
  const metadata = buildMetadataColumns(
    metaIdx.map((j) => names[j]!),
    body.map((r) => metaIdx.map((j) => r.cells[j])),
  );
  return { matrix: { data, n: body.length, dim }, dtype: 'f32', metadata };
}

/**
 * Parses a metadata table (CSV/TSV with a header row). A single-column file without a header (the
 * Embedding Projector's convention) is recognised when it has exactly `expectedRows` lines; its column
 * is called "label".
 */
export function parseMetadataTable(
  bytes: Uint8Array,
  file: string,
  delimiter: ',' | '\t',
  expectedRows?: number,
): MetadataColumn[] {
  if (bytes.length === 0) throw new VecscopeError('empty file (0 bytes)', file);
  const records = splitRecords(decodeText(bytes), delimiter);
  if (records.length === 0) throw new VecscopeError('empty file (no rows)', file);
  const singleColumn = records.every((r) => r.cells.length === 1);
  if (singleColumn && expectedRows !== undefined && records.length === expectedRows)
    return buildMetadataColumns(
      ['label'],
      records.map((r) => r.cells),
    );
  const names = records[0]!.cells.map((c) => c.trim());
  const body = records.slice(1);
  body.forEach((r, i) => {
    if (r.cells.length !== names.length)
      throw new VecscopeError(
        `row ${formatCount(i)} (line ${r.line}) has ${r.cells.length} fields but the header has ${names.length}`,
        file,
      );
  });
  return buildMetadataColumns(
    names,
    body.map((r) => r.cells),
  );
}
