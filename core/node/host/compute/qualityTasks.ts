import { VecscopeError } from '../../../common/errors.js';
import { normalizeRows } from '../../../common/knn/normalizeRows.js';
import { mapQuality } from '../../../common/metrics/mapQuality.js';
import type { Task } from './tasks.js';

export interface MapQualityTaskParams {
  positions: Float32Array;
  dim: number;
  labels?: Int32Array;
}

export interface MapQualityTaskResult {
  evaluated: number;
  trustworthiness10: number;
  trustworthiness15: number;
  continuity10: number;
  continuity15: number;
  knnPreservation10: number;
  neighbourhoodHit10?: number;
  knnAccuracy10?: number;
}

/** Rows whose exact ranks the app's faithfulness figures average over: all up to 5,000, then a sample. */
export function qualitySampleSize(n: number): number {
  return n <= 5000 ? n : n <= 200000 ? 1000 : 500;
}

/**
 * Trustworthiness, continuity and k-NN preservation of a map of the data set (and the neighbourhood
 * hit when labels are given), from exact ranks in both spaces. Cosine and inner-product data are
 * ranked after normalisation, as the map's k-NN graph saw them.
 */
export const mapQualityTask: Task<MapQualityTaskParams, MapQualityTaskResult> = (ds, p, ctx) => {
  const { n } = ds.vectors;
  if (p.positions.length !== n * p.dim)
    throw new VecscopeError(`the map holds ${p.positions.length} values, not ${n} × ${p.dim}`);
  if (p.labels && p.labels.length !== n) throw new VecscopeError(`${p.labels.length} labels for ${n} points`);
  if (n < 32) throw new VecscopeError(`faithfulness needs at least 32 points, got ${n}`);
  ctx.progress(0.05, 'ranking neighbours in both spaces');
  const original = ds.metric === 'l2' ? ds.vectors : normalizeRows(ds.vectors);
  // A missing value (−1) counts as a class of its own, like any other category.
  const labels = p.labels;
  const q = mapQuality(
    original,
    { data: p.positions, n, dim: p.dim },
    { sample: qualitySampleSize(n), seed: 1, ...(labels ? { labels } : {}) },
  );
  ctx.throwIfCancelled();
  return {
    evaluated: q.evaluated,
    trustworthiness10: q.trustworthiness[10]!,
    trustworthiness15: q.trustworthiness[15]!,
    continuity10: q.continuity[10]!,
    continuity15: q.continuity[15]!,
    knnPreservation10: q.knnPreservation[10]!,
    ...(q.neighbourhoodHit ? { neighbourhoodHit10: q.neighbourhoodHit[10]! } : {}),
    ...(q.knnAccuracy ? { knnAccuracy10: q.knnAccuracy[10]! } : {}),
  };
};
