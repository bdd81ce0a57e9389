import { VecscopeError } from '../../common/errors.js';
import { parseMetadataTable } from '../../common/io/delimited.js';
import { extensionOf } from '../../common/io/detectFormat.js';
import { formatCount } from '../../common/io/format.js';
import { parseNumberCell } from '../../common/io/metadataColumns.js';
import { decodeText } from '../../common/io/textLines.js';
import type { MetadataColumn } from '../../common/types.js';
import { readParquetMetadataIsolated } from '../io/isolatedTableRead.js';
import { parseJsonlMetadata } from '../io/metadataFile.js';
import { readInputFile, statInput } from '../io/readInput.js';

/** File endings a table of texts may have (each optionally gzipped). */
const TEXT_TABLE_EXTENSIONS = ['.txt', '.tsv', '.tab', '.csv', '.jsonl', '.ndjson', '.parquet'];

/** The ending of `path` without a trailing `.gz`. */
function tableExtension(path: string): string {
  const ext = extensionOf(path);
  return ext === '.gz' ? extensionOf(path.slice(0, -3)) : ext;
}

/** True when `path` is named like a table that may hold a text column. */
export function isTextTableName(path: string): boolean {
  return TEXT_TABLE_EXTENSIONS.includes(tableExtension(path));
}

/** True for a `.txt` file, which holds texts, one a line (vector files are never .txt). */
export function isPlainTextName(path: string): boolean {
  return tableExtension(path) === '.txt';
}

/** A cell of prose: words, not a number and not a JSON list or object (a vector written as text). */
function isProse(cell: string): boolean {
  return parseNumberCell(cell) === undefined && /\p{L}/u.test(cell) && !/^\s*[[{]/.test(cell);
}

/**
 * True when some column holds prose in at least 80 % of its cells. A vector table with a damaged
 * cell or a JSON vector column is not mistaken for texts, so it still gets its own error.
 */
export function hasProseColumn(columns: readonly MetadataColumn[]): boolean {
  return columns.some((c) => {
    if (c.type !== 'text' || c.values.length === 0) return false;
    let prose = 0;
    for (const v of c.values) if (isProse(v)) prose++;
    return prose >= 0.8 * c.values.length;
  });
}

/** True when the file reads as a table with a column of prose (false when it does not parse). */
export async function hasTextColumn(path: string): Promise<boolean> {
  try {
    return hasProseColumn(await readTextTable(path));
  } catch {
    return false;
  }
}

/**
 * Reads a table of texts: .csv/.tsv (header row), .jsonl, .parquet, or .txt (one text per line, the
 * column "text"). Every column is typed as metadata is; the text columns are those of type text.
 */
export async function readTextTable(path: string): Promise<MetadataColumn[]> {
  const ext = tableExtension(path);
  if (ext === '.parquet') return readParquetMetadataIsolated(path, await statInput(path));
  const bytes = await readInputFile(path);
  if (bytes.length === 0) throw new VecscopeError('empty file (0 bytes)', path);
  if (ext === '.txt') {
    // Rows follow lines, blank ones included, so the vectors stay aligned with the file.
    const lines = decodeText(bytes)
      .replace(/\r?\n$/, '')
      .split(/\r?\n/);
    return [{ name: 'text', type: 'text', values: lines }];
  }
  if (ext === '.tsv' || ext === '.tab') return parseMetadataTable(bytes, path, '\t');
  if (ext === '.csv') return parseMetadataTable(bytes, path, ',');
  if (ext === '.jsonl' || ext === '.ndjson') return parseJsonlMetadata(bytes, path);
  throw new VecscopeError(
    `not a table of texts (use .txt with one text per line, .csv, .tsv, .jsonl or .parquet)`,
    path,
  );
}

/** The columns that qualify as the text to embed: those typed text (mostly distinct strings). */
export function textColumnNames(columns: readonly MetadataColumn[]): string[] {
  return columns.filter((c) => c.type === 'text').map((c) => c.name);
}

/**
 * The texts of the column to embed: `name` when given (any column holding strings), else the only
 * qualifying text column. Refuses, in one line each, a missing column, a numeric one, an ambiguous
 * choice and empty cells (a row without text has no embedding, and rows must stay aligned).
 */
export function pickTexts(
  columns: readonly MetadataColumn[],
  file: string,
  name?: string,
): { column: string; texts: string[] } {
  let col: MetadataColumn | undefined;
  if (name !== undefined) {
    col = columns.find((c) => c.name === name);
    if (!col)
      throw new VecscopeError(
        `no column "${name}" (columns: ${columns.map((c) => c.name).join(', ') || 'none'})`,
        file,
      );
  } else {
    const names = textColumnNames(columns);
    if (names.length === 0)
      throw new VecscopeError(
        `no text column to embed (columns: ${columns.map((c) => `${c.name} (${c.type})`).join(', ') || 'none'}); name one with --text-column (vecscope embed-text)`,
        file,
      );
    if (names.length > 1)
      throw new VecscopeError(
        `several text columns qualify (${names.join(', ')}); choose one with --text-column (vecscope embed-text; the app asks)`,
        file,
      );
    col = columns.find((c) => c.name === names[0])!;
  }
  if (col.type === 'number') throw new VecscopeError(`column "${col.name}" holds numbers, not text`, file);
  const texts =
    col.type === 'text' ? col.values : Array.from(col.codes, (code) => col.categories[code] ?? '');
  let empty = 0;
  let first = -1;
  for (let i = 0; i < texts.length; i++)
    if (texts[i]!.trim() === '') {
      empty++;
      if (first < 0) first = i;
    }
  if (empty > 0)
    throw new VecscopeError(
      `column "${col.name}" has ${formatCount(empty)} empty cell${empty === 1 ? '' : 's'} (first at row ${formatCount(first)}); fill or drop those rows, every row needs a text`,
      file,
    );
  if (texts.length === 0) throw new VecscopeError(`column "${col.name}" has no rows`, file);
  return { column: col.name, texts };
}
