import type { Codec, EncodedVectors } from '../quantize/codec.js';
import type { Matrix } from '../types.js';

/**
 * Rows read a block at a time: a graph build over codes decodes one block of rows at a time instead
 * of a float32 copy of the whole set (at a million 384-d rows that copy was 1.5 GB of the peak).
 */
export interface RowSource {
  readonly n: number;
  readonly dim: number;
  /** Rows [start, start + count) as float32, row-major; valid until the next call. */
  rows(start: number, count: number): Float32Array;
}

/** Rows per block: large enough that a decode call costs little, small enough to stay in cache-sized memory. */
const ROW_BLOCK = 4096;

function isMatrix(x: Matrix | RowSource): x is Matrix {
  return (x as Matrix).data !== undefined;
}

/** A matrix as a row source: blocks are views, nothing is copied. */
function matrixRows(m: Matrix): RowSource {
  const { n, dim, data } = m;
  return { n, dim, rows: (start, count) => data.subarray(start * dim, (start + count) * dim) };
}

export function asRowSource(x: Matrix | RowSource): RowSource {
  return isMatrix(x) ? matrixRows(x) : x;
}

/** The primary level of `encoded`, decoded a block of rows at a time (what a graph over the codes sees). */
export function decodedRows(codec: Codec, encoded: EncodedVectors): RowSource {
  const { n, dim } = encoded;
  // One buffer for every block: a fresh one per block left a build's passes over a large set (three
  // of them, each hundreds of megabytes in blocks) as garbage that the peak then carried.
  let out = new Float32Array(0);
  return {
    n,
    dim,
    rows: (start, count) => {
      if (out.length < count * dim) out = new Float32Array(Math.max(count, ROW_BLOCK) * dim);
      return codec.decodePrimary(sliceEncoded(encoded, start, count), out).data;
    },
  };
}

/** Rows [start, start + count) of encoded vectors, as views: every array of EncodedVectors is per row. */
function sliceEncoded(v: EncodedVectors, start: number, count: number): EncodedVectors {
  const rowsOf = <T extends Uint8Array | Float32Array>(a: T): T => {
    const stride = a.length / v.n;
    return a.subarray(start * stride, (start + count) * stride) as T;
  };
  return {
    n: count,
    dim: v.dim,
    codes: rowsOf(v.codes),
    ...(v.refine ? { refine: rowsOf(v.refine) } : {}),
    ...(v.scale ? { scale: rowsOf(v.scale) } : {}),
    ...(v.bias ? { bias: rowsOf(v.bias) } : {}),
  };
}

/** Calls `fn` on every block of rows in order. */
export function forEachBlock(
  src: RowSource,
  fn: (block: Float32Array, start: number, count: number) => void,
  block: number = ROW_BLOCK,
): void {
  for (let start = 0; start < src.n; start += block) {
    const count = Math.min(block, src.n - start);
    fn(src.rows(start, count), start, count);
  }
}
