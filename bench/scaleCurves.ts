// Comparing recall-vs-q/s curves at equal recall, and how a cost grows with n (bench:scale).

export interface CurvePoint {
  recall: number;
  qps: number;
}

/**
 * Single-thread q/s at `target` recall, interpolated linearly in recall and in log q/s between the two
 * measured windows that bracket it (q/s falls roughly geometrically as the window doubles). `null` when
 * no window reaches the target; `atLeast` when even the smallest window is above it (its q/s is then a
 * lower bound).
 */
export function qpsAtRecall(points: CurvePoint[], target: number): { qps: number; atLeast: boolean } | null {
  const sorted = [...points].sort((a, b) => a.recall - b.recall || b.qps - a.qps);
  if (sorted.length === 0 || sorted[sorted.length - 1]!.recall < target) return null;
  if (sorted[0]!.recall >= target) {
    // Every point reaches it: the fastest of them.
    return { qps: Math.max(...sorted.map((p) => p.qps)), atLeast: true };
  }
  for (let i = 1; i < sorted.length; i++) {
    const hi = sorted[i]!;
    if (hi.recall < target) continue;
    const lo = sorted[i - 1]!;
    const t = hi.recall > lo.recall ? (target - lo.recall) / (hi.recall - lo.recall) : 1;
    const logQps = Math.log(lo.qps) + t * (Math.log(hi.qps) - Math.log(lo.qps));
    // A faster point further up the curve (noise) also reaches the target.
    const faster = Math.max(...sorted.slice(i).map((p) => p.qps));
    return { qps: Math.max(Math.exp(logQps), faster), atLeast: false };
  }
  return null;
}

/** Least-squares slope of log(y) against log(n): cost ∝ n^slope. Null with fewer than two sizes. */
export function growthExponent(ns: number[], ys: number[]): number | null {
  const pts = ns
    .map((n, i) => [Math.log(n), Math.log(ys[i]!)] as const)
    .filter(([, y]) => Number.isFinite(y));
  if (pts.length < 2) return null;
  const mx = pts.reduce((s, p) => s + p[0], 0) / pts.length;
  const my = pts.reduce((s, p) => s + p[1], 0) / pts.length;
  let sxy = 0;
  let sxx = 0;
  for (const [x, y] of pts) {
    sxy += (x - mx) * (y - my);
    sxx += (x - mx) * (x - mx);
  }
  return sxx > 0 ? sxy / sxx : null;
}
