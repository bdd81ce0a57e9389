import { VecscopeError } from '../errors.js';
import type { StorageDtype } from '../types.js';
import { f16ToF32 } from './f16.js';
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
    default:
      break;
  }
  return out;
}

/** Reads little-endian int32 values into a new Int32Array (owned by the caller). */
export function decodeInt32(bytes: Uint8Array, offset: number, count: number): Int32Array {
  return new Int32Array(copyBytes(bytes, offset, offset + count * 4).buffer, 0, count);
}
