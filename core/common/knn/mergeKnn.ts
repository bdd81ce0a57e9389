import type { KnnResult } from '../types.js';
import { TopK } from './topK.js';

/**
 * Merges partial results for the same queries over disjoint base-row ranges into the k best
 * (k defaults to the largest part's k), ordered by distance, then id; padding (id −1) is dropped and
 * re-added where fewer than k remain. The result belongs to the caller.
 */
export function mergeKnn(parts: readonly KnnResult[], k?: number): KnnResult {
  const first = parts[0];
  if (first === undefined) throw new Error('mergeKnn needs at least one part');
  const nq = first.nq;
  const kk = k ?? Math.max(...parts.map((p) => p.k));
  const top = new TopK(nq, kk);
  for (const p of parts) {
    if (p.nq !== nq) throw new Error(`mergeKnn: parts disagree on the number of queries (${p.nq} vs ${nq})`);
    for (let q = 0; q < nq; q++) {
      for (let t = q * p.k; t < (q + 1) * p.k; t++) {
        const id = p.ids[t]!;
        if (id >= 0) top.push(q, p.dists[t]!, id);
      }
    }
  }
  return top.finish();
}
