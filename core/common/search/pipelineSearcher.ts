import type { Codec, EncodedVectors, Scorer } from '../quantize/codec.js';
import { CandidateBuffer } from './candidateBuffer.js';
import { flatScan } from './flatSearch.js';
import { GreedySearcher } from './greedySearch.js';
import type { VamanaGraph } from './vamanaGraph.js';

/** The fitted parts of one pipeline that a search needs. The searcher does not modify them. */
export interface SearchParts {
  /** Primary codes (in the reduced space when there is a reduction) and their codec. */
  codec: Codec;
  encoded: EncodedVectors;
  /** Present for Vamana; absent for a flat scan. */
  graph?: VamanaGraph;
  /** Re-ranking vectors in the original space, when the pipeline re-ranks. */
  secondary?: { codec: Codec; encoded: EncodedVectors };
}

export interface SearchSettings {
  k: number;
  /** Vamana search window (ignored by Flat). */
  W: number;
  /** How many of the best candidates to re-score with the secondary vectors (0 = none). */
  rerank: number;
}

/**
 * Runs one pipeline's queries: traverse (flat scan or Vamana with window W) over the primary codes,
 * keeping a buffer of max(W, rerank, k) candidates; re-score the whole buffer with the second level of
 * two-level codes (LVQ4x8); re-score the best `rerank` with the secondary vectors; return the top k.
 * A flat scan keeps max(k, rerank) candidates, or max(k, rerank, 32) with two-level codes.
 * One searcher per thread: it owns its scorers and buffers and allocates nothing per query.
 */
export class PipelineSearcher {
  private readonly primary: Scorer;
  private readonly secondary: Scorer | undefined;
  private readonly greedy: GreedySearcher | undefined;
  private readonly flatBuffer: CandidateBuffer;
  private readonly twoLevel: boolean;
  private readonly n: number;
  /** Distance evaluations on the primary codes in the last search. */
  evaluations = 0;

  constructor(parts: SearchParts, impl: 'wasm' | 'reference' = 'wasm') {
    this.primary = parts.codec.scorer(parts.encoded, impl);
    this.secondary = parts.secondary
      ? parts.secondary.codec.scorer(parts.secondary.encoded, impl)
      : undefined;
    this.greedy = parts.graph ? new GreedySearcher(parts.graph, this.primary) : undefined;
    this.flatBuffer = new CandidateBuffer(16);
    this.twoLevel = parts.codec.refineBytes > 0;
    this.n = parts.encoded.n;
  }

  /**
   * Searches one query. `qPrimary` at `pOff` is the query in the primary space (reduced), `qOriginal`
   * at `oOff` the original query (used only when re-ranking). Writes k ids (−1 if fewer found) to `out`.
   */
  search(
    qPrimary: Float32Array,
    pOff: number,
    qOriginal: Float32Array,
    oOff: number,
    s: SearchSettings,
    out: Int32Array,
    outOff: number,
  ): void {
    const rerank = this.secondary ? s.rerank : 0;
    this.primary.setQuery(qPrimary, pOff);
    let buf: CandidateBuffer;
    if (this.greedy) {
      this.greedy.search(s.W, Math.max(s.W, rerank, s.k));
      buf = this.greedy.buffer;
      this.evaluations = this.greedy.evaluations;
    } else {
      buf = this.flatBuffer;
      buf.reset(Math.max(s.k, rerank, this.twoLevel ? 32 : 0));
      flatScan(this.primary, this.n, buf);
      this.evaluations = this.n;
    }
    const size = buf.size;
    if (this.twoLevel) {
      for (let i = 0; i < size; i++) buf.dists[i] = this.primary.refined(buf.ids[i]!);
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
