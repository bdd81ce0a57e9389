import type { Matrix } from '../../core/common/types.js';
import { plantedSubspace } from './fixtures.js';

/**
 * A seeded out-of-distribution case for LeanVec: 3,000 base rows in 48-d whose variance lies mostly in
 * 8 planted directions the queries do not look at (so PCA keeps the wrong axes), and queries in the
 * span of 8 low-variance planted directions. Returns learning (300) and evaluation (200) queries.
 */
export function oodCase(seed: number): { base: Matrix; learn: Matrix; evaluate: Matrix } {
  const dim = 48;
  const scales = [...Array(8).fill(4), ...Array(8).fill(1)];
  const { matrix: base, basis } = plantedSubspace(3000, dim, scales, 0.2, seed);
  const queries = (n: number, s: number): Matrix => {
    const { matrix } = plantedSubspace(n, dim, Array(8).fill(0.01), 0.05, s);
    // queries live in the span of the low-variance planted directions (basis rows 8..15)
    const data = matrix.data;
    for (let r = 0; r < n; r++)
      for (let i = 8; i < 16; i++) {
        const c = Math.sin(r * 7.1 + i * 3.3) * 2;
        for (let j = 0; j < dim; j++) data[r * dim + j]! += c * basis[i * dim + j]!;
      }
    return matrix;
  };
  return { base, learn: queries(300, seed + 100), evaluate: queries(200, seed + 200) };
}
