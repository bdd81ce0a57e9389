/**
 * The distance kernels, implemented twice with identical results: by WebAssembly SIMD (`Kernels`) and
 * in plain TypeScript (`referenceKernels`). Every method computes nq queries × nr rows, row-major
 * (out[i·nr + j] for query i and row j); `dot` is the inner product, `l2` the squared Euclidean distance
 * computed from the differences. A single query is the case nq = 1. When `out` is given it must hold
 * nq·nr values and is returned; otherwise the caller owns a fresh array.
 */
export interface KernelSet {
  dotBatch(
    queries: Float32Array,
    nq: number,
    rows: Float32Array,
    nr: number,
    dim: number,
    out?: Float32Array,
  ): Float32Array;
  l2Batch(
    queries: Float32Array,
    nq: number,
    rows: Float32Array,
    nr: number,
    dim: number,
    out?: Float32Array,
  ): Float32Array;
  /** Rows stored as IEEE half-precision bits. */
  dotBatchF16(
    queries: Float32Array,
    nq: number,
    rows: Uint16Array,
    nr: number,
    dim: number,
    out?: Float32Array,
  ): Float32Array;
  l2BatchF16(
    queries: Float32Array,
    nq: number,
    rows: Uint16Array,
    nr: number,
    dim: number,
    out?: Float32Array,
  ): Float32Array;
  /** Rows stored as bytes 0..255. */
  dotBatchU8(
    queries: Float32Array,
    nq: number,
    rows: Uint8Array,
    nr: number,
    dim: number,
    out?: Float32Array,
  ): Float32Array;
  l2BatchU8(
    queries: Float32Array,
    nq: number,
    rows: Uint8Array,
    nr: number,
    dim: number,
    out?: Float32Array,
  ): Float32Array;
  /** Byte queries against byte rows in exact integer arithmetic (exact while dim ≤ 33,025). */
  dotBatchU8U8(
    queries: Uint8Array,
    nq: number,
    rows: Uint8Array,
    nr: number,
    dim: number,
    out?: Int32Array,
  ): Int32Array;
  l2BatchU8U8(
    queries: Uint8Array,
    nq: number,
    rows: Uint8Array,
    nr: number,
    dim: number,
    out?: Int32Array,
  ): Int32Array;
  /** out[j] = ‖r_j‖². */
  sqNorms(rows: Float32Array, nr: number, dim: number, out?: Float32Array): Float32Array;
  /** Half-precision bits to float32, exactly (subnormals, infinities and NaN included). */
  decodeF16(bits: Uint16Array, out?: Float32Array): Float32Array;
}
