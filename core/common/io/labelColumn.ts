import { VecscopeError } from '../errors.js';
import { integerCategories, integerCategoryCodes } from '../metadata/integerCategories.js';
import type { MetadataColumn } from '../types.js';
import { formatCount } from './format.js';
import { looksLikeIdx, parseIdx } from './idx.js';
import { buildMetadataColumn } from './metadataColumns.js';
import { hasNpyMagic } from './npy.js';
import { decodeText } from './textLines.js';

/**
 * A one-column file of per-row values as a metadata column: integers with few distinct values (the
 * `integerCategories` rule, e.g. digit labels) become a category column so they colour and group as
 * classes at once; anything else stays numeric.
 */
export function labelColumn(name: string, values: ArrayLike<number>): MetadataColumn {
  const cats = integerCategories(values);
  if (!cats) return { name, type: 'number', values: Float64Array.from(values) };
  const { codes, names } = integerCategoryCodes(values, cats);
  return { name, type: 'category', codes, categories: names };
}

/** `.u8`: one byte per row, or an IDX file of 1-D labels (MNIST ships both). */
export function parseU8Labels(bytes: Uint8Array, file: string): Float64Array {
  if (looksLikeIdx(bytes)) return idxValues(bytes, file);
  return Float64Array.from(bytes);
}

/** `.i32`: little-endian int32 per row, or an IDX file of 1-D labels. */
export function parseI32Labels(bytes: Uint8Array, file: string): Float64Array {
  if (looksLikeIdx(bytes)) return idxValues(bytes, file);
  if (bytes.length % 4 !== 0)
    throw new VecscopeError(
      `${formatCount(bytes.length)} bytes is not a whole number of int32 labels (4 bytes each)`,
      file,
    );
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const out = new Float64Array(bytes.length / 4);
  for (let i = 0; i < out.length; i++) out[i] = view.getInt32(4 * i, true);
  return out;
}

function idxValues(bytes: Uint8Array, file: string): Float64Array {
  const { matrix } = parseIdx(bytes, file);
  if (matrix.dim !== 1)
    throw new VecscopeError(`a labels file must hold one value per row, not ${matrix.dim}-d rows`, file);
  return Float64Array.from(matrix.data);
}

type Reader = [bytes: number, read: (v: DataView, at: number, little: boolean) => number];

/** NumPy dtypes a label column may have; int64 is NumPy's default integer, so it must be here. */
const NPY_READERS: Record<string, Reader> = {
  u1: [1, (v, o) => v.getUint8(o)],
  i1: [1, (v, o) => v.getInt8(o)],
  b1: [1, (v, o) => v.getUint8(o)],
  u2: [2, (v, o, le) => v.getUint16(o, le)],
  i2: [2, (v, o, le) => v.getInt16(o, le)],
  u4: [4, (v, o, le) => v.getUint32(o, le)],
  i4: [4, (v, o, le) => v.getInt32(o, le)],
  i8: [8, (v, o, le) => Number(v.getBigInt64(o, le))],
  u8: [8, (v, o, le) => Number(v.getBigUint64(o, le))],
  f4: [4, (v, o, le) => v.getFloat32(o, le)],
  f8: [8, (v, o, le) => v.getFloat64(o, le)],
};

/** A 1-D (or n × 1) numeric .npy as one value per row. */
export function parseNpyColumn(bytes: Uint8Array, file: string): Float64Array {
  if (!hasNpyMagic(bytes) || bytes.length < 10)
    throw new VecscopeError('not an .npy file (it does not start with \\x93NUMPY)', file);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const major = bytes[6]!;
  const start = major === 1 ? 10 : 12;
  if (bytes.length < start) throw new VecscopeError('truncated: the .npy header is cut off', file);
  const hlen = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  if (start + hlen > bytes.length) throw new VecscopeError('truncated: the .npy header is cut off', file);
  const header = new TextDecoder().decode(bytes.subarray(start, start + hlen));
  const descr = /'descr'\s*:\s*'([^']+)'/.exec(header)?.[1];
  const shape = /'shape'\s*:\s*\(([^)]*)\)/.exec(header)?.[1];
  if (!descr || shape === undefined) throw new VecscopeError('corrupt .npy header (no descr or shape)', file);
  const dims = shape
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map(Number);
  if (dims.length === 0 || dims.length > 2 || (dims.length === 2 && dims[1] !== 1))
    throw new VecscopeError(`a labels .npy must be 1-D (one value per row), not shape (${shape})`, file);
  const reader = NPY_READERS[descr.slice(1)];
  if (!reader || !'<>|='.includes(descr[0]!))
    throw new VecscopeError(`unsupported labels dtype "${descr}" (integers or floats)`, file);
  const [size, read] = reader;
  const n = dims[0]!;
  const off = start + hlen;
  if (bytes.length - off !== n * size)
    throw new VecscopeError(
      `truncated or corrupt: the header promises ${formatCount(n)} values (${formatCount(n * size)} bytes) but ${formatCount(bytes.length - off)} follow`,
      file,
    );
  const little = descr[0] !== '>';
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = read(view, off + i * size, little);
  return out;
}

/** `.txt`: one value per line (a trailing newline ends the last line, it adds no row). */
export function parseTextLabels(bytes: Uint8Array, name: string): MetadataColumn {
  const lines = decodeText(bytes)
    .replace(/\r?\n$/, '')
    .split(/\r?\n/);
  const col = buildMetadataColumn(name, lines);
  return col.type === 'number' ? labelColumn(name, col.values) : col;
}
