import { gaussian } from './rng.js';

/** A random D × D orthogonal matrix (Gaussian entries, Gram–Schmidt), row-major. */
export function randomOrthogonal(D: number, rand: () => number): Float64Array {
  const a = new Float64Array(D * D);
  for (let i = 0; i < a.length; i++) a[i] = gaussian(rand);
  orthonormalizeColumns(a, D, 0, rand);
  return a;
}

/** Modified Gram–Schmidt on columns from..D−1 of a row-major D × D matrix, keeping columns < from as
 * they are (assumed orthonormal); a column that collapses is replaced by a random one. */
function orthonormalizeColumns(a: Float64Array, D: number, from: number, rand: () => number): void {
  for (let c = from; c < D; c++) {
    for (let attempt = 0; ; attempt++) {
      for (let p = 0; p < c; p++) {
        let dot = 0;
        for (let r = 0; r < D; r++) dot += a[r * D + c]! * a[r * D + p]!;
        for (let r = 0; r < D; r++) a[r * D + c]! -= dot * a[r * D + p]!;
      }
      let norm = 0;
      for (let r = 0; r < D; r++) norm += a[r * D + c]! ** 2;
      norm = Math.sqrt(norm);
      if (norm > 1e-8 || attempt > 3) {
        for (let r = 0; r < D; r++) a[r * D + c]! /= norm || 1;
        break;
      }
      for (let r = 0; r < D; r++) a[r * D + c] = gaussian(rand);
    }
  }
}

/**
 * Eigen-decomposition of a symmetric D × D matrix by cyclic Jacobi rotations: returns eigenvalues
 * (descending) and eigenvectors as the columns of a row-major D × D matrix. O(D³) per sweep, meant
 * for D up to a few hundred.
 */
function symmetricEigen(sym: Float64Array, D: number): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(sym);
  const v = new Float64Array(D * D);
  for (let i = 0; i < D; i++) v[i * D + i] = 1;
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    let diag = 0;
    for (let p = 0; p < D; p++) {
      diag += a[p * D + p]! ** 2;
      for (let q = p + 1; q < D; q++) off += a[p * D + q]! ** 2;
    }
    if (off <= 1e-22 * diag || off === 0) break;
    for (let p = 0; p < D - 1; p++) {
      for (let q = p + 1; q < D; q++) {
        const apq = a[p * D + q]!;
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (a[q * D + q]! - a[p * D + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < D; k++) {
          const akp = a[k * D + p]!;
          const akq = a[k * D + q]!;
          a[k * D + p] = c * akp - s * akq;
          a[k * D + q] = s * akp + c * akq;
        }
        for (let k = 0; k < D; k++) {
          const apk = a[p * D + k]!;
          const aqk = a[q * D + k]!;
          a[p * D + k] = c * apk - s * aqk;
          a[q * D + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < D; k++) {
          const vkp = v[k * D + p]!;
          const vkq = v[k * D + q]!;
          v[k * D + p] = c * vkp - s * vkq;
          v[k * D + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: D }, (_, i) => i).sort((x, y) => a[y * D + y]! - a[x * D + x]!);
  const values = new Float64Array(D);
  const vectors = new Float64Array(D * D);
  order.forEach((src, dst) => {
    values[dst] = a[src * D + src]!;
    for (let r = 0; r < D; r++) vectors[r * D + dst] = v[r * D + src]!;
  });
  return { values, vectors };
}

/**
 * The orthogonal polar factor U Vᵀ of a D × D matrix M = U Σ Vᵀ (the solution of orthogonal
 * Procrustes), from the eigen-decomposition of MᵀM. Directions with a (near) zero singular value are
 * completed to an orthonormal basis.
 */
export function polarFactor(M: Float64Array, D: number, rand: () => number): Float64Array {
  const mtm = new Float64Array(D * D);
  for (let i = 0; i < D; i++)
    for (let j = i; j < D; j++) {
      let s = 0;
      for (let r = 0; r < D; r++) s += M[r * D + i]! * M[r * D + j]!;
      mtm[i * D + j] = s;
      mtm[j * D + i] = s;
    }
  const { values, vectors: V } = symmetricEigen(mtm, D);
  const U = new Float64Array(D * D);
  const top = Math.max(values[0]!, 0);
  let rank = 0;
  for (let c = 0; c < D; c++) {
    const sigma = Math.sqrt(Math.max(values[c]!, 0));
    if (sigma <= 1e-7 * Math.sqrt(top) || sigma === 0) break;
    for (let r = 0; r < D; r++) {
      let s = 0;
      for (let k = 0; k < D; k++) s += M[r * D + k]! * V[k * D + c]!;
      U[r * D + c] = s / sigma;
    }
    rank++;
  }
  // Re-orthonormalize (rounding) and complete the null space.
  for (let c = rank; c < D; c++) for (let r = 0; r < D; r++) U[r * D + c] = gaussian(rand);
  orthonormalizeColumns(U, D, 0, rand);
  const out = new Float64Array(D * D);
  for (let i = 0; i < D; i++)
    for (let j = 0; j < D; j++) {
      let s = 0;
      for (let c = 0; c < D; c++) s += U[i * D + c]! * V[j * D + c]!;
      out[i * D + j] = s;
    }
  return out;
}
