import { VecscopeError } from '../errors.js';
import type { StorageDtype } from '../types.js';
import type { VectorFormat } from './detectFormat.js';
import { DTYPE_BYTES, formatCount, truncatedMessage } from './format.js';
import { looksLikeIdx } from './idx.js';
import { npyHeaderLength, parseNpyHeader } from './npy.js';

/**
 * Where the vectors lie in a binary vector file, worked out from its first bytes and its size alone.
 * A loader uses it to reject a bad header before reading any data, to allocate the float32 result
 * once, and then to read the data in chunks (files larger than memory allows to hold twice).
 */
export interface BinaryLayout {
  dtype: StorageDtype;
  littleEndian: boolean;
  n: number;
  dim: number;
  /** Bytes before row 0. */
  dataOffset: number;
  /** Bytes of each row's own header (a TEXMEX row starts with its int32 dimension); 0 for the others. */
  rowPrefix: number;
  /** A column-major .npy: the data runs column by column. */
  fortranOrder: boolean;
}

/** The vector formats whose data is a fixed-size binary layout, read in chunks by the loaders. */
export type BinaryFormat =
  'npy' | 'fvecs' | 'ivecs' | 'bvecs' | 'fbin' | 'ibin' | 'u8bin' | 'i8bin' | 'idx' | 'raw-f32';

const BINARY = new Set<VectorFormat>([
  'npy',
  'fvecs',
  'ivecs',
  'bvecs',
  'fbin',
  'ibin',
  'u8bin',
  'i8bin',
  'idx',
  'raw-f32',
]);

export function isBinaryFormat(format: VectorFormat): format is BinaryFormat {
  return BINARY.has(format);
}

const BIG_ANN: Record<'fbin' | 'ibin' | 'u8bin' | 'i8bin', StorageDtype> = {
  fbin: 'f32',
  ibin: 'i32',
  u8bin: 'u8',
  i8bin: 'i8',
};
const TEXMEX: Record<string, StorageDtype> = { fvecs: 'f32', ivecs: 'i32', bvecs: 'u8' };
const IDX_TYPES: Record<number, StorageDtype> = {
  0x08: 'u8',
  0x09: 'i8',
  0x0c: 'i32',
  0x0d: 'f32',
  0x0e: 'f64',
};

/** No embedding has more dimensions than this; a larger TEXMEX row header means the file is not TEXMEX. */
const MAX_TEXMEX_DIM = 1 << 20;

/**
 * How many leading bytes `binaryLayout` needs for this format (the .npy header may be longer than a
 * first read of a few KB); undefined when `head` is too short to tell, so the caller reads more.
 */
export function headerLength(format: BinaryFormat, head: Uint8Array): number | undefined {
  switch (format) {
    case 'npy':
      return npyHeaderLength(head);
    case 'idx':
      return head.length >= 4 ? 4 + 4 * head[3]! : undefined;
    case 'fvecs':
    case 'ivecs':
    case 'bvecs':
      return 4;
    case 'raw-f32':
      return 0;
    case 'fbin':
    case 'ibin':
    case 'u8bin':
    case 'i8bin':
      return 8;
  }
}

/**
 * The total byte size the header promises (header + data), for formats whose header counts the rows;
 * undefined for TEXMEX and raw float32, whose size only the data itself tells. A gzip stream is
 * decompressed no further than this, which bounds a decompression bomb by what its header says.
 */
export function promisedSize(format: BinaryFormat, head: Uint8Array, file: string): number | undefined {
  if (format === 'fvecs' || format === 'ivecs' || format === 'bvecs' || format === 'raw-f32')
    return undefined;
  const l = layoutOf(format, head, file, undefined);
  return l.dataOffset + l.n * l.dim * DTYPE_BYTES[l.dtype];
}

