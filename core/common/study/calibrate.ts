import { formatPipeline } from '../pipeline/formatPipeline.js';
import type { Pipeline } from '../pipeline/pipeline.js';
import type { SearchSettings } from '../search/pipelineSearcher.js';
import type { CalibrationEntry } from './studyTypes.js';

/**
 * Smallest search settings reaching `target` (binary search; recall is nearly monotone in W and
 * rerank). Vamana: smallest W (with rerank = W when the pipeline re-ranks), then the smallest rerank
 * in [k, W] at that W. Flat with re-ranking: smallest rerank. Otherwise nothing to tune.
 */
export async function calibrate(
  p: Pipeline,
  target: number,
  k: number,
  recallAt: (s: SearchSettings) => Promise<number>,
  reranks: boolean,
  upper = 1000,
): Promise<CalibrationEntry> {
  const name = formatPipeline(p);
  const smallest = async (
    lo: number,
    hi: number,
    f: (v: number) => Promise<number>,
  ): Promise<{ v: number; r: number } | null> => {
    let best: { v: number; r: number } | null = null;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const r = await f(mid);
      if (r >= target) {
        best = { v: mid, r };
        hi = mid - 1;
      } else lo = mid + 1;
    }
    return best;
  };
  const entry = (
    W: number | null,
    rerank: number | null,
    recall: number,
    reached: boolean,
  ): CalibrationEntry => {
    const search = { ...p.search };
    if (W !== null) search.W = W;
    if (rerank !== null) search.rerank = rerank;
    return {
      pipeline: name,
      calibrated: W === null && rerank === null ? null : formatPipeline({ ...p, search }),
      W,
      rerank,
      recall,
      reached,
    };
  };
  if (p.index.kind === 'Vamana') {
    const w = await smallest(k, upper, (W) => recallAt({ k, W, rerank: reranks ? W : 0 }));
    if (!w)
      return entry(
        upper,
        reranks ? upper : null,
        await recallAt({ k, W: upper, rerank: reranks ? upper : 0 }),
        false,
      );
    if (!reranks) return entry(w.v, null, w.r, true);
    const r = await smallest(k, w.v, (rr) => recallAt({ k, W: w.v, rerank: rr }));
    return r ? entry(w.v, r.v, r.r, true) : entry(w.v, w.v, w.r, true);
  }
  if (reranks) {
    const r = await smallest(k, upper, (rr) => recallAt({ k, W: k, rerank: rr }));
    return r
      ? entry(null, r.v, r.r, true)
      : entry(null, upper, await recallAt({ k, W: k, rerank: upper }), false);
  }
  const r = await recallAt({ k, W: k, rerank: 0 });
  return entry(null, null, r, r >= target);
}
