import type { Scorer } from '../quantize/codec.js';
import { CandidateBuffer } from './candidateBuffer.js';
import { GreedySearcher } from './greedySearch.js';
import type { SearchParts, SearchSettings } from './pipelineSearcher.js';

/** The two ways a vector engine answers a filtered query. */
export type FilterMode = 'prefilter' | 'inGraph';

/**
 * One pipeline's search under a filter, in either mode, with the pipeline's own codes and re-ranking
 * (as PipelineSearcher does without a filter):
 * - `prefilter`: an exact scan of the allowed rows' primary codes (what an engine does when the filter
 *   is selective enough: brute force over the matching rows), then the second level and `rerank`;
 * - `inGraph`: the Vamana traversal that steps over disallowed nodes and keeps only allowed ones
 *   (GreedySearcher.searchFiltered), then the same re-ranking. Needs a graph.
 * Re-ranking re-scores the best min(rerank, found) candidates; the RaBitQ error-bound shortcut of the
 * unfiltered searcher is left out, which can only re-rank more. One searcher per thread.
 */
export class FilteredPipelineSearcher {
  private readonly primary: Scorer;
  private readonly secondary: Scorer | undefined;
  private readonly greedy: GreedySearcher | undefined;
  private readonly flat = new CandidateBuffer(64);
  private readonly twoLevel: boolean;
  /** Distance evaluations on the primary codes in the last search. */
  evaluations = 0;

  constructor(parts: SearchParts) {
    this.primary = parts.codec.scorer(parts.encoded);
    this.secondary = parts.secondary ? parts.secondary.codec.scorer(parts.secondary.encoded) : undefined;
    this.greedy = parts.graph ? new GreedySearcher(parts.graph, this.primary) : undefined;
    this.twoLevel = parts.codec.refineBytes > 0;
  }

  get hasGraph(): boolean {
    return this.greedy !== undefined;
  }

  /**
   * Searches one query (as PipelineSearcher.search) under a filter: `allowed` is the n-long 0/1 mask,
   * `allowedIds` the same rows as a list (the pre-filter scans it). Writes k ids, −1 past those found.
   */
  search(
    mode: FilterMode,
    qPrimary: Float32Array,
    pOff: number,
    qOriginal: Float32Array,
    oOff: number,
    s: SearchSettings,
    allowed: Uint8Array,
    allowedIds: Int32Array,
    out: Int32Array,
    outOff: number,
  ): void {
    const rerank = this.secondary ? s.rerank : 0;
    const primary = this.primary;
    primary.setQuery(qPrimary, pOff);
    let buf: CandidateBuffer;
    if (mode === 'inGraph') {
      if (!this.greedy) throw new Error('in-graph filtering needs a graph index');
      buf = this.greedy.searchFiltered(s.W, Math.max(s.W, rerank, s.k), allowed);
      this.evaluations = this.greedy.evaluations;
    } else {
      buf = this.flat;
      buf.reset(Math.max(s.k, rerank, this.twoLevel ? 32 : 0));
      for (let j = 0; j < allowedIds.length; j++) {
        const id = allowedIds[j]!;
        const d = primary.distance(id);
        if (buf.accepts(d)) buf.insert(id, d);
      }
      this.evaluations = allowedIds.length;
    }
    const size = buf.size;
    if (this.twoLevel) {
      for (let i = 0; i < size; i++) buf.dists[i] = primary.refined(buf.ids[i]!);
      buf.sortPrefix(size);
    }
    if (rerank > 0 && this.secondary) {
      const r = Math.min(rerank, size);
      this.secondary.setQuery(qOriginal, oOff);
      for (let i = 0; i < r; i++) buf.dists[i] = this.secondary.distance(buf.ids[i]!);
      buf.sortPrefix(r);
    }
    for (let i = 0; i < s.k; i++) out[outOff + i] = i < size ? buf.ids[i]! : -1;
  }
}
