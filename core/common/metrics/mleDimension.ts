/**
 * Levina–Bickel maximum-likelihood intrinsic dimension with the MacKay–Ghahramani combination: per
 * point m̂ = (k − 1) / Σ_{j<k} ln(T_k / T_j) over its k nearest strictly positive neighbour distances
 * T_1 ≤ … ≤ T_k (plain, not squared; `dists` is n × k row-major), then the harmonic mean over points.
 */
export function mleDimension(dists: ArrayLike<number>, n: number, k: number): number {
  let invSum = 0;
  let count = 0;
  for (let i = 0; i < n; i++) {
    const tk = dists[i * k + k - 1]!;
    if (!(dists[i * k]! > 0)) continue;
    let s = 0;
    for (let j = 0; j < k - 1; j++) s += Math.log(tk / dists[i * k + j]!);
    if (s > 0) {
      invSum += s / (k - 1);
      count++;
    }
  }
  return count > 0 && invSum > 0 ? count / invSum : NaN;
}
