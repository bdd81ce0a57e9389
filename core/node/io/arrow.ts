import { DataType, tableFromIPC, type Data, type Table, type Vector } from 'apache-arrow';
import { VecscopeError } from '../../common/errors.js';
import { EMBEDDING_COLUMN_NAMES } from '../../common/io/delimited.js';
import { f16ToF32 } from '../../common/io/f16.js';
import { formatCount } from '../../common/io/format.js';
import { buildMetadataColumns } from '../../common/io/metadataColumns.js';
import type { ParsedVectors } from '../../common/io/parsedVectors.js';
import type { StorageDtype } from '../../common/types.js';
import { toMetadataCell } from './tableCells.js';

function childDtype(type: DataType): StorageDtype | undefined {
  if (DataType.isFloat(type)) return type.precision === 0 ? 'f16' : type.precision === 2 ? 'f64' : 'f32';
  if (DataType.isInt(type)) {
    if (type.bitWidth === 8) return type.isSigned ? 'i8' : 'u8';
    return type.bitWidth === 64 ? undefined : 'i32';
  }
  return undefined;
}

function isVectorColumn(type: DataType): boolean {
  if (!DataType.isFixedSizeList(type) && !DataType.isList(type)) return false;
  const child = type.children[0]?.type;
  return child !== undefined && childDtype(child) !== undefined;
}

/** Child values of a chunk as float32 (f16 bit patterns converted). */
function childValues(d: Data, dtype: StorageDtype): ArrayLike<number> {
  const v = d.values as ArrayLike<number>;
  return dtype === 'f16' ? f16ToF32(v as Uint16Array) : v;
}

/**
 * Reads Arrow IPC bytes (file or stream format): the embedding is a FixedSizeList or List column of
 * floats or ints, named embedding/vector/... or the only such column; the others become metadata.
 */
export function parseArrowVectors(bytes: Uint8Array, file: string): ParsedVectors {
  if (bytes.length === 0) throw new VecscopeError('empty file (0 bytes)', file);
  let table: Table;
  try {
    table = tableFromIPC(bytes);
  } catch (e) {
    throw new VecscopeError(`not a readable Arrow IPC file (${(e as Error).message.split('\n')[0]})`, file);
  }
  const fields = table.schema.fields;
  const lists = fields.filter((f) => isVectorColumn(f.type)).map((f) => f.name);
  const field =
    lists.find((k) => EMBEDDING_COLUMN_NAMES.includes(k.toLowerCase())) ??
    (lists.length === 1 ? lists[0] : undefined);
  if (field === undefined)
    throw new VecscopeError(
      lists.length === 0
        ? `no FixedSizeList or List column of numbers to read as vectors (columns: ${fields.map((f) => f.name).join(', ')})`
        : `several list columns (${lists.join(', ')}); name the vector column "embedding"`,
      file,
    );
  const n = table.numRows;
  if (n === 0) throw new VecscopeError('the Arrow table has no rows', file);
  const col = table.getChild(field)!;
  const listType = col.type as DataType;
  const dtype = childDtype(listType.children[0]!.type)!;
  let dim = -1;
  let data = new Float32Array(0);
  let row = 0;
  for (const d of col.data) {
    const child = d.children[0]!;
    const values = childValues(child, dtype);
    for (let r = 0; r < d.length; r++, row++) {
      if (d.nullCount > 0 && !d.getValid(r))
        throw new VecscopeError(`row ${formatCount(row)} has no vector (null)`, file);
      let start: number;
      let end: number;
      if (DataType.isFixedSizeList(listType)) {
        start = (d.offset + r) * listType.listSize + child.offset;
        end = start + listType.listSize;
      } else {
        const offsets = d.valueOffsets as Int32Array;
        start = offsets[d.offset + r]! + child.offset;
        end = offsets[d.offset + r + 1]! + child.offset;
      }
      if (dim < 0) {
        dim = end - start;
        data = new Float32Array(n * dim);
      }
      if (end - start !== dim)
        throw new VecscopeError(
          `row ${formatCount(row)} has ${end - start} values but row 0 has ${dim}`,
          file,
        );
      for (let j = 0; j < dim; j++) data[row * dim + j] = values[start + j]!;
    }
  }
  const metaNames = fields.map((f) => f.name).filter((k) => k !== field);
  const metaCols = metaNames.map((k) => table.getChild(k) as Vector);
  const rows: ReturnType<typeof toMetadataCell>[][] = [];
  for (let i = 0; i < n; i++) rows.push(metaCols.map((c) => toMetadataCell(c.get(i))));
  return { matrix: { data, n, dim }, dtype, metadata: buildMetadataColumns(metaNames, rows) };
}
