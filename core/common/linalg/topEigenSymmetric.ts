import { Rng } from '../random.js';
import { choleskyQr2 } from './choleskyQr.js';
import { eigenSymmetric, type SymmetricEigen } from './eigenSymmetric.js';
import { matmul, transpose } from './matmul.js';
import { orthonormalizeRows } from './orthonormalizeRows.js';

export interface TopEigenOptions {
  seed?: number | undefined;
  /** Stop when every wanted residual ‖Az − θz‖ ≤ tol · θ₁. */
  tol?: number | undefined;
  maxIterations?: number | undefined;
  /** Warm start: rows (each of length n) to begin the subspace with, e.g. the vectors of a nearby problem. */
  start?: Float64Array | undefined;
}

/**
 * The k largest eigenpairs of a symmetric positive semi-definite n × n matrix by block subspace
 * iteration with Rayleigh–Ritz (block size k + max(8, k/2)), for large n where the dense solver's
 * O(n³) cost is too high. Returns values (k, largest first), vectors (k × n rows) and the number of
 * iterations, and whether the residuals met the tolerance within maxIterations (the caller may then
 * fall back to the dense solver). The products use the wasm GEMM.
 */
export function topEigenSymmetric(
  a: Float64Array,
  n: number,
  k: number,
  opts: TopEigenOptions = {},
): SymmetricEigen & { iterations: number; converged: boolean } {
  const p = Math.min(n, k + Math.max(8, Math.ceil(k / 2)));
  if (p >= n || n <= 64) {
    const full = eigenSymmetric(a, n);
    return {
      values: full.values.slice(0, k),
      vectors: full.vectors.slice(0, k * n),
      iterations: 0,
      converged: true,
    };
  }
  const rng = new Rng(opts.seed ?? 1);
  const randomRow = (): Float64Array => Float64Array.from({ length: n }, () => rng.gaussian());
  const tol = opts.tol ?? 1e-7;
  const maxIterations = opts.maxIterations ?? 1000;
  let V: Float64Array = new Float64Array(p * n);
  const start = opts.start;
  for (let i = 0; i < p; i++)
    V.set(start && (i + 1) * n <= start.length ? start.subarray(i * n, (i + 1) * n) : randomRow(), i * n);
  orthonormalizeRows(V, p, n, randomRow);
  let values: Float64Array = new Float64Array(k);
  let Z: Float64Array = V;
  for (let it = 1; it <= maxIterations; it++) {
    const Y = matmul(V, a, p, n, n); // rows of V·A = (A·v_i)ᵀ since A is symmetric
    const H = matmul(Y, transpose(V, p, n), p, n, p);
    for (let i = 0; i < p; i++)
      for (let j = i + 1; j < p; j++) H[i * p + j] = H[j * p + i] = 0.5 * (H[i * p + j]! + H[j * p + i]!);
    const small = eigenSymmetric(H, p);
    Z = matmul(small.vectors, V, p, p, n);
    const AZ = matmul(small.vectors, Y, p, p, n);
    values = small.values.slice(0, k);
    const scale = Math.max(Math.abs(small.values[0]!), 1e-300);
    let worst = 0;
    for (let i = 0; i < k; i++) {
      let r = 0;
      for (let j = 0; j < n; j++) r += (AZ[i * n + j]! - small.values[i]! * Z[i * n + j]!) ** 2;
      worst = Math.max(worst, Math.sqrt(r));
    }
    if (worst <= tol * scale) return { values, vectors: Z.slice(0, k * n), iterations: it, converged: true };
    const q = choleskyQr2(AZ, p, n);
    if (q) V = q;
    else {
      V = AZ;
      orthonormalizeRows(V, p, n, randomRow);
    }
  }
  return { values, vectors: Z.slice(0, k * n), iterations: maxIterations, converged: false };
}
