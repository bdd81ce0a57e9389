import { VecscopeError } from '../errors.js';
import { EMBEDDING_COLUMN_NAMES } from './delimited.js';
import { formatCount } from './format.js';
import { buildMetadataColumns, type MetadataCell } from './metadataColumns.js';
import type { ParsedVectors } from './parsedVectors.js';
import { decodeText } from './textLines.js';

function isNumberArray(v: unknown): v is (number | null)[] {
  return Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'number' || x === null);
}

function toCell(v: unknown): MetadataCell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  return JSON.stringify(v);
}

/**
 * Parses JSON Lines (or one JSON array of records): each record is an array of numbers, or an object
 * whose vector is the field named `embedding`, `vector`, `values`, ... or its only array-of-numbers
 * field. The other fields become metadata. `null` components read as NaN (JSON cannot spell NaN).
 */
export function parseJsonl(bytes: Uint8Array, file: string): ParsedVectors {
  if (bytes.length === 0) throw new VecscopeError('empty file (0 bytes)', file);
  const text = decodeText(bytes);
  const records: { value: unknown; line: number }[] = [];
  const trimmed = text.trimStart();
  if (trimmed.startsWith('[') && !/^\[\s*[-+\d.nN]/.test(trimmed)) {
    let all: unknown;
    try {
      all = JSON.parse(text);
    } catch (e) {
      throw new VecscopeError(`invalid JSON: ${(e as Error).message.split('\n')[0]}`, file);
    }
    if (!Array.isArray(all)) throw new VecscopeError('expected a JSON array of records', file);
    all.forEach((value, i) => records.push({ value, line: i + 1 }));
  } else {
    const lines = text.split(/\r?\n/);
    lines.forEach((l, i) => {
      if (l.trim().length === 0) return;
      try {
        records.push({ value: JSON.parse(l), line: i + 1 });
      } catch {
        throw new VecscopeError(`line ${i + 1} is not valid JSON`, file);
      }
    });
  }
  if (records.length === 0) throw new VecscopeError('empty file (no records)', file);
  const first = records[0]!.value;
  let field: string | undefined;
  if (!Array.isArray(first)) {
    if (typeof first !== 'object' || first === null)
      throw new VecscopeError(`line ${records[0]!.line}: expected an object or an array of numbers`, file);
    const obj = first as Record<string, unknown>;
    const arrays = Object.keys(obj).filter((k) => isNumberArray(obj[k]));
    field =
      arrays.find((k) => EMBEDDING_COLUMN_NAMES.includes(k.toLowerCase())) ??
      (arrays.length === 1 ? arrays[0] : undefined);
    if (field === undefined)
      throw new VecscopeError(
        arrays.length === 0
          ? `line ${records[0]!.line}: no array-of-numbers field (looked for ${EMBEDDING_COLUMN_NAMES.slice(0, 4).join(', ')}, ...)`
          : `line ${records[0]!.line}: several array fields (${arrays.join(', ')}); name the vector "embedding"`,
        file,
      );
  }
  const names: string[] = [];
  const seen = new Set<string>();
  const vectors: unknown[] = [];
  records.forEach(({ value, line }) => {
    if (field === undefined) {
      vectors.push(value);
      return;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      throw new VecscopeError(`line ${line}: expected an object like line ${records[0]!.line}`, file);
    const obj = value as Record<string, unknown>;
    vectors.push(obj[field]);
    for (const k of Object.keys(obj))
      if (k !== field && !seen.has(k)) {
        seen.add(k);
        names.push(k);
      }
  });
  const v0 = vectors[0];
  if (!isNumberArray(v0))
    throw new VecscopeError(`line ${records[0]!.line}: the vector is not an array of numbers`, file);
  const dim = v0.length;
  const n = records.length;
  const data = new Float32Array(n * dim);
  vectors.forEach((v, i) => {
    const line = records[i]!.line;
    if (!isNumberArray(v))
      throw new VecscopeError(
        `row ${formatCount(i)} (line ${line}): the vector is not an array of numbers`,
        file,
      );
    if (v.length !== dim)
      throw new VecscopeError(
        `row ${formatCount(i)} (line ${line}) has ${v.length} values but row 0 has ${dim}`,
        file,
      );
    for (let j = 0; j < dim; j++) data[i * dim + j] = v[j] ?? NaN;
  });
  const metadata =
    field === undefined
      ? []
      : buildMetadataColumns(
          names,
          records.map(({ value }) => names.map((k) => toCell((value as Record<string, unknown>)[k]))),
        );
  return { matrix: { data, n, dim }, dtype: 'f32', metadata };
}
