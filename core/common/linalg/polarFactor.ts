import type { Rng } from '../random.js';
import { eigenSymmetric } from './eigenSymmetric.js';
import { matmul, matmulTN, transpose } from './matmul.js';
import { orthonormalizeRows } from './orthonormalizeRows.js';

/**
 * The polar factor U Vᵀ of a D × d matrix G = U Σ Vᵀ (row-major, d ≤ D), from the d × d eigendecomposition
 * of GᵀG: U Vᵀ = G (GᵀG)^{-1/2}, the solution of orthogonal Procrustes. Directions with
 * σ² ≤ 1e-12·σ²_max are dropped (pseudo-inverse), so a rank-deficient G gives a partial isometry, a
 * valid spectral-ball LMO answer for LeanVec. With `complete`, the dropped directions are filled with
 * random orthonormal ones instead, so the result has orthonormal columns (OPQ needs a rotation).
 * Returns a new D × d array.
 */
export function polarFactor(g: Float64Array, D: number, d: number, complete?: Rng): Float64Array {
  const { values, vectors } = eigenSymmetric(matmulTN(g, g, D, d, d), d);
  const cutoff = Math.max(values[0]!, 0) * 1e-12;
  // Column i of G·V is G v_i; row i of Uᵀ is (G v_i)ᵀ / σ_i over the kept eigenpairs.
  const gv = matmul(g, transpose(vectors, d, d), D, d, d);
  const ut = new Float64Array(d * D);
  for (let i = 0; i < d; i++) {
    const l = values[i]!;
    if (!(l > cutoff) || l <= 0) continue;
    const w = 1 / Math.sqrt(l);
    for (let r = 0; r < D; r++) ut[i * D + r] = gv[r * d + i]! * w;
  }
  if (complete) orthonormalizeRows(ut, d, D, () => gaussianRow(D, complete));
  // U Vᵀ = Σ_i u_i v_iᵀ = (Uᵀ)ᵀ · (rows v_i)
  return matmulTN(ut, vectors, d, D, d);
}

/** A random D × D orthogonal matrix (Gaussian rows, orthonormalised), row-major. */
export function randomOrthogonal(D: number, rng: Rng): Float64Array {
  const a = new Float64Array(D * D);
  for (let i = 0; i < a.length; i++) a[i] = rng.gaussian();
  orthonormalizeRows(a, D, D, () => gaussianRow(D, rng));
  return a;
}

function gaussianRow(D: number, rng: Rng): Float64Array {
  return Float64Array.from({ length: D }, () => rng.gaussian());
}
