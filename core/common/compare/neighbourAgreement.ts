import type { KnnResult } from '../types.js';

/** Per row, how far two k-NN graphs of the same rows agree (rows of both results must be the same rows). */
export interface NeighbourAgreement {
  /** |N_A ∩ N_B| / |N_A ∪ N_B| of the first k neighbours. */
  jaccard: Float32Array;
  /** |N_A ∩ N_B| / k: the share of A's neighbours among B's top k. */
  overlap: Float32Array;
}

/** Agreement of the first k neighbours of every row under two models (self already excluded). */
export function neighbourAgreement(a: KnnResult, b: KnnResult, k: number): NeighbourAgreement {
  if (a.nq !== b.nq) throw new Error(`k-NN graphs of ${a.nq} and ${b.nq} rows`);
  if (k > a.k || k > b.k) throw new Error(`k = ${k} exceeds the graphs' ${Math.min(a.k, b.k)} columns`);
  const n = a.nq;
  const jaccard = new Float32Array(n);
  const overlap = new Float32Array(n);
  const inA = new Set<number>();
  for (let i = 0; i < n; i++) {
    inA.clear();
    for (let r = 0; r < k; r++) inA.add(a.ids[i * a.k + r]!);
    let common = 0;
    for (let r = 0; r < k; r++) if (inA.has(b.ids[i * b.k + r]!)) common++;
    jaccard[i] = common / (2 * k - common);
    overlap[i] = common / k;
  }
  return { jaccard, overlap };
}
