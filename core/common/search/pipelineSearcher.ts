import type { Codec, EncodedVectors, Scorer } from '../quantize/codec.js';
import { CandidateBuffer } from './candidateBuffer.js';
import { flatScan } from './flatSearch.js';
import {
  GraphSlotSearcher,
  MAX_SEARCH_BUFFER,
  searchIndexFor,
  type GraphSearchIndex,
} from './graphSearchIndex.js';
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
 *
 * `wasm` (the default) runs the traversal or scan and the second-level re-scoring in one WebAssembly
 * call per query over an index shared by the realm's searchers (graphSearchIndex.ts); `reference` runs
 * the TypeScript traversal (greedySearch.ts) over the codecs' plain-TS scorers. One searcher per
 * thread; it allocates nothing per query.
 */
export class PipelineSearcher {
  private readonly wasm: GraphSlotSearcher | undefined;
  private readonly primary: Scorer | undefined;
  private readonly greedy: GreedySearcher | undefined;
  private readonly flatBuffer: CandidateBuffer | undefined;
  private readonly secondary: Scorer | undefined;
  private readonly wasmSecondary: GraphSlotSearcher | undefined;
  private readonly twoLevel: boolean;
  private readonly n: number;
  /** Distance evaluations on the primary codes in the last search. */
  evaluations = 0;
  /** Candidates re-scored with the secondary vectors in the last search. */
  reranked = 0;
  private readonly parts: SearchParts;
  private boundScratch = new Float64Array(0);

  /**
   * `attach` binds to an index made elsewhere (a worker thread searching the main thread's shared
   * index, in its own slot) instead of the realm's own.
   */
  constructor(
    parts: SearchParts,
    impl: 'wasm' | 'reference' = 'wasm',
    attach?: { index: GraphSearchIndex; secondary?: GraphSearchIndex; slot: number },
  ) {
    if (impl === 'wasm') {
      const index = attach?.index ?? searchIndexFor(parts.codec, parts.encoded, parts.graph);
      this.wasm = new GraphSlotSearcher(index, parts.codec, attach?.slot ?? 0);
      if (parts.secondary) {
        const sec = attach?.secondary ?? searchIndexFor(parts.secondary.codec, parts.secondary.encoded);
        this.wasmSecondary = new GraphSlotSearcher(sec, parts.secondary.codec, attach?.slot ?? 0);
      }
    } else {
      this.primary = parts.codec.scorer(parts.encoded, 'reference');
      this.greedy = parts.graph ? new GreedySearcher(parts.graph, this.primary) : undefined;
      this.flatBuffer = new CandidateBuffer(16);
    }
    this.secondary =
      parts.secondary && impl === 'reference'
        ? parts.secondary.codec.scorer(parts.secondary.encoded, impl)
        : undefined;
    this.twoLevel = parts.codec.refineBytes > 0;
    this.n = parts.encoded.n;
    this.parts = parts;
  }

  /**
   * How many of the buffer's best to re-rank: `rerank`, or fewer when the codec's error bound shows
   * that the rest cannot reach the top k (RaBitQ: their lower bound is above the k-th upper bound).
   */
  private rerankCount(
    rerank: number,
    size: number,
    k: number,
    ids: Int32Array,
    dists: Float64Array,
    q: Float32Array,
    off: number,
  ): number {
    const r = Math.min(rerank, size);
    const { codec, encoded } = this.parts;
    if (!codec.rerankDepth || r <= k) return r;
    if (this.boundScratch.length < r) this.boundScratch = new Float64Array(Math.max(r, MAX_SEARCH_BUFFER));
    return Math.min(r, codec.rerankDepth(encoded, q, off, ids, dists, r, k, this.boundScratch));
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
    const rerank = this.secondary || this.wasmSecondary ? s.rerank : 0;
    let ids: Int32Array;
    let size: number;
    const flatCap = Math.max(s.k, rerank, this.twoLevel ? 32 : 0);
    this.reranked = 0;
    if (this.wasm) {
      this.wasm.setQuery(qPrimary, pOff);
      size = this.greedySearchOrScan(s, rerank, flatCap);
      this.evaluations = this.wasm.evaluations;
      if (this.twoLevel) this.wasm.refineBuffer(size);
      ids = this.wasm.ids;
      if (rerank > 0 && this.wasmSecondary) {
        const r = this.rerankCount(rerank, size, s.k, ids, this.wasm.dists, qPrimary, pOff);
        this.reranked = r;
        this.wasmSecondary.setQuery(qOriginal, oOff);
        this.wasmSecondary.rescore(ids, r);
        const best = this.wasmSecondary.ids;
        for (let i = 0; i < s.k; i++) out[outOff + i] = i < r ? best[i]! : i < size ? ids[i]! : -1;
        return;
      }
    } else {
      const primary = this.primary!;
      primary.setQuery(qPrimary, pOff);
      let buf: CandidateBuffer;
      if (this.greedy) {
        this.greedy.search(s.W, Math.max(s.W, rerank, s.k));
        buf = this.greedy.buffer;
        this.evaluations = this.greedy.evaluations;
      } else {
        buf = this.flatBuffer!;
        buf.reset(flatCap);
        flatScan(primary, this.n, buf);
        this.evaluations = this.n;
      }
      size = buf.size;
      if (this.twoLevel) {
        for (let i = 0; i < size; i++) buf.dists[i] = primary.refined(buf.ids[i]!);
        buf.sortPrefix(size);
      }
      if (rerank > 0 && this.secondary) {
        const r = this.rerankCount(rerank, size, s.k, buf.ids, buf.dists, qPrimary, pOff);
        this.reranked = r;
        this.secondary.setQuery(qOriginal, oOff);
        for (let i = 0; i < r; i++) buf.dists[i] = this.secondary.distance(buf.ids[i]!);
        buf.sortPrefix(r);
      }
      ids = buf.ids;
    }
    for (let i = 0; i < s.k; i++) out[outOff + i] = i < size ? ids[i]! : -1;
  }

  /** The WebAssembly indexes this searcher reads (primary, re-ranking), for memory accounting. */
  indexes(): GraphSearchIndex[] {
    return [this.wasm?.index, this.wasmSecondary?.index].filter((x) => x !== undefined);
  }

  private greedySearchOrScan(s: SearchSettings, rerank: number, flatCap: number): number {
    return this.wasm!.index.layout.graph
      ? this.wasm!.run(s.W, Math.max(s.W, rerank, s.k))
      : this.wasm!.run(0, flatCap);
  }
}
