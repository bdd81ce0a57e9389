/** One measured point of a pipeline's recall against the number of base vectors. */
export interface RecallPoint {
  n: number;
  recall: number;
  /** The recall's 95 % bootstrap interval over the queries. */
  low: number;
  high: number;
}

/** recall ≈ a + b·ln(n), fitted to measured points, and its prediction at another count. */
export interface RecallTrend {
  a: number;
  b: number;
  /** The count predicted at. */
  at: number;
  predicted: number;
  /** 95 % interval of a recall measured at `at` (the fit's uncertainty and the measurement's own). */
  low: number;
  high: number;
  /** How far beyond the largest measured count the prediction reaches (at / max n; ≤ 1 inside). */
  factor: number;
  /** Why the extrapolation should not be trusted, when it should not (empty: it is not weak). */
  weak: string[];
}

/** Beyond this factor of the largest measured count, or with a wider interval, a prediction is weak. */
const WEAK_FACTOR = 8;
const WEAK_HALF_WIDTH = 0.05;
/** The smallest variance a point is given, so that a point measured at recall 1 (zero spread) does not
 * take all the weight. */
const MIN_VARIANCE = 1e-6;

/**
 * Fits recall = a + b·ln(n) by weighted least squares (each point weighted by the inverse variance of
 * its bootstrap interval, read as ±1.96 σ) and predicts the recall at `at` vectors. A graph's recall
 * falls roughly linearly in ln(n) at fixed search settings, as its search path lengthens by a constant
 * number of hops each time n grows by a constant factor. The parameters' covariance is scaled up by
 * the reduced χ² when the points scatter more than their intervals say, and the interval adds the
 * noise of one new measurement, so it is the interval a measured point should fall in.
 */
export function fitRecallTrend(points: readonly RecallPoint[], at: number): RecallTrend {
  const m = points.length;
  if (m < 2) throw new Error('a recall trend needs at least two points');
  let sw = 0;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  let meanVar = 0;
  for (const p of points) {
    const v = Math.max(((p.high - p.low) / (2 * 1.96)) ** 2, MIN_VARIANCE);
    const w = 1 / v;
    const x = Math.log(p.n);
    sw += w;
    sx += w * x;
    sy += w * p.recall;
    sxx += w * x * x;
    sxy += w * x * p.recall;
    meanVar += v / m;
  }
  const det = sw * sxx - sx * sx;
  const b = det > 0 ? (sw * sxy - sx * sy) / det : 0;
  const a = (sy - b * sx) / sw;
  let chi2 = 0;
  for (const p of points) {
    const v = Math.max(((p.high - p.low) / (2 * 1.96)) ** 2, MIN_VARIANCE);
    chi2 += (p.recall - (a + b * Math.log(p.n))) ** 2 / v;
  }
  const scale = m > 2 ? Math.max(1, chi2 / (m - 2)) : 1;
  const x0 = Math.log(at);
  // (XᵀWX)⁻¹ = [[sxx, −sx], [−sx, sw]] / det, so var(a + b·x0) = (sxx − 2·x0·sx + x0²·sw) / det.
  const fitVar = det > 0 ? (scale * (sxx - 2 * x0 * sx + x0 * x0 * sw)) / det : Infinity;
  const predicted = a + b * x0;
  const half = 1.96 * Math.sqrt(fitVar + meanVar);
  const maxN = Math.max(...points.map((p) => p.n));
  const factor = at / maxN;
  const weak: string[] = [];
  if (m < 3) weak.push(`only ${m} measured sizes`);
  if (factor > WEAK_FACTOR)
    weak.push(
      `${factor.toFixed(0)}× beyond the largest measured size (${maxN}); the fit is trusted to ${WEAK_FACTOR}×`,
    );
  if (half > WEAK_HALF_WIDTH) weak.push(`the interval is ±${half.toFixed(3)} wide`);
  if (scale > 4) weak.push('the points scatter far more than their intervals (not a ln n trend)');
  return {
    a,
    b,
    at,
    predicted: clamp01(predicted),
    low: clamp01(predicted - half),
    high: clamp01(predicted + half),
    factor,
    weak,
  };
}

function clamp01(x: number): number {
  return Math.min(1, Math.max(0, x));
}
