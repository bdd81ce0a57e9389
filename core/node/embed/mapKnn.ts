import { takeRows } from '../../common/data/takeRows.js';
import { dropSelf } from '../../common/embed/selfKnn.js';
import { createRng, sampleIndices } from '../../common/random.js';
import { MAP_DEFAULTS } from '../../common/recipes/mapDefaults.js';
import { fitReduction } from '../../common/reduce/fitReduction.js';
import { reduceData } from '../../common/reduce/reduction.js';
import type { KnnResult, Matrix, Metric } from '../../common/types.js';
import { parallelExactKnn } from '../knn/parallelKnn.js';

export interface MapKnnOptions {
  /** Up to this many rows the graph is exact (default MAP_DEFAULTS.exactKnnLimit). */
  exactLimit?: number | undefined;
  /** Dimension of the PCA prefilter for larger sets (default 48). */
  reducedDim?: number | undefined;
  /** Candidates per row taken from the reduced space and re-ranked exactly (default 3k). */
  candidates?: number | undefined;
  /** Rows the PCA is fitted on (default 10,000). */
  fitSample?: number | undefined;
  seed?: number | undefined;
  threads?: number | undefined;
  onProgress?: ((fraction: number) => void) | undefined;
}

export interface MapKnn {
  knn: KnnResult;
  method: 'exact' | 'pca-prefilter';
}

/**
 * The k-NN graph of a set among itself (self excluded) for a map. Up to `exactLimit` rows: exact, on the
 * worker pool. Beyond: PCA to `reducedDim` (fitted on a sample), exact k-NN of `candidates` in the reduced
 * space on the pool, then those candidates re-ranked with exact distances in the full space; its recall
 * against the exact graph is measured by bench:maps. The result belongs to the caller.
 */
export async function mapKnn(
  m: Matrix,
  k: number,
  metric: Metric,
  opts: MapKnnOptions = {},
): Promise<MapKnn> {
  const threads = opts.threads !== undefined ? { threads: opts.threads } : {};
  if (m.n <= (opts.exactLimit ?? MAP_DEFAULTS.exactKnnLimit)) {
    const r = await parallelExactKnn(m, m, Math.min(k + 1, m.n), metric, {
      ...threads,
      onProgress: opts.onProgress,
    });
    return { knn: dropSelf(r), method: 'exact' };
  }
  const rng = createRng(opts.seed ?? MAP_DEFAULTS.seed);
  const rows = sampleIndices(m.n, Math.min(m.n, opts.fitSample ?? 10000), rng);
  const sample = takeRows(m, rows);
  const dim = Math.min(opts.reducedDim ?? 48, m.dim);
  const fit = fitReduction('pca', sample, { dim, metric, seed: opts.seed ?? MAP_DEFAULTS.seed });
  const reduced = reduceData(fit.reduction, m);
  const c = Math.max(k, opts.candidates ?? 3 * k);
  const cand = dropSelf(
    await parallelExactKnn(reduced, reduced, c + 1, metric === 'cos' ? 'cos' : metric, {
      ...threads,
      onProgress: (f) => opts.onProgress?.(0.95 * f),
    }),
  );
  const ids = new Int32Array(m.n * k);
  const dists = new Float32Array(m.n * k);
  const D = m.dim;
  const d = new Float64Array(c);
  const order = new Int32Array(c);
  const norms = metric === 'cos' ? new Float64Array(m.n) : undefined;
  if (norms) {
    for (let i = 0; i < m.n; i++) {
      let s = 0;
      for (let j = 0; j < D; j++) s += m.data[i * D + j]! ** 2;
      norms[i] = Math.sqrt(s) || 1;
    }
  }
  for (let i = 0; i < m.n; i++) {
    const a = i * D;
    for (let t = 0; t < c; t++) {
      const b = cand.ids[i * c + t]! * D;
      let s = 0;
      if (metric === 'l2') {
        for (let j = 0; j < D; j++) {
          const u = m.data[a + j]! - m.data[b + j]!;
          s += u * u;
        }
      } else {
        for (let j = 0; j < D; j++) s += m.data[a + j]! * m.data[b + j]!;
        s = norms ? -s / (norms[i]! * norms[cand.ids[i * c + t]!]!) : -s;
      }
      d[t] = s;
      order[t] = t;
    }
    order.sort((x, y) => d[x]! - d[y]! || cand.ids[i * c + x]! - cand.ids[i * c + y]!);
    for (let t = 0; t < k; t++) {
      ids[i * k + t] = cand.ids[i * c + order[t]!]!;
      dists[i * k + t] = d[order[t]!]!;
    }
  }
  opts.onProgress?.(1);
  return { knn: { ids, dists, nq: m.n, k }, method: 'pca-prefilter' };
}
