import type { Scorer } from '../quantize/codec.js';
import { CandidateBuffer } from './candidateBuffer.js';
import type { VamanaGraph } from './vamanaGraph.js';

/**
 * Best-first search over a Vamana graph under a filter, the way HNSW engines filter inside the graph
 * (hnswlib's `isIdAllowed`, Qdrant's payload checks during traversal): every node is a stepping stone
 * (the navigation buffer and its window W are those of the unfiltered search, greedySearch.ts), but only
 * allowed nodes enter the result list. So the traversal stops where the unfiltered one would, and when
 * few rows are allowed the result list holds what happened to lie on the way: recall falls as the filter
 * narrows, the failure this study measures against pre-filtering. Allocation-free per query.
 */
export class FilteredGreedySearcher {
  /** Allowed nodes met, best first (`size` entries after a search). */
  readonly result: CandidateBuffer;
  private readonly nav: CandidateBuffer;
  private readonly visited: Uint32Array;
  private generation = 0;
  /** Distance evaluations of the last search. */
  evaluations = 0;

  constructor(
    private readonly graph: VamanaGraph,
    private readonly scorer: Scorer,
  ) {
    this.nav = new CandidateBuffer(64);
    this.result = new CandidateBuffer(64);
    this.visited = new Uint32Array(graph.n);
  }

  /**
   * Searches the scorer's current query with window `window`, keeping up to `capacity` candidates in
   * both buffers; `allowed[i]` non-zero admits row i to the result.
   */
  search(window: number, capacity: number, allowed: Uint8Array): void {
    const { graph, scorer, nav, result, visited } = this;
    const { adjacency, R } = graph;
    const cap = Math.max(window, capacity);
    nav.reset(cap);
    result.reset(cap);
    this.generation++;
    if (this.generation === 0xffffffff) {
      visited.fill(0);
      this.generation = 1;
    }
    const gen = this.generation;
    const start = graph.medoid;
    visited[start] = gen;
    const d0 = scorer.distance(start);
    nav.insert(start, d0);
    if (allowed[start]) result.insert(start, d0);
    let evaluations = 1;
    let cursor = 0;
    for (;;) {
      const limit = Math.min(nav.size, window);
      while (cursor < limit && nav.expanded[cursor] === 1) cursor++;
      if (cursor >= limit) break;
      nav.expanded[cursor] = 1;
      const node = nav.ids[cursor]!;
      const row = node * R;
      let next = cursor + 1;
      for (let e = 0; e < R; e++) {
        const v = adjacency[row + e]!;
        if (v < 0) break;
        if (visited[v] === gen) continue;
        visited[v] = gen;
        const d = scorer.distance(v);
        evaluations++;
        if (allowed[v] && result.accepts(d)) result.insert(v, d);
        if (!nav.accepts(d)) continue;
        const pos = nav.insert(v, d);
        if (pos >= 0 && pos < next) next = pos;
      }
      cursor = next;
    }
    this.evaluations = evaluations;
  }
}
