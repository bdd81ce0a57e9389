/**
 * TwoNN intrinsic dimension (Facco et al. 2017) from each point's two nearest strictly positive
 * neighbour distances r1 ≤ r2 (plain, not squared): μ = r2/r1, the largest `discardFraction` of the
 * sorted μ dropped, and d = Σ xy / Σ x² for x = ln μ_(i), y = −ln(1 − i/N) (a fit through the origin).
 */
export function twoNn(r1: ArrayLike<number>, r2: ArrayLike<number>, discardFraction = 0.1): number {
  const mu: number[] = [];
  for (let i = 0; i < r1.length; i++) if (r1[i]! > 0 && r2[i]! >= r1[i]!) mu.push(r2[i]! / r1[i]!);
  mu.sort((a, b) => a - b);
  const N = mu.length;
  const keep = Math.floor(N * (1 - discardFraction));
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < keep; i++) {
    const x = Math.log(mu[i]!);
    const y = -Math.log(1 - (i + 1) / N);
    sxy += x * y;
    sxx += x * x;
  }
  return sxx > 0 ? sxy / sxx : NaN;
}
