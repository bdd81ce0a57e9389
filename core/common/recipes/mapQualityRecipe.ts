import { exactSelfKnn } from '../embed/selfKnn.js';
import { CancelledError, VecscopeError } from '../errors.js';
import { normalizeRows } from '../knn/normalizeRows.js';
import { mapQuality, mapQualityFigures, type MapQualityFigures } from '../metrics/mapQuality.js';
import { MAP_PAINT_LIMIT } from '../rpc/protocol.js';
import { cachedExactSelfKnn } from './cachedExactSelfKnn.js';
import type { RecipeInput } from './recipeInput.js';

/**
 * Every default of map quality (`vecscope embed`'s figures and the app's faithfulness panel), in one
 * place. The CLI averaged over 2,000 points sampled with the map's seed, the app over
 * `sampleSize(n)` points with seed 1; one rule now: all points up to 5,000, then 1,000 (500 above
 * 200,000 rows), each ranked against all n, which keeps the app's panel quick and the figures' sampling
 * error near 0.003; and a fixed seed, so maps made with different seeds are measured on the same points.
 */
const MAP_QUALITY_DEFAULTS = {
  seed: 1,
  /** Neighbours of the per-point loss. */
  lossK: 10,
  sampleSize: (n: number): number => (n <= 5000 ? n : n <= 200000 ? 1000 : 500),
  /** Fewer points give no meaningful ranks. */
  minRows: 32,
} as const;

export interface MapQualityParams {
  /** The map: n × mapDim. */
  positions: Float32Array;
  mapDim: number;
  /** A category per row for the neighbourhood hit; negative = no class (noise, missing): not scored, never a hit. */
  labels?: Int32Array;
  /** Also the per-point loss (up to MAP_PAINT_LIMIT rows). */
  perPoint?: boolean;
  /** Points averaged over; default MAP_QUALITY_DEFAULTS.sampleSize(n). */
  sample?: number;
}

export type MapQualityResult = MapQualityFigures & { lost?: Float32Array };

/**
 * Trustworthiness, continuity and k-NN preservation of a map (and the neighbourhood hit with labels),
 * from exact ranks in both spaces; cosine and inner-product rows are ranked after normalisation, as the
 * map's k-NN graph saw them. With `perPoint`, each point's share of its 10 nearest neighbours (exact,
 * the cached graph the map was built from) missing among its 10 nearest on the map.
 */
export function mapQualityRecipe(input: RecipeInput<MapQualityParams>): MapQualityResult {
  const { n, params: p } = input;
  if (p.positions.length !== n * p.mapDim)
    throw new VecscopeError(`the map holds ${p.positions.length} values, not ${n} × ${p.mapDim}`);
  if (p.labels && p.labels.length !== n) throw new VecscopeError(`${p.labels.length} labels for ${n} points`);
  if (n < MAP_QUALITY_DEFAULTS.minRows)
    throw new VecscopeError(`faithfulness needs at least ${MAP_QUALITY_DEFAULTS.minRows} points, got ${n}`);
  const vectors = { data: input.data, n, dim: input.dim };
  const map = { data: p.positions, n, dim: p.mapDim };
  input.onProgress?.(0.05, 'ranking neighbours in both spaces');
  const q = mapQuality(input.metric === 'l2' ? vectors : normalizeRows(vectors), map, {
    sample: p.sample ?? MAP_QUALITY_DEFAULTS.sampleSize(n),
    seed: MAP_QUALITY_DEFAULTS.seed,
    ...(p.labels ? { labels: p.labels } : {}),
  });
  if (input.signal?.aborted) throw new CancelledError();
  const figures = mapQualityFigures(q);
  if (!p.perPoint) return figures;
  if (n > MAP_PAINT_LIMIT)
    throw new VecscopeError(
      `per-point map loss is limited to ${MAP_PAINT_LIMIT.toLocaleString('en-US')} points (this set has ${n.toLocaleString('en-US')})`,
    );
  input.onProgress?.(0.6, 'neighbours of every point');
  const k = Math.min(MAP_QUALITY_DEFAULTS.lossK, n - 1);
  const truth = cachedExactSelfKnn(vectors, input.metric, k, {
    cache: input.cache,
    signal: input.signal,
    onProgress: (f) => input.onProgress?.(0.6 + 0.35 * f, 'neighbours of every point'),
  });
  const onMap = exactSelfKnn(map, k, 'l2');
  const lost = new Float32Array(n);
  const mark = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    for (let r = 0; r < k; r++) mark[truth.ids[i * truth.k + r]!] = i;
    let kept = 0;
    for (let r = 0; r < k; r++) if (mark[onMap.ids[i * k + r]!] === i) kept++;
    lost[i] = 1 - kept / k;
  }
  return { ...figures, lost };
}
