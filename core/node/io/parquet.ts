import { asyncBufferFromFile, parquetReadObjects, type AsyncBuffer } from 'hyparquet';
import { VecscopeError } from '../../common/errors.js';
import { EMBEDDING_COLUMN_NAMES } from '../../common/io/delimited.js';
import { formatCount } from '../../common/io/format.js';
import { buildMetadataColumns } from '../../common/io/metadataColumns.js';
import type { ParsedVectors } from '../../common/io/parsedVectors.js';
import type { MetadataColumn, StorageDtype } from '../../common/types.js';
import { isNumberList, toMetadataCell } from './tableCells.js';

async function readRows(source: string | ArrayBuffer, file: string): Promise<Record<string, unknown>[]> {
  try {
    const buffer: AsyncBuffer = typeof source === 'string' ? await asyncBufferFromFile(source) : source;
    return await parquetReadObjects({ file: buffer });
  } catch (e) {
    if (e instanceof VecscopeError) throw e;
    throw new VecscopeError(`not a readable Parquet file (${(e as Error).message.split('\n')[0]})`, file);
  }
}

function columnNames(rows: Record<string, unknown>[]): string[] {
  return rows.length > 0 ? Object.keys(rows[0]!) : [];
}

/**
 * Reads a Parquet file (a path, read through a read-only handle, or bytes): the embedding is a list
 * column named embedding/vector/emb/... or the only list-of-numbers column; the others become metadata.
 */
export async function readParquetVectors(source: string | ArrayBuffer, file: string): Promise<ParsedVectors> {
  const rows = await readRows(source, file);
  if (rows.length === 0) throw new VecscopeError('the Parquet file has no rows', file);
  const names = columnNames(rows);
  const first = rows[0]!;
  const lists = names.filter((k) => isNumberList(first[k]));
  const field =
    lists.find((k) => EMBEDDING_COLUMN_NAMES.includes(k.toLowerCase()) || k.toLowerCase() === 'emb') ??
    (lists.length === 1 ? lists[0] : undefined);
  if (field === undefined)
    throw new VecscopeError(
      lists.length === 0
        ? `no list-of-numbers column to read as vectors (columns: ${names.join(', ')})`
        : `several list columns (${lists.join(', ')}); name the vector column "embedding"`,
      file,
    );
  const dim = (first[field] as ArrayLike<number>).length;
  const n = rows.length;
  const data = new Float32Array(n * dim);
  rows.forEach((r, i) => {
    const v = r[field];
    if (!isNumberList(v))
      throw new VecscopeError(`row ${formatCount(i)} has no vector in column "${field}"`, file);
    if (v.length !== dim)
      throw new VecscopeError(`row ${formatCount(i)} has ${v.length} values but row 0 has ${dim}`, file);
    for (let j = 0; j < dim; j++) {
      const x: unknown = v[j];
      data[i * dim + j] = x === null || x === undefined ? NaN : Number(x);
    }
  });
  const metaNames = names.filter((k) => k !== field);
  const metadata = buildMetadataColumns(
    metaNames,
    rows.map((r) => metaNames.map((k) => toMetadataCell(r[k]))),
  );
  const dtype: StorageDtype = 'f32';
  return { matrix: { data, n, dim }, dtype, metadata };
}

/** Reads every non-list column of a Parquet file as metadata. */
export async function readParquetMetadata(
  source: string | ArrayBuffer,
  file: string,
): Promise<MetadataColumn[]> {
  const rows = await readRows(source, file);
  const names = columnNames(rows).filter((k) => !isNumberList(rows[0]![k]));
  return buildMetadataColumns(
    names,
    rows.map((r) => names.map((k) => toMetadataCell(r[k]))),
  );
}
