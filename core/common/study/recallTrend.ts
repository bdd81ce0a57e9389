/** One measured point of a pipeline's recall against the number of base vectors. */
export interface RecallPoint {
  n: number;
  recall: number;
  /** The recall's 95 % bootstrap interval over the queries. */
  low: number;
  high: number;
}

/** Recall against ln n, fitted to measured points (fitRecallTrend), and its prediction at another count. */
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
/** The smallest miss rate a point is read as (a recall of exactly 1 has no logarithm). */
const MIN_MISS = 1e-4;
/** The smallest variance a point is given, so that a point measured at recall 1 (zero spread) does not
 * take all the weight. */
const MIN_VARIANCE = 1e-6;

/**
 * Predicts the recall at `at` vectors from recall measured at smaller counts, under two trends fitted by
 * weighted least squares against ln n: recall itself linear in ln n, and the miss rate a power of n
 * (ln(1 − recall) linear in ln n). On wordnet-use512 and Fashion-MNIST at recall above 0.9 the miss
 * rate follows the power law and recall falls faster than linearly in ln n; on weak graphs at lower
 * recall the power law overshoots and the truth lies between the two. So the prediction is the middle
 * of the two and its interval spans both models' intervals. Each point is weighted by the inverse
 * variance of its bootstrap interval (read as ±1.96 σ; carried to ln(1 − recall) by the delta method);
 * each model's covariance is scaled up by its reduced χ² when the points scatter more than their
 * intervals say, and its interval adds the noise of one new measurement, so the interval is where a
 * point measured at `at` should fall. `a` and `b` are the power law's: 1 − recall ≈ e^a · n^b.
 */
export function fitRecallTrend(points: readonly RecallPoint[], at: number): RecallTrend {
  const m = points.length;
  if (m < 2) throw new Error('a recall trend needs at least two points');
  const x0 = Math.log(at);
  const vrs = points.map((p) => Math.max(((p.high - p.low) / (2 * 1.96)) ** 2, MIN_VARIANCE));
  const meanVr = vrs.reduce((s, v) => s + v, 0) / m;
  const lin = fitLine(
    points.map((p, i) => ({ x: Math.log(p.n), y: p.recall, v: vrs[i]! })),
    x0,
  );
  const linHalf = 1.96 * Math.sqrt(lin.fitVar + meanVr);
  const pow = fitLine(
    points.map((p, i) => {
      // Recall 1 is read as a miss rate of MIN_MISS, with the weight the delta method gives it.
      const miss = Math.max(1 - p.recall, MIN_MISS);
      return { x: Math.log(p.n), y: Math.log(miss), v: vrs[i]! / (miss * miss) };
    }),
    x0,
  );
  const miss0 = Math.exp(pow.y0);
  const powHalf = 1.96 * Math.sqrt(pow.fitVar + meanVr / (miss0 * miss0));
  const predicted = (lin.y0 + (1 - miss0)) / 2;
  const low = Math.min(lin.y0 - linHalf, 1 - Math.exp(pow.y0 + powHalf));
  const high = Math.max(lin.y0 + linHalf, 1 - Math.exp(pow.y0 - powHalf));
  const half = (high - low) / 2;
  const scale = Math.min(lin.scale, pow.scale);
  const a = pow.a;
  const b = pow.b;
  const maxN = Math.max(...points.map((p) => p.n));
  const factor = at / maxN;
  const weak: string[] = [];
  if (m < 3) weak.push(`only ${m} measured sizes`);
  if (factor > WEAK_FACTOR)
    weak.push(
      `${factor.toFixed(0)}× beyond the largest measured size (${maxN}); the fit is trusted to ${WEAK_FACTOR}×`,
    );
  if (half > WEAK_HALF_WIDTH) weak.push(`the interval is ±${half.toFixed(3)} wide`);
  if (scale > 4) weak.push('the points scatter far more than their intervals (neither trend fits)');
  return {
    a,
    b,
    at,
    predicted: clamp01(predicted),
    low: clamp01(low),
    high: clamp01(high),
    factor,
    weak,
  };
}

/** Weighted least squares y = a + b·x, its value at x0, that value's variance and the χ² scale. */
function fitLine(
  pts: readonly { x: number; y: number; v: number }[],
  x0: number,
): { a: number; b: number; y0: number; fitVar: number; scale: number } {
  let sw = 0;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  for (const p of pts) {
    const w = 1 / p.v;
    sw += w;
    sx += w * p.x;
    sy += w * p.y;
    sxx += w * p.x * p.x;
    sxy += w * p.x * p.y;
  }
  const det = sw * sxx - sx * sx;
  const b = det > 0 ? (sw * sxy - sx * sy) / det : 0;
  const a = (sy - b * sx) / sw;
  let chi2 = 0;
  for (const p of pts) chi2 += (p.y - (a + b * p.x)) ** 2 / p.v;
  const scale = pts.length > 2 ? Math.max(1, chi2 / (pts.length - 2)) : 1;
  // (XᵀWX)⁻¹ = [[sxx, −sx], [−sx, sw]] / det, so var(a + b·x0) = (sxx − 2·x0·sx + x0²·sw) / det.
  const fitVar = det > 0 ? (scale * (sxx - 2 * x0 * sx + x0 * x0 * sw)) / det : Infinity;
  return { a, b, y0: a + b * x0, fitVar, scale };
}

function clamp01(x: number): number {
  return Math.min(1, Math.max(0, x));
}
