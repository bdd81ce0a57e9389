import { eigenSymmetric } from './eigenSymmetric.js';
import { matmul, matmulTN } from './matmul.js';

/**
 * The polar factor U Vᵀ of a D × d matrix G = U Σ Vᵀ (row-major), via the d × d eigendecomposition of
 * GᵀG: U Vᵀ = G (GᵀG)^{-1/2}. Directions with σ² ≤ 1e-12·σ²_max are dropped (pseudo-inverse), so a
 * rank-deficient G gives a partial isometry, which is still a valid spectral-ball LMO answer.
 * Returns a new D × d array.
 */
export function polarFactor(g: Float64Array, D: number, d: number): Float64Array {
  const gtg = matmulTN(g, g, D, d, d);
  const { values, vectors } = eigenSymmetric(gtg, d);
  const cutoff = Math.max(values[0]!, 0) * 1e-12;
  // (GᵀG)^{-1/2} = Σ_i v_i v_iᵀ / √λ_i over the kept eigenpairs
  const inv = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    const l = values[i]!;
    if (!(l > cutoff) || l <= 0) continue;
    const w = 1 / Math.sqrt(l);
    for (let a = 0; a < d; a++) {
      const va = vectors[i * d + a]! * w;
      for (let b = 0; b < d; b++) inv[a * d + b]! += va * vectors[i * d + b]!;
    }
  }
  return matmul(g, inv, D, d, d);
}