/**
 * Reads the header of a binary vector file from its first bytes (`head`, at least `headerLength`
 * bytes when the file has them) and checks it against the file's total `size` (decompressed size for
 * gzip): truncation and trailing bytes are rejected here, before any data is read, with the same
 * one-line messages the whole-file parsers give.
 */
export function binaryLayout(
  format: BinaryFormat,
  head: Uint8Array,
  size: number,
  file: string,
  opts: { dim?: number | undefined } = {},
): BinaryLayout {
  if (size === 0) throw new VecscopeError('empty file (0 bytes)', file);
  return layoutOf(format, head, file, size, opts.dim);
}

function layoutOf(
  format: BinaryFormat,
  head: Uint8Array,
  file: string,
  size: number | undefined,
  rawDim?: number,
): BinaryLayout {
  switch (format) {
    case 'npy':
      return npyLayout(head, file, size);
    case 'idx':
      return idxLayout(head, file, size);
    case 'fvecs':
    case 'ivecs':
    case 'bvecs':
      return texmexLayout(head, file, size ?? 0, format);
    case 'raw-f32':
      return rawLayout(file, size ?? 0, rawDim);
    case 'fbin':
    case 'ibin':
    case 'u8bin':
    case 'i8bin':
      return bigAnnLayout(head, file, size, BIG_ANN[format]);
  }
}

function plain(dtype: StorageDtype, n: number, dim: number, dataOffset: number): BinaryLayout {
  return { dtype, littleEndian: true, n, dim, dataOffset, rowPrefix: 0, fortranOrder: false };
}

function npyLayout(head: Uint8Array, file: string, size: number | undefined): BinaryLayout {
  const h = parseNpyHeader(head, file);
  if (h.shape.length < 2)
    throw new VecscopeError(
      `the .npy array has shape (${h.shape.join(', ')}); expected 2-D (rows × dim)`,
      file,
    );
  if (h.fortranOrder && h.shape.length > 2)
    throw new VecscopeError('Fortran-order .npy arrays of rank > 2 are not supported', file);
  const n = h.shape[0]!;
  const dim = h.shape.slice(1).reduce((a, b) => a * b, 1);
  const rowBytes = dim * DTYPE_BYTES[h.dtype];
  if (size !== undefined) {
    const have = size - h.dataOffset;
    const need = n * rowBytes;
    if (have < need) {
      const cut = rowBytes > 0 ? Math.floor(have / rowBytes) : 0;
      throw new VecscopeError(
        `truncated: the header promises ${formatCount(n)} × ${dim} ${h.dtype} (${formatCount(need)} bytes of data) but only ${formatCount(have)} follow (row ${formatCount(cut)} is cut off)`,
        file,
      );
    }
    if (have > need)
      throw new VecscopeError(
        `corrupt: ${formatCount(have - need)} bytes follow the ${formatCount(n)} × ${dim} array the header promises`,
        file,
      );
  }
  if (dim === 0) throw new VecscopeError(`the .npy array has 0 columns`, file);
  return {
    dtype: h.dtype,
    littleEndian: h.littleEndian,
    n,
    dim,
    dataOffset: h.dataOffset,
    rowPrefix: 0,
    fortranOrder: h.fortranOrder,
  };
}

function bigAnnLayout(
  head: Uint8Array,
  file: string,
  size: number | undefined,
  dtype: StorageDtype,
): BinaryLayout {
  const known = size ?? head.length;
  if (known < 8 || head.length < 8)
    throw new VecscopeError(`truncated: ${known} bytes do not hold the 8-byte header (n, dim)`, file);
  const view = new DataView(head.buffer, head.byteOffset, head.length);
  const n = view.getUint32(0, true);
  const dim = view.getUint32(4, true);
  if (dim === 0) throw new VecscopeError('the header says dim = 0', file);
  const need = 8 + n * dim * DTYPE_BYTES[dtype];
  if (size !== undefined && size < need) {
    const cut = Math.floor((size - 8) / (dim * DTYPE_BYTES[dtype]));
    throw new VecscopeError(
      `truncated: the header promises ${formatCount(n)} × ${dim} (${formatCount(need)} bytes) but the file has ${formatCount(size)} (row ${formatCount(cut)} is cut off)`,
      file,
    );
  }
  if (size !== undefined && size > need)
    throw new VecscopeError(
      `corrupt: ${formatCount(size - need)} bytes follow the ${formatCount(n)} × ${dim} rows the header promises`,
      file,
    );
  return plain(dtype, n, dim, 8);
}

