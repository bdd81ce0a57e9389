import { VecscopeError } from '../errors.js';
import type { StorageDtype } from '../types.js';
import { decodeInt32 } from './decode.js';
import { formatCount, truncatedMessage } from './format.js';
import type { ParsedVectors } from './parsedVectors.js';

/** TEXMEX files: per row an int32 dimension followed by that many float32 / int32 / uint8 values. */
export type TexmexKind = 'fvecs' | 'ivecs' | 'bvecs';

const KIND: Record<TexmexKind, { size: number; dtype: StorageDtype }> = {
  fvecs: { size: 4, dtype: 'f32' },
  ivecs: { size: 4, dtype: 'i32' },
  bvecs: { size: 1, dtype: 'u8' },
};

/** No embedding has more dimensions than this; a larger header means the file is not TEXMEX. */
const MAX_DIM = 1 << 20;

/**
 * Walks the rows, checking every row's dimension against the first, and returns the row count and dim.
 * Throws the one-line "row of another dimension" or "truncated" errors.
 */
function scanRows(bytes: Uint8Array, file: string, kind: TexmexKind): { n: number; dim: number } {
  if (bytes.length === 0) throw new VecscopeError('empty file (0 bytes)', file);
  const { size } = KIND[kind];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  if (bytes.length < 4)
    throw new VecscopeError(
      `truncated: ${bytes.length} bytes do not hold a row header (row 0 is cut off)`,
      file,
    );
  const dim = view.getInt32(0, true);
  if (dim <= 0 || dim > MAX_DIM)
    throw new VecscopeError(`not a .${kind} file: row 0 declares dimension ${dim}`, file);
  const rowBytes = 4 + dim * size;
  let n = 0;
  for (let pos = 0; pos < bytes.length; pos += rowBytes, n++) {
    if (pos + 4 > bytes.length) throw new VecscopeError(truncatedMessage(bytes.length, dim, n), file);
    const d = view.getInt32(pos, true);
    if (d !== dim)
      throw new VecscopeError(`row ${formatCount(n)} has dimension ${d} but row 0 has ${dim}`, file);
    if (pos + rowBytes > bytes.length) throw new VecscopeError(truncatedMessage(bytes.length, dim, n), file);
  }
  return { n, dim };
}

/** Parses .fvecs / .ivecs / .bvecs bytes into float32 rows (a new matrix owned by the caller). */
export function parseTexmexVecs(bytes: Uint8Array, file: string, kind: TexmexKind): ParsedVectors {
  const { n, dim } = scanRows(bytes, file, kind);
  const { size, dtype } = KIND[kind];
  const rowBytes = 4 + dim * size;
  const data = new Float32Array(n * dim);
  if (kind === 'fvecs') {
    const out = new Uint8Array(data.buffer);
    for (let i = 0; i < n; i++) out.set(bytes.subarray(i * rowBytes + 4, (i + 1) * rowBytes), i * dim * 4);
  } else if (kind === 'bvecs') {
    for (let i = 0; i < n; i++) data.set(bytes.subarray(i * rowBytes + 4, (i + 1) * rowBytes), i * dim);
  } else {
    for (let i = 0; i < n; i++) data.set(decodeInt32(bytes, i * rowBytes + 4, dim), i * dim);
  }
  return { matrix: { data, n, dim }, dtype };
}

/** Parses an .ivecs file as integer ids (ground truth): n rows of k ids, new array owned by the caller. */
export function parseIvecsIds(bytes: Uint8Array, file: string): { ids: Int32Array; n: number; k: number } {
  const { n, dim: k } = scanRows(bytes, file, 'ivecs');
  const ids = new Int32Array(n * k);
  const rowBytes = 4 + k * 4;
  for (let i = 0; i < n; i++) ids.set(decodeInt32(bytes, i * rowBytes + 4, k), i * k);
  return { ids, n, k };
}

function encodeRows(values: Float32Array | Int32Array, n: number, dim: number): Uint8Array {
  if (values.length !== n * dim) throw new Error(`encode: ${values.length} values are not ${n} × ${dim}`);
  const out = new Uint8Array(n * (4 + dim * 4));
  const view = new DataView(out.buffer);
  const src = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  for (let i = 0; i < n; i++) {
    view.setInt32(i * (4 + dim * 4), dim, true);
    out.set(src.subarray(i * dim * 4, (i + 1) * dim * 4), i * (4 + dim * 4) + 4);
  }
  return out;
}

/** Encodes n × k int32 ids as .ivecs bytes (new array owned by the caller). */
export function encodeIvecs(ids: Int32Array, n: number, k: number): Uint8Array {
  return encodeRows(ids, n, k);
}

/** Encodes n × dim float32 values as .fvecs bytes (new array owned by the caller). */
export function encodeFvecs(data: Float32Array, n: number, dim: number): Uint8Array {
  return encodeRows(data, n, dim);
}
