import { VecscopeError } from '../errors.js';
import type { StorageDtype } from '../types.js';
import { f16ToF32, f16ToF32Into } from './f16.js';
import { DTYPE_BYTES } from './format.js';

/**
 * Copies bytes [start, end) into a fresh, aligned buffer. (Node's Buffer.slice does not copy, so
 * `bytes.slice` cannot be trusted to give a buffer of its own.)
 */
export function copyBytes(bytes: Uint8Array, start = 0, end = bytes.length): Uint8Array {
  const out = new Uint8Array(end - start);
  out.set(bytes.subarray(start, end));
  return out;
}

/**
 * Decodes `count` stored elements starting at byte `offset` into a new float32 array (owned by the
 * caller). The fast path copies little-endian data into an aligned buffer and converts with one typed
 * array `set`; big-endian data goes through a DataView.
 */
export function decodeToF32(
  bytes: Uint8Array,
  offset: number,
  count: number,
  dtype: StorageDtype,
  littleEndian = true,
): Float32Array {
  const size = DTYPE_BYTES[dtype];
  if (offset + count * size > bytes.length)
    throw new VecscopeError('internal: decode past the end of the data');
  if (littleEndian || size === 1) {
    const copy = copyBytes(bytes, offset, offset + count * size);
    switch (dtype) {
      case 'f32':
        return new Float32Array(copy.buffer, 0, count);
      case 'f16':
        return f16ToF32(new Uint16Array(copy.buffer, 0, count));
      case 'f64':
        return new Float32Array(new Float64Array(copy.buffer, 0, count));
      case 'i8':
        return new Float32Array(new Int8Array(copy.buffer, 0, count));
      case 'u8':
        return new Float32Array(copy);
      case 'i32':
        return new Float32Array(new Int32Array(copy.buffer, 0, count));
    }
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset, count * size);
  const out = new Float32Array(count);
  switch (dtype) {
    case 'f32':
      for (let i = 0; i < count; i++) out[i] = view.getFloat32(i * 4, false);
      break;
    case 'f64':
      for (let i = 0; i < count; i++) out[i] = view.getFloat64(i * 8, false);
      break;
    case 'i32':
      for (let i = 0; i < count; i++) out[i] = view.getInt32(i * 4, false);
      break;
    case 'f16': {
      const bits = new Uint16Array(count);
      for (let i = 0; i < count; i++) bits[i] = view.getUint16(i * 2, false);
      return f16ToF32(bits);
    }
    case 'i8':
    case 'u8':
      // One-byte values have no byte order; the little-endian branch above returned them.
      throw new VecscopeError('internal: one-byte values reached the big-endian decoder');
  }
  return out;
}

/** Reads little-endian int32 values into a new Int32Array (owned by the caller). */
export function decodeInt32(bytes: Uint8Array, offset: number, count: number): Int32Array {
  return new Int32Array(copyBytes(bytes, offset, offset + count * 4).buffer, 0, count);
}

/**
 * Decodes the whole stored elements in `bytes` into `out` from index `at`, without allocating the
 * result: the chunked loaders convert each chunk straight into the final float32 matrix. Unaligned
 * little-endian input is copied into `scratch` first (typed-array views need alignment); the caller
 * keeps `scratch` between calls so a load allocates it once.
 */
export function decodeInto(
  bytes: Uint8Array,
  dtype: StorageDtype,
  littleEndian: boolean,
  out: Float32Array,
  at: number,
  scratch: { buf: Uint8Array },
): void {
  const size = DTYPE_BYTES[dtype];
  const count = Math.floor(bytes.length / size);
  if (size === 1) {
    out.set(
      dtype === 'u8' ? bytes.subarray(0, count) : new Int8Array(bytes.buffer, bytes.byteOffset, count),
      at,
    );
    return;
  }
  if (!littleEndian) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, count * size);
    for (let i = 0; i < count; i++) {
      if (dtype === 'f32') out[at + i] = view.getFloat32(i * 4, false);
      else if (dtype === 'f64') out[at + i] = view.getFloat64(i * 8, false);
      else if (dtype === 'i32') out[at + i] = view.getInt32(i * 4, false);
      else out[at + i] = halfBits(view.getUint16(i * 2, false));
    }
    return;
  }
  let src = bytes;
  if (bytes.byteOffset % size !== 0) {
    if (scratch.buf.length < count * size) scratch.buf = new Uint8Array(count * size);
    scratch.buf.set(bytes.subarray(0, count * size));
    src = scratch.buf;
  }
  switch (dtype) {
    case 'f32':
      out.set(new Float32Array(src.buffer, src.byteOffset, count), at);
      return;
    case 'f64':
      out.set(new Float64Array(src.buffer, src.byteOffset, count), at);
      return;
    case 'i32':
      out.set(new Int32Array(src.buffer, src.byteOffset, count), at);
      return;
    case 'f16':
      f16ToF32Into(new Uint16Array(src.buffer, src.byteOffset, count), out, at);
      return;
    case 'i8':
    case 'u8':
      throw new VecscopeError('internal: one-byte values reached the aligned decoder');
  }
}

const oneHalf = new Uint16Array(1);
const oneFloat = new Float32Array(1);

/** One big-endian half through the shared table (rare path: big-endian float16 .npy). */
function halfBits(h: number): number {
  oneHalf[0] = h;
  f16ToF32Into(oneHalf, oneFloat, 0);
  return oneFloat[0]!;
}