function texmexLayout(
  head: Uint8Array,
  file: string,
  size: number,
  kind: 'fvecs' | 'ivecs' | 'bvecs',
): BinaryLayout {
  if (size < 4 || head.length < 4)
    throw new VecscopeError(`truncated: ${size} bytes do not hold a row header (row 0 is cut off)`, file);
  const dim = new DataView(head.buffer, head.byteOffset, 4).getInt32(0, true);
  if (dim <= 0 || dim > MAX_TEXMEX_DIM)
    throw new VecscopeError(`not a .${kind} file: row 0 declares dimension ${dim}`, file);
  const dtype = TEXMEX[kind]!;
  const rowBytes = 4 + dim * DTYPE_BYTES[dtype];
  if (size % rowBytes !== 0)
    throw new VecscopeError(truncatedMessage(size, dim, Math.floor(size / rowBytes)), file);
  return { ...plain(dtype, size / rowBytes, dim, 0), rowPrefix: 4 };
}

function rawLayout(file: string, size: number, dim: number | undefined): BinaryLayout {
  if (dim === undefined)
    throw new VecscopeError(
      `raw float32 has no header: pass --dim (the file has ${formatCount(size)} bytes = ${formatCount(Math.floor(size / 4))} floats)`,
      file,
    );
  if (!Number.isInteger(dim) || dim <= 0)
    throw new VecscopeError(`--dim must be a positive integer, got ${dim}`, file);
  const rowBytes = dim * 4;
  if (size % rowBytes !== 0)
    throw new VecscopeError(truncatedMessage(size, dim, Math.floor(size / rowBytes)), file);
  return plain('f32', size / rowBytes, dim, 0);
}

function idxLayout(head: Uint8Array, file: string, size: number | undefined): BinaryLayout {
  if (!looksLikeIdx(head))
    throw new VecscopeError(
      'not an IDX file (expected two zero bytes, a type code and 1-4 dimensions)',
      file,
    );
  const dtype = IDX_TYPES[head[2]!];
  if (!dtype) throw new VecscopeError('IDX type 0x0B (int16) is not supported', file);
  const ndims = head[3]!;
  const headerBytes = 4 + 4 * ndims;
  if (head.length < headerBytes || (size !== undefined && size < headerBytes))
    throw new VecscopeError('truncated: the IDX header is cut off', file);
  const view = new DataView(head.buffer, head.byteOffset, head.length);
  const dims: number[] = [];
  for (let i = 0; i < ndims; i++) dims.push(view.getUint32(4 + 4 * i, false));
  const n = dims[0]!;
  const dim = dims.slice(1).reduce((a, b) => a * b, 1);
  const rowBytes = dim * DTYPE_BYTES[dtype];
  if (size !== undefined) {
    const have = size - headerBytes;
    if (have < n * rowBytes)
      throw new VecscopeError(
        `truncated: ${formatCount(have)} bytes do not hold the ${formatCount(n)} rows of ${dim} values the header promises (row ${formatCount(Math.floor(have / rowBytes))} is cut off)`,
        file,
      );
    if (have > n * rowBytes)
      throw new VecscopeError(
        `corrupt: ${formatCount(have - n * rowBytes)} bytes follow the ${formatCount(n)} rows the header promises`,
        file,
      );
  }
  return { ...plain(dtype, n, dim, headerBytes), littleEndian: false };
}
