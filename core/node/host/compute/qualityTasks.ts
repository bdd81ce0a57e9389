import { VecscopeError } from '../../../common/errors.js';
import { normalizeRows } from '../../../common/knn/normalizeRows.js';
import { mapQuality, mapQualityFigures, type MapQualityFigures } from '../../../common/metrics/mapQuality.js';
import { exactSelfKnn } from '../../../common/embed/selfKnn.js';
import { MAP_PAINT_LIMIT } from '../../../common/rpc/protocol.js';
import { cachedSelfKnn } from './cachedSelfKnn.js';
import type { ComputeDataset, Task, TaskContext } from './tasks.js';

export interface MapQualityTaskParams {
  positions: Float32Array;
  dim: number;
  labels?: Int32Array;
  perPoint?: boolean;
}

export type MapQualityTaskResult = MapQualityFigures & { lost?: Float32Array };

/**
 * For every point, the share of its 10 nearest neighbours (exact, in the data set's metric: the graph
 * the map was built from, cached as 'selfKnn') that are not among its 10 nearest on the map.
 */
function lostNeighbours(
  ds: ComputeDataset,
  positions: Float32Array,
  dim: number,
  ctx: TaskContext,
): Float32Array {
  const { n } = ds.vectors;
  const k = Math.min(10, n - 1);
  const truth = cachedSelfKnn(ds, k, ctx, [0.6, 0.95]);
  const onMap = exactSelfKnn({ data: positions, n, dim }, k, 'l2');
  const lost = new Float32Array(n);
  const mark = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    for (let r = 0; r < k; r++) mark[truth.ids[i * truth.k + r]!] = i;
    let kept = 0;
    for (let r = 0; r < k; r++) if (mark[onMap.ids[i * k + r]!] === i) kept++;
    lost[i] = 1 - kept / k;
  }
  return lost;
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
  if (!p.perPoint) return mapQualityFigures(q);
  if (n > MAP_PAINT_LIMIT)
    throw new VecscopeError(
      `per-point map loss is limited to ${MAP_PAINT_LIMIT.toLocaleString('en-US')} points (this set has ${n.toLocaleString('en-US')})`,
    );
  ctx.progress(0.6, 'neighbours of every point');
  return { ...mapQualityFigures(q), lost: lostNeighbours(ds, p.positions, p.dim, ctx) };
};
