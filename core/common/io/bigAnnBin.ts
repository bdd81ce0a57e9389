import { VecscopeError } from '../errors.js';
import { decodeToF32 } from './decode.js';
import { DTYPE_BYTES, formatCount } from './format.js';
import type { ParsedVectors } from './parsedVectors.js';

/** big-ann-benchmarks binaries: uint32 n, uint32 dim, then n × dim values (.fbin, .ibin, .u8bin, .i8bin). */
export type BigAnnDtype = 'f32' | 'i32' | 'u8' | 'i8';

/** Parses a big-ann .fbin/.ibin/.u8bin/.i8bin file into float32 rows (a new matrix owned by the caller). */
export function parseBigAnnBin(bytes: Uint8Array, file: string, dtype: BigAnnDtype): ParsedVectors {
  if (bytes.length === 0) throw new VecscopeError('empty file (0 bytes)', file);
  if (bytes.length < 8)
    throw new VecscopeError(`truncated: ${bytes.length} bytes do not hold the 8-byte header (n, dim)`, file);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const n = view.getUint32(0, true);
  const dim = view.getUint32(4, true);
  if (dim === 0) throw new VecscopeError('the header says dim = 0', file);
  const size = DTYPE_BYTES[dtype];
  const need = 8 + n * dim * size;
  if (bytes.length < need) {
    const cut = Math.floor((bytes.length - 8) / (dim * size));
    throw new VecscopeError(
      `truncated: the header promises ${formatCount(n)} × ${dim} (${formatCount(need)} bytes) but the file has ${formatCount(bytes.length)} (row ${formatCount(cut)} is cut off)`,
      file,
    );
  }
  if (bytes.length > need)
    throw new VecscopeError(
      `corrupt: ${formatCount(bytes.length - need)} bytes follow the ${formatCount(n)} × ${dim} rows the header promises`,
      file,
    );
  return { matrix: { data: decodeToF32(bytes, 8, n * dim, dtype), n, dim }, dtype };
}

/** Encodes n × dim values as a big-ann binary (uint32 n, uint32 dim, data); new bytes owned by the caller. */
export function encodeBigAnnBin(
  data: Float32Array | Int32Array | Uint8Array | Int8Array,
  n: number,
  dim: number,
): Uint8Array {
  if (data.length !== n * dim)
    throw new Error(`encodeBigAnnBin: ${data.length} values are not ${n} × ${dim}`);
  const out = new Uint8Array(8 + data.byteLength);
  const view = new DataView(out.buffer);
  view.setUint32(0, n, true);
  view.setUint32(4, dim, true);
  out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), 8);
  return out;
}
