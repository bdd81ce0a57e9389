import { VecscopeError } from '../errors.js';
import type { StorageDtype } from '../types.js';
import { decodeToF32 } from './decode.js';
import { DTYPE_BYTES, formatCount } from './format.js';
import type { ParsedVectors } from './parsedVectors.js';

/** IDX (MNIST) type codes; 0x0B (int16) has no StorageDtype and is refused. */
const TYPES: Record<number, StorageDtype> = { 0x08: 'u8', 0x09: 'i8', 0x0c: 'i32', 0x0d: 'f32', 0x0e: 'f64' };

/** True when the bytes start like an IDX file (two zero bytes, a known type, 1-4 dimensions). */
export function looksLikeIdx(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 8 &&
    bytes[0] === 0 &&
    bytes[1] === 0 &&
    (bytes[2]! in TYPES || bytes[2] === 0x0b) &&
    bytes[3]! >= 1 &&
    bytes[3]! <= 4
  );
}

/**
 * Parses an IDX file (MNIST, Fashion-MNIST; big-endian): the first axis is rows, the others are
 * flattened (28 × 28 images become 784-d rows; a 1-D labels file becomes n × 1).
 */
export function parseIdx(bytes: Uint8Array, file: string): ParsedVectors {
  if (bytes.length === 0) throw new VecscopeError('empty file (0 bytes)', file);
  if (!looksLikeIdx(bytes))
    throw new VecscopeError(
      'not an IDX file (expected two zero bytes, a type code and 1-4 dimensions)',
      file,
    );
  const dtype = TYPES[bytes[2]!];
  if (!dtype) throw new VecscopeError('IDX type 0x0B (int16) is not supported', file);
  const ndims = bytes[3]!;
  const headerBytes = 4 + 4 * ndims;
  if (bytes.length < headerBytes) throw new VecscopeError('truncated: the IDX header is cut off', file);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const dims: number[] = [];
  for (let i = 0; i < ndims; i++) dims.push(view.getUint32(4 + 4 * i, false));
  const n = dims[0]!;
  const dim = dims.slice(1).reduce((a, b) => a * b, 1);
  const rowBytes = dim * DTYPE_BYTES[dtype];
  const have = bytes.length - headerBytes;
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
  return { matrix: { data: decodeToF32(bytes, headerBytes, n * dim, dtype, false), n, dim }, dtype };
}
