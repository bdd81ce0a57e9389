import { gemmWasm } from '../wasm/linalgKernel.js';

/** Below this many multiply-adds the plain loop is faster than copying into wasm memory. */
const WASM_MIN_WORK = 32_768;

/** C = A · B, row-major float64, plain TypeScript (the reference for the wasm kernel). New array. */
export function matmulReference(
  a: Float64Array,
  b: Float64Array,
  m: number,
  k: number,
  n: number,
): Float64Array {
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    const co = i * n;
    for (let p = 0; p < k; p++) {
      const v = a[i * k + p]!;
      if (v === 0) continue;
      const bo = p * n;
      for (let j = 0; j < n; j++) c[co + j]! += v * b[bo + j]!;
    }
  }
  return c;
}

/** C = A · B for row-major float64 A (m × k), B (k × n). Returns a new array owned by the caller. */
export function matmul(a: Float64Array, b: Float64Array, m: number, k: number, n: number): Float64Array {
  return m * k * n >= WASM_MIN_WORK ? gemmWasm(a, b, m, k, n) : matmulReference(a, b, m, k, n);
}

/** The transpose of a row-major m × n matrix (a new n × m array). */
export function transpose(a: Float64Array, m: number, n: number): Float64Array {
  const t = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) t[j * m + i] = a[i * n + j]!;
  return t;
}

/** C = Aᵀ · B for row-major A (k × m) and B (k × n). New m × n array. */
export function matmulTN(a: Float64Array, b: Float64Array, k: number, m: number, n: number): Float64Array {
  return matmul(transpose(a, k, m), b, m, k, n);
}

/** tr(Aᵀ B) = Σ a_ij b_ij for equally shaped matrices. */
export function frobeniusDot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}
