import { VecscopeError } from '../errors.js';
import type { StorageDtype } from '../types.js';
import { decodeInt32, decodeToF32 } from './decode.js';
import { DTYPE_BYTES, formatCount } from './format.js';
import type { ParsedVectors } from './parsedVectors.js';

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

const DESCR: Record<string, StorageDtype> = {
  f4: 'f32',
  f2: 'f16',
  f8: 'f64',
  i1: 'i8',
  u1: 'u8',
  i4: 'i32',
};

export function hasNpyMagic(bytes: Uint8Array): boolean {
  return MAGIC.every((b, i) => bytes[i] === b);
}

export interface NpyHeader {
  dtype: StorageDtype;
  littleEndian: boolean;
  fortranOrder: boolean;
  shape: number[];
  dataOffset: number;
}

/**
 * How many leading bytes hold the whole .npy header (magic, version, length fields and the dict), or
 * undefined when `head` is too short to say. Lets a loader read exactly the header before the data.
 */
export function npyHeaderLength(head: Uint8Array): number | undefined {
  if (head.length < 12) return undefined;
  const view = new DataView(head.buffer, head.byteOffset, head.length);
  return head[6] === 1 ? 10 + view.getUint16(8, true) : 12 + view.getUint32(8, true);
}

/** Reads the .npy header from the first bytes of the file (the data need not follow). */
export function parseNpyHeader(bytes: Uint8Array, file: string): NpyHeader {
  if (!hasNpyMagic(bytes))
    throw new VecscopeError('not an .npy file (it does not start with \\x93NUMPY)', file);
  if (bytes.length < 10) throw new VecscopeError('truncated: the .npy header is cut off', file);
  const major = bytes[6]!;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  let headerLen: number;
  let start: number;
  if (major === 1) {
    headerLen = view.getUint16(8, true);
    start = 10;
  } else if (major === 2 || major === 3) {
    if (bytes.length < 12) throw new VecscopeError('truncated: the .npy header is cut off', file);
    headerLen = view.getUint32(8, true);
    start = 12;
  } else {
    throw new VecscopeError(`unsupported .npy version ${major}`, file);
  }
  if (start + headerLen > bytes.length)
    throw new VecscopeError('truncated: the .npy header is cut off', file);
  const header = new TextDecoder('utf-8').decode(bytes.subarray(start, start + headerLen));
  const descr = /'descr'\s*:\s*'([^']*)'/.exec(header)?.[1];
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape'\s*:\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined)
    throw new VecscopeError('corrupt .npy header (no descr, fortran_order or shape)', file);
  const order = descr[0]!;
  const code = descr.slice(1);
  const dtype = DESCR[code];
  if (!dtype || !'<>|='.includes(order))
    throw new VecscopeError(
      `unsupported .npy dtype "${descr}" (supported: float32, float16, float64, int8, uint8, int32)`,
      file,
    );
  const shape = shapeText
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map(Number);
  if (shape.some((d) => !Number.isInteger(d) || d < 0))
    throw new VecscopeError(`corrupt .npy shape (${shapeText})`, file);
  return {
    dtype,
    littleEndian: order !== '>',
    fortranOrder: fortran === 'True',
    shape,
    dataOffset: start + headerLen,
  };
}

/**
 * Parses a NumPy .npy array (versions 1-3) of float32/float16/float64/int8/uint8/int32 into float32 rows.
 * A 2-D array is rows × dim; trailing axes of a higher-rank array are flattened into one row (images).
 */
export function parseNpy(bytes: Uint8Array, file: string): ParsedVectors {
  if (bytes.length === 0) throw new VecscopeError('empty file (0 bytes)', file);
  const h = parseNpyHeader(bytes, file);
  if (h.shape.length < 2)
    throw new VecscopeError(
      `the .npy array has shape (${h.shape.join(', ')}); expected 2-D (rows × dim)`,
      file,
    );
  const n = h.shape[0]!;
  const dim = h.shape.slice(1).reduce((a, b) => a * b, 1);
  const size = DTYPE_BYTES[h.dtype];
  const rowBytes = dim * size;
  const have = bytes.length - h.dataOffset;
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
  if (dim === 0) throw new VecscopeError(`the .npy array has 0 columns`, file);
  let data = decodeToF32(bytes, h.dataOffset, n * dim, h.dtype, h.littleEndian);
  if (h.fortranOrder) {
    if (h.shape.length > 2)
      throw new VecscopeError('Fortran-order .npy arrays of rank > 2 are not supported', file);
    const t = new Float32Array(n * dim);
    for (let j = 0; j < dim; j++) for (let i = 0; i < n; i++) t[i * dim + j] = data[j * n + i]!;
    data = t;
  }
  return { matrix: { data, n, dim }, dtype: h.dtype };
}

/**
 * Parses a 2-D little-endian int32 .npy (ground-truth ids) exactly, without the float32 detour that
 * would round ids above 2^24. The ids array belongs to the caller.
 */
export function parseNpyInt32(bytes: Uint8Array, file: string): { ids: Int32Array; n: number; k: number } {
  if (bytes.length === 0) throw new VecscopeError('empty file (0 bytes)', file);
  const h = parseNpyHeader(bytes, file);
  if (h.dtype !== 'i32' || !h.littleEndian || h.fortranOrder)
    throw new VecscopeError(
      `ground-truth ids must be a C-order little-endian int32 array, not ${h.dtype}`,
      file,
    );
  if (h.shape.length !== 2)
    throw new VecscopeError(`the ids array has shape (${h.shape.join(', ')}); expected 2-D`, file);
  const [n, k] = h.shape as [number, number];
  const have = bytes.length - h.dataOffset;
  if (have !== n * k * 4)
    throw new VecscopeError(
      `truncated or corrupt: the header promises ${formatCount(n)} × ${k} int32 (${formatCount(n * k * 4)} bytes) but ${formatCount(have)} follow`,
      file,
    );
  return { ids: decodeInt32(bytes, h.dataOffset, n * k), n, k };
}

/**
 * Encodes a C-order little-endian .npy (version 1.0) of float32 or int32 values; the returned bytes are
 * owned by the caller. The header is padded so the data starts at a multiple of 64 bytes, as NumPy does.
 */
export function encodeNpy(data: Float32Array | Int32Array, shape: number[]): Uint8Array {
  const count = shape.reduce((a, b) => a * b, 1);
  if (count !== data.length)
    throw new Error(`encodeNpy: shape (${shape.join(', ')}) does not match ${data.length} values`);
  const descr = data instanceof Float32Array ? '<f4' : '<i4';
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shapeText}, }`;
  const total = 10 + header.length + 1;
  header += ' '.repeat((64 - (total % 64)) % 64) + '\n';
  const headerBytes = new TextEncoder().encode(header);
  const out = new Uint8Array(10 + headerBytes.length + data.byteLength);
  out.set(MAGIC, 0);
  out[6] = 1;
  out[7] = 0;
  new DataView(out.buffer).setUint16(8, headerBytes.length, true);
  out.set(headerBytes, 10);
  out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), 10 + headerBytes.length);
  return out;
}
