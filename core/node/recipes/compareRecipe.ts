import { distanceSpearman } from '../../common/compare/distanceSpearman.js';
import { linearCka } from '../../common/compare/linearCka.js';
import { neighbourAgreement, type NeighbourAgreement } from '../../common/compare/neighbourAgreement.js';
import { dropSelf } from '../../common/embed/selfKnn.js';
import { CancelledError, VecscopeError } from '../../common/errors.js';
import { neighbourLabelScore } from '../../common/metrics/neighbourLabels.js';
import type { KnnResult, Matrix, Metric } from '../../common/types.js';
import { parallelExactKnn } from '../knn/parallelKnn.js';

/** One embedding model's rows and the metric its neighbours are ranked by. */
export interface CompareModel {
  vectors: Matrix;
  metric: Metric;
}

export interface CompareParams {
  /** Neighbours compared per row (default 10). */
  k?: number;
  /** A class per row: k-NN accuracy and neighbourhood hit of each model, agreement per class. */
  labels?: Int32Array;
  /** Rows listed as disagreeing most (default 20). */
  worst?: number;
  /** Rows sampled for CKA (default 5,000) and pairs for the distance correlation (default 20,000). */
  ckaRows?: number;
  pairs?: number;
  seed?: number;
}

export interface ModelComparison {
  n: number;
  k: number;
  /** Mean over rows of |N_A ∩ N_B| / |N_A ∪ N_B| (exact neighbours, self excluded). */
  meanJaccard: number;
  /** Mean over rows of |N_A ∩ N_B| / k. */
  meanOverlap: number;
  perPoint: NeighbourAgreement;
  cka: number;
  ckaRows: number;
  /** Spearman correlation of the two models' distances over `pairs` random pairs. */
  spearman: number;
  pairs: number;
  labels?: {
    a: { knnAccuracy: number; neighbourhoodHit: number };
    b: { knnAccuracy: number; neighbourhoodHit: number };
    /** Mean Jaccard of the rows of each class, largest classes first. */
    byLabel: { label: number; count: number; meanJaccard: number }[];
  };
  /** The rows whose neighbours differ most (lowest Jaccard), with both neighbour lists. */
  disagree: { row: number; jaccard: number; a: number[]; b: number[] }[];
}

/**
 * Compares two embedding models of the same rows (any dimensions): how far each row's exact k nearest
 * neighbours agree, linear CKA, the rank correlation of their distances, and, with labels, how well
 * each model's neighbours predict them. The one recipe behind `vecscope compare`.
 */
export async function compareRecipe(
  a: CompareModel,
  b: CompareModel,
  params: CompareParams = {},
  opts: {
    onProgress?: (fraction: number, stage: string) => void;
    signal?: AbortSignal;
    threads?: number;
  } = {},
): Promise<ModelComparison> {
  const n = a.vectors.n;
  if (b.vectors.n !== n)
    throw new VecscopeError(`the two models hold ${n} and ${b.vectors.n} rows; compare needs the same rows`);
  if (n < 3) throw new VecscopeError(`compare needs at least 3 rows (got ${n})`);
  const k = Math.min(params.k ?? 10, n - 1);
  if (params.labels && params.labels.length !== n)
    throw new VecscopeError(`${params.labels.length} labels for ${n} rows`);
  const seed = params.seed ?? 1;
  const progress = opts.onProgress ?? (() => undefined);
  const knnOf = async (m: CompareModel, from: number, stage: string): Promise<KnnResult> => {
    progress(from, stage);
    const r = await parallelExactKnn(m.vectors, m.vectors, k + 1, m.metric, {
      ...(opts.threads !== undefined ? { threads: opts.threads } : {}),
      ...(opts.signal ? { signal: opts.signal } : {}),
      onProgress: (f) => progress(from + 0.45 * f, stage),
    });
    return dropSelf(r);
  };
  const ka = await knnOf(a, 0, 'neighbours under model A');
  const kb = await knnOf(b, 0.45, 'neighbours under model B');
  if (opts.signal?.aborted) throw new CancelledError();
  progress(0.9, 'agreement, CKA and distance correlation');
  const perPoint = neighbourAgreement(ka, kb, k);
  const ckaRows = Math.min(n, params.ckaRows ?? 5000);
  const pairs = params.pairs ?? 20000;
  const result: ModelComparison = {
    n,
    k,
    meanJaccard: mean(perPoint.jaccard),
    meanOverlap: mean(perPoint.overlap),
    perPoint,
    cka: linearCka(a.vectors, b.vectors, { rows: ckaRows, seed }),
    ckaRows,
    spearman: distanceSpearman(a.vectors, a.metric, b.vectors, b.metric, { pairs, seed }),
    pairs,
    disagree: worstRows(perPoint.jaccard, params.worst ?? 20).map((row) => ({
      row,
      jaccard: perPoint.jaccard[row]!,
      a: Array.from(ka.ids.subarray(row * k, (row + 1) * k)),
      b: Array.from(kb.ids.subarray(row * k, (row + 1) * k)),
    })),
  };
  if (params.labels) result.labels = labelFigures(params.labels, ka, kb, k, perPoint.jaccard);
  progress(1, 'done');
  return result;
}

function labelFigures(
  labels: Int32Array,
  ka: KnnResult,
  kb: KnnResult,
  k: number,
  jaccard: Float32Array,
): NonNullable<ModelComparison['labels']> {
  const n = labels.length;
  const votes = new Map<number, number>();
  const score = (knn: KnnResult) => {
    let hit = 0;
    let correct = 0;
    let scored = 0;
    for (let i = 0; i < n; i++) {
      const s = neighbourLabelScore(knn.ids, i * knn.k, k, labels[i]!, labels, votes);
      if (!s) continue;
      scored++;
      hit += s.hit;
      if (s.correct) correct++;
    }
    // Rows without a class (noise, missing) are not scored: neighbourLabels.ts.
    return { knnAccuracy: correct / scored, neighbourhoodHit: hit / scored };
  };
  const groups = new Map<number, { count: number; sum: number }>();
  for (let i = 0; i < n; i++) {
    const g = groups.get(labels[i]!) ?? { count: 0, sum: 0 };
    g.count++;
    g.sum += jaccard[i]!;
    groups.set(labels[i]!, g);
  }
  const byLabel = [...groups]
    .map(([label, g]) => ({ label, count: g.count, meanJaccard: g.sum / g.count }))
    .sort((x, y) => y.count - x.count || x.label - y.label);
  return { a: score(ka), b: score(kb), byLabel };
}

function mean(v: Float32Array): number {
  let s = 0;
  for (const x of v) s += x;
  return v.length > 0 ? s / v.length : NaN;
}

/** The `count` rows of lowest value, lowest first (ties by row). */
function worstRows(v: Float32Array, count: number): number[] {
  const rows = Array.from(v.keys());
  rows.sort((x, y) => v[x]! - v[y]! || x - y);
  return rows.slice(0, Math.min(count, rows.length));
}
