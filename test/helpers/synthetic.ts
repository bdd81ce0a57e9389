import { Rng } from '../../core/common/random.js';
import type { Matrix } from '../../core/common/types.js';

/**
 * n points on a random `intrinsic`-dimensional linear subspace of R^dim (Gaussian coordinates with
 * standard deviations `scales`), plus isotropic Gaussian noise of standard deviation `noise`, shifted
 * by `offset` in every coordinate. Returns the points and the orthonormal basis (intrinsic × dim rows).
 */
export function plantedSubspace(
  n: number,
  dim: number,
  scales: number[],
  noise: number,
  seed: number,
  offset = 0,
): { matrix: Matrix; basis: Float64Array } {
  const rng = new Rng(seed);
  const k = scales.length;
  const basis = new Float64Array(k * dim);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < dim; j++) basis[i * dim + j] = rng.gaussian();
    for (let p = 0; p < i; p++) {
      let dot = 0;
      for (let j = 0; j < dim; j++) dot += basis[i * dim + j]! * basis[p * dim + j]!;
      for (let j = 0; j < dim; j++) basis[i * dim + j]! -= dot * basis[p * dim + j]!;
    }
    let s = 0;
    for (let j = 0; j < dim; j++) s += basis[i * dim + j]! ** 2;
    for (let j = 0; j < dim; j++) basis[i * dim + j]! /= Math.sqrt(s);
  }
  const data = new Float32Array(n * dim);
  for (let r = 0; r < n; r++) {
    for (let i = 0; i < k; i++) {
      const c = rng.gaussian() * scales[i]!;
      for (let j = 0; j < dim; j++) data[r * dim + j]! += c * basis[i * dim + j]!;
    }
    for (let j = 0; j < dim; j++) data[r * dim + j]! += noise * rng.gaussian() + offset;
  }
  return { matrix: { data, n, dim }, basis };
}

/** n standard Gaussian rows of dimension dim. */
export function gaussianMatrix(n: number, dim: number, seed: number): Matrix {
  const rng = new Rng(seed);
  return { data: Float32Array.from({ length: n * dim }, () => rng.gaussian()), n, dim };
}
