import { ensureMemory, instantiateWasm } from './wasmModules.js';

type GramFn = (x: number, rows: number, dp: number, acc: number) => void;
type GemmFn = (a: number, b: number, c: number, rows: number, k: number, n: number) => void;

/** One instance of core/wasm/linalg.ts with its own linear memory, grown on demand. */
class LinalgInstance {
  readonly memory: WebAssembly.Memory;
  readonly base: number;
  readonly gram: GramFn;
  readonly gemm: GemmFn;

  constructor() {
    const w = instantiateWasm<{
      memory: WebAssembly.Memory;
      heapBase(): number;
      gramF32: GramFn;
      gemmF64: GemmFn;
    }>('linalg');
    this.memory = w.memory;
    // 64-byte aligned: the Gram kernel's row blocks start on cache lines.
    this.base = Math.ceil(w.heapBase() / 64) * 64;
    this.gram = w.gramF32;
    this.gemm = w.gemmF64;
  }

  /** Makes sure `bytes` bytes above the heap base are addressable. */
  reserve(bytes: number): void {
    ensureMemory(this.memory, this.base + bytes);
  }
}

/** Rows per kernel call (and per float32 partial sum) in the Gram accumulation. */
const GRAM_BLOCK_ROWS = 128;

/**
 * Accumulates Σ (x − shift)(x − shift)ᵀ and Σ (x − shift) over rows in float64, using the SIMD
 * kernel: each block of GRAM_BLOCK_ROWS rows is summed in float32 and then added in float64
 * (mixed precision; the shift keeps the float32 terms small). Owns one wasm instance.
 */
export class GramAccumulator {
  readonly dim: number;
  readonly dimPadded: number;
  /** Rows added so far. */
  count = 0;
  /** Σ (x − shift), float64. */
  readonly sums: Float64Array;
  private readonly wasm = new LinalgInstance();
  private readonly accPtr: number;
  private readonly blockPtr: number;

  constructor(
    dim: number,
    /** Subtracted from every row before accumulation (a rough mean); zeros if absent. */
    readonly shift: Float64Array = new Float64Array(dim),
    /** L2-normalise each row first (cosine). */
    readonly normalize = false,
  ) {
    this.dim = dim;
    this.dimPadded = Math.ceil(dim / 8) * 8;
    this.sums = new Float64Array(dim);
    const accBytes = this.dimPadded * this.dimPadded * 8;
    this.accPtr = this.wasm.base;
    this.blockPtr = this.wasm.base + accBytes;
    this.wasm.reserve(accBytes + GRAM_BLOCK_ROWS * this.dimPadded * 4);
    new Float64Array(this.wasm.memory.buffer, this.accPtr, this.dimPadded * this.dimPadded).fill(0);
  }

  /** Adds rows [start, end) of a row-major n × dim array. */
  add(data: Float32Array, start: number, end: number): void {
    const D = this.dim;
    const Dp = this.dimPadded;
    for (let r0 = start; r0 < end; r0 += GRAM_BLOCK_ROWS) {
      const rows = Math.min(GRAM_BLOCK_ROWS, end - r0);
      const block = new Float32Array(this.wasm.memory.buffer, this.blockPtr, rows * Dp);
      block.fill(0);
      for (let r = 0; r < rows; r++) {
        const src = (r0 + r) * D;
        let scale = 1;
        if (this.normalize) {
          let s = 0;
          for (let j = 0; j < D; j++) s += data[src + j]! * data[src + j]!;
          scale = s > 0 ? 1 / Math.sqrt(s) : 0;
        }
        const o = r * Dp;
        for (let j = 0; j < D; j++) {
          const v = data[src + j]! * scale - this.shift[j]!;
          block[o + j] = v;
          this.sums[j]! += v;
        }
      }
      this.wasm.gram(this.blockPtr, rows, Dp, this.accPtr);
      this.count += rows;
    }
  }

  /** Σ (x − shift)(x − shift)ᵀ as a full symmetric dim × dim float64 matrix (a new array). */
  outer(): Float64Array {
    const D = this.dim;
    const Dp = this.dimPadded;
    const acc = new Float64Array(this.wasm.memory.buffer, this.accPtr, Dp * Dp);
    const out = new Float64Array(D * D);
    for (let i = 0; i < D; i++) {
      for (let j = i; j < D; j++) {
        const v = acc[i * Dp + j]!;
        out[i * D + j] = v;
        out[j * D + i] = v;
      }
    }
    return out;
  }
}

let gemmInstance: LinalgInstance | undefined;

/** Rows of the left factor per kernel call, so that no single call runs long. */
const GEMM_ROWS_PER_CALL = 32;

/**
 * C = A · B for row-major float64 A (m × k) and B (k × n), with the SIMD kernel. Returns a new m × n
 * array owned by the caller. Uses one shared instance per realm (the call is synchronous).
 */
export function gemmWasm(a: Float64Array, b: Float64Array, m: number, k: number, n: number): Float64Array {
  gemmInstance ??= new LinalgInstance();
  const w = gemmInstance;
  const np = Math.ceil(n / 4) * 4;
  const aBytes = m * k * 8;
  const bBytes = k * np * 8;
  const cBytes = m * np * 8;
  w.reserve(aBytes + bBytes + cBytes);
  const aPtr = w.base;
  const bPtr = aPtr + aBytes;
  const cPtr = bPtr + bBytes;
  const buf = w.memory.buffer;
  new Float64Array(buf, aPtr, m * k).set(a.subarray(0, m * k));
  const bv = new Float64Array(buf, bPtr, k * np);
  if (np === n) bv.set(b.subarray(0, k * n));
  else {
    bv.fill(0);
    for (let p = 0; p < k; p++) bv.set(b.subarray(p * n, p * n + n), p * np);
  }
  const cv = new Float64Array(buf, cPtr, m * np);
  cv.fill(0);
  for (let i = 0; i < m; i += GEMM_ROWS_PER_CALL) {
    const rows = Math.min(GEMM_ROWS_PER_CALL, m - i);
    w.gemm(aPtr + i * k * 8, bPtr, cPtr + i * np * 8, rows, k, np);
  }
  const out = new Float64Array(m * n);
  if (np === n) out.set(cv);
  else for (let i = 0; i < m; i++) out.set(cv.subarray(i * np, i * np + n), i * n);
  return out;
}
