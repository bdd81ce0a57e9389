import type { KernelSet } from './kernelSet.js';
import { halfBitsToFloat } from '../io/f16.js';

// Plain-TypeScript twins of the WASM kernels (core/wasm/kernels.ts). They follow the kernels' summation
// order and round every operation to float32, so their results are bit-identical, which lets tests
// compare exactly and lets any code path mix the two. A double-precision operation on float32 inputs
// rounded once to float32 is the correctly rounded float32 operation for + − × ÷ and sqrt.

const fround = Math.fround;

/** ⟨a[aOff ..], b[bOff ..]⟩ over dim elements, in the kernels' order and float32 rounding. */
export function dotF32(
  a: ArrayLike<number>,
  aOff: number,
  b: ArrayLike<number>,
  bOff: number,
  dim: number,
): number {
  const n4 = dim & ~3;
  let l0 = 0;
  let l1 = 0;
  let l2 = 0;
  let l3 = 0;
  for (let i = 0; i < n4; i += 4) {
    l0 = fround(l0 + fround(a[aOff + i]! * b[bOff + i]!));
    l1 = fround(l1 + fround(a[aOff + i + 1]! * b[bOff + i + 1]!));
    l2 = fround(l2 + fround(a[aOff + i + 2]! * b[bOff + i + 2]!));
    l3 = fround(l3 + fround(a[aOff + i + 3]! * b[bOff + i + 3]!));
  }
  let s = fround(fround(l0 + l1) + fround(l2 + l3));
  for (let i = n4; i < dim; i++) s = fround(s + fround(a[aOff + i]! * b[bOff + i]!));
  return s;
}

/** ‖a[aOff ..] − b[bOff ..]‖² over dim elements, from the differences, in the kernels' order. */
export function sqL2F32(
  a: ArrayLike<number>,
  aOff: number,
  b: ArrayLike<number>,
  bOff: number,
  dim: number,
): number {
  const n4 = dim & ~3;
  let l0 = 0;
  let l1 = 0;
  let l2 = 0;
  let l3 = 0;
  let d = 0;
  for (let i = 0; i < n4; i += 4) {
    d = fround(a[aOff + i]! - b[bOff + i]!);
    l0 = fround(l0 + fround(d * d));
    d = fround(a[aOff + i + 1]! - b[bOff + i + 1]!);
    l1 = fround(l1 + fround(d * d));
    d = fround(a[aOff + i + 2]! - b[bOff + i + 2]!);
    l2 = fround(l2 + fround(d * d));
    d = fround(a[aOff + i + 3]! - b[bOff + i + 3]!);
    l3 = fround(l3 + fround(d * d));
  }
  let s = fround(fround(l0 + l1) + fround(l2 + l3));
  for (let i = n4; i < dim; i++) {
    d = fround(a[aOff + i]! - b[bOff + i]!);
    s = fround(s + fround(d * d));
  }
  return s;
}

/** IEEE half-precision bits to a number (exact). */
const halfToFloat = halfBitsToFloat;

/** Scales row[off .. off+dim) in place to unit norm, as the kernels do (x / fround(√‖x‖²)). */
export function normalizeRowF32(data: Float32Array, off: number, dim: number): void {
  const norm = fround(Math.sqrt(dotF32(data, off, data, off, dim)));
  if (norm === 0) return;
  for (let i = off; i < off + dim; i++) data[i] = data[i]! / norm;
}

type RowDist = (
  q: ArrayLike<number>,
  qOff: number,
  r: ArrayLike<number>,
  rOff: number,
  dim: number,
) => number;

function batch(
  dist: RowDist,
  queries: ArrayLike<number>,
  nq: number,
  rows: ArrayLike<number>,
  nr: number,
  dim: number,
  out: Float32Array | Int32Array,
): void {
  for (let i = 0; i < nq; i++) {
    for (let j = 0; j < nr; j++) out[i * nr + j] = dist(queries, i * dim, rows, j * dim, dim);
  }
}

function f16Rows(rows: Uint16Array): Float32Array {
  const out = new Float32Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = halfToFloat(rows[i]!);
  return out;
}

function intDot(a: ArrayLike<number>, aOff: number, b: ArrayLike<number>, bOff: number, dim: number): number {
  let s = 0;
  for (let i = 0; i < dim; i++) s += a[aOff + i]! * b[bOff + i]!;
  return s;
}

function intL2(a: ArrayLike<number>, aOff: number, b: ArrayLike<number>, bOff: number, dim: number): number {
  let s = 0;
  for (let i = 0; i < dim; i++) {
    const d = a[aOff + i]! - b[bOff + i]!;
    s += d * d;
  }
  return s;
}

/** The reference implementation of every kernel (slow; for tests and as the specification). */
export const referenceKernels: KernelSet = {
  dotBatch: (q, nq, r, nr, dim, out = new Float32Array(nq * nr)) => (
    batch(dotF32, q, nq, r, nr, dim, out),
    out
  ),
  l2Batch: (q, nq, r, nr, dim, out = new Float32Array(nq * nr)) => (
    batch(sqL2F32, q, nq, r, nr, dim, out),
    out
  ),
  dotBatchF16: (q, nq, r, nr, dim, out = new Float32Array(nq * nr)) => (
    batch(dotF32, q, nq, f16Rows(r), nr, dim, out),
    out
  ),
  l2BatchF16: (q, nq, r, nr, dim, out = new Float32Array(nq * nr)) => (
    batch(sqL2F32, q, nq, f16Rows(r), nr, dim, out),
    out
  ),
  dotBatchU8: (q, nq, r, nr, dim, out = new Float32Array(nq * nr)) => (
    batch(dotF32, q, nq, r, nr, dim, out),
    out
  ),
  l2BatchU8: (q, nq, r, nr, dim, out = new Float32Array(nq * nr)) => (
    batch(sqL2F32, q, nq, r, nr, dim, out),
    out
  ),
  dotBatchU8U8: (q, nq, r, nr, dim, out = new Int32Array(nq * nr)) => (
    batch(intDot, q, nq, r, nr, dim, out),
    out
  ),
  l2BatchU8U8: (q, nq, r, nr, dim, out = new Int32Array(nq * nr)) => (
    batch(intL2, q, nq, r, nr, dim, out),
    out
  ),
  sqNorms: (r, nr, dim, out = new Float32Array(nr)) => {
    for (let j = 0; j < nr; j++) out[j] = dotF32(r, j * dim, r, j * dim, dim);
    return out;
  },
  decodeF16: (bits, out = new Float32Array(bits.length)) => {
    for (let i = 0; i < bits.length; i++) out[i] = halfToFloat(bits[i]!);
    return out;
  },
};
