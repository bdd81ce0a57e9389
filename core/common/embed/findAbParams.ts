/**
 * Fits UMAP's low-dimensional similarity 1 / (1 + a·x^(2b)) to the target curve
 * (1 for x < minDist, exp(−(x − minDist)/spread) beyond) by least squares on 300 points of
 * [0, 3·spread] (Levenberg–Marquardt in (a, b)). minDist 0.1, spread 1 gives a ≈ 1.577, b ≈ 0.895.
 */
export function findAbParams(spread: number, minDist: number): { a: number; b: number } {
  const m = 300;
  const xs = new Float64Array(m);
  const ys = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const x = (3 * spread * i) / (m - 1);
    xs[i] = x;
    ys[i] = x < minDist ? 1 : Math.exp(-(x - minDist) / spread);
  }
  const loss = (a: number, b: number): number => {
    let s = 0;
    for (let i = 0; i < m; i++) {
      const r = 1 / (1 + a * xs[i]! ** (2 * b)) - ys[i]!;
      s += r * r;
    }
    return s;
  };
  let a = 1;
  let b = 1;
  let lambda = 1e-3;
  let cur = loss(a, b);
  for (let it = 0; it < 200; it++) {
    // Normal equations JᵀJ δ = −Jᵀr for the 2 parameters.
    let jaa = 0;
    let jab = 0;
    let jbb = 0;
    let ga = 0;
    let gb = 0;
    for (let i = 0; i < m; i++) {
      const x = xs[i]!;
      const p = x > 0 ? x ** (2 * b) : 0;
      const den = 1 + a * p;
      const f = 1 / den;
      const r = f - ys[i]!;
      const da = -p / (den * den);
      const db = x > 0 ? (-a * p * 2 * Math.log(x)) / (den * den) : 0;
      jaa += da * da;
      jab += da * db;
      jbb += db * db;
      ga += da * r;
      gb += db * r;
    }
    let improved = false;
    for (let tries = 0; tries < 20 && !improved; tries++) {
      const A = jaa * (1 + lambda);
      const B = jbb * (1 + lambda);
      const det = A * B - jab * jab;
      if (!(Math.abs(det) > 0)) break;
      const stepA = -(B * ga - jab * gb) / det;
      const stepB = -(A * gb - jab * ga) / det;
      const na = a + stepA;
      const nb = b + stepB;
      const nl = na > 0 && nb > 0 ? loss(na, nb) : Infinity;
      if (nl < cur) {
        const rel = (cur - nl) / Math.max(cur, 1e-300);
        a = na;
        b = nb;
        cur = nl;
        lambda = Math.max(lambda / 10, 1e-12);
        improved = true;
        if (rel < 1e-12) return { a, b };
      } else lambda *= 10;
    }
    if (!improved) break;
  }
  return { a, b };
}
