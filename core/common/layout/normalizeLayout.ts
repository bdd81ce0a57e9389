/**
 * Centres a layout (n × dim, row-major) on its mean and scales it so its RMS radius is 0.4, so every
 * method's map fits the same view. In place; returns the same array.
 */
export function normalizeLayout(positions: Float32Array, dim: number): Float32Array {
  const n = Math.floor(positions.length / dim);
  if (n === 0) return positions;
  const mean = new Float64Array(dim);
  for (let i = 0; i < n; i++) for (let c = 0; c < dim; c++) mean[c]! += positions[i * dim + c]!;
  for (let c = 0; c < dim; c++) mean[c]! /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < dim; c++) ss += (positions[i * dim + c]! - mean[c]!) ** 2;
  }
  const scale = ss > 0 ? 0.4 / Math.sqrt(ss / n) : 1;
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < dim; c++) positions[i * dim + c] = (positions[i * dim + c]! - mean[c]!) * scale;
  }
  return positions;
}
