import { matmul, transpose } from './matmul.js';

/**
 * Orthonormalises the rows of a well-conditioned p × n matrix by CholeskyQR2: twice,
 * G = V Vᵀ = L Lᵀ and V ← L⁻¹ V, all products on the wasm GEMM. Returns the new matrix, or undefined
 * when G is not numerically positive definite (the caller then uses Gram–Schmidt).
 */
export function choleskyQr2(v: Float64Array, p: number, n: number): Float64Array | undefined {
  let cur = v;
  for (let pass = 0; pass < 2; pass++) {
    const g = matmul(cur, transpose(cur, p, n), p, n, p);
    const linv = inverseCholeskyFactor(g, p);
    if (!linv) return undefined;
    cur = matmul(linv, cur, p, p, n);
  }
  return cur;
}

/** L⁻¹ for G = L Lᵀ (lower triangular, p × p), or undefined if a pivot is not clearly positive. */
function inverseCholeskyFactor(g: Float64Array, p: number): Float64Array | undefined {
  const l = new Float64Array(p * p);
  let maxDiag = 0;
  for (let i = 0; i < p; i++) maxDiag = Math.max(maxDiag, g[i * p + i]!);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      let s = g[i * p + j]!;
      for (let k = 0; k < j; k++) s -= l[i * p + k]! * l[j * p + k]!;
      if (i === j) {
        if (!(s > 1e-10 * maxDiag)) return undefined;
        l[i * p + i] = Math.sqrt(s);
      } else l[i * p + j] = s / l[j * p + j]!;
    }
  }
  const inv = new Float64Array(p * p);
  for (let c = 0; c < p; c++) {
    inv[c * p + c] = 1 / l[c * p + c]!;
    for (let i = c + 1; i < p; i++) {
      let s = 0;
      for (let k = c; k < i; k++) s += l[i * p + k]! * inv[k * p + c]!;
      inv[i * p + c] = -s / l[i * p + i]!;
    }
  }
  return inv;
}
