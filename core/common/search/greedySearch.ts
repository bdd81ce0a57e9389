import type { Scorer } from '../quantize/codec.js';
import { CandidateBuffer } from './candidateBuffer.js';
import type { VamanaGraph } from './vamanaGraph.js';

/**
 * Best-first search over a Vamana graph with a split buffer (ALGORITHMS.md §1.5, §3.1): it keeps up
 * to `capacity` candidates but only expands the best `window`, and stops when those are all expanded.
 * Allocation-free per query: the visited set is a generation-stamped Uint32Array.
 */
export class GreedySearcher {
  readonly buffer: CandidateBuffer;
  /** searchFiltered's result list, made on its first use. */
  private filtered: CandidateBuffer | undefined;
  private readonly visited: Uint32Array;
  private generation = 0;
  /** Ids of expanded nodes, in order, and their distances; filled when `record` is on (build). */
  expandedIds: Int32Array;
  expandedDists: Float64Array;
  expandedCount = 0;
  /** Distance evaluations of the last search (for cost reports). */
  evaluations = 0;

  constructor(
    private readonly graph: VamanaGraph,
    private readonly scorer: Scorer,
    capacity = 64,
  ) {
    this.buffer = new CandidateBuffer(capacity);
    this.visited = new Uint32Array(graph.n);
    this.expandedIds = new Int32Array(256);
    this.expandedDists = new Float64Array(256);
  }

  /** Runs a search for the scorer's current query; results are in `buffer` (sorted, `size` entries). */
  search(window: number, capacity: number, record = false): void {
    this.run(window, capacity, record, undefined, undefined);
  }

  /**
   * The same search under a filter, the way HNSW engines filter inside the graph (hnswlib's
   * `isIdAllowed`, Qdrant's payload checks during traversal): every node is a stepping stone (the
   * navigation buffer and its window are the unfiltered search's), but only nodes with `allowed[i]`
   * non-zero enter the returned list, best first. So the traversal stops where the unfiltered one would,
   * and when few rows are allowed the list holds what happened to lie on the way: recall falls as the
   * filter narrows, the failure the filtered study measures against pre-filtering.
   */
  searchFiltered(window: number, capacity: number, allowed: Uint8Array): CandidateBuffer {
    const result = (this.filtered ??= new CandidateBuffer(64));
    result.reset(Math.max(window, capacity));
    this.run(window, capacity, false, allowed, result);
    return result;
  }

  private run(
    window: number,
    capacity: number,
    record: boolean,
    allowed: Uint8Array | undefined,
    result: CandidateBuffer | undefined,
  ): void {
    const { graph, scorer, buffer, visited } = this;
    const { adjacency, R } = graph;
    buffer.reset(Math.max(window, capacity));
    this.generation++;
    if (this.generation === 0xffffffff) {
      visited.fill(0);
      this.generation = 1;
    }
    const gen = this.generation;
    this.expandedCount = 0;
    const start = graph.medoid;
    visited[start] = gen;
    const d0 = scorer.distance(start);
    buffer.insert(start, d0);
    if (allowed !== undefined && allowed[start]) result!.insert(start, d0);
    let evaluations = 1;
    let cursor = 0;
    for (;;) {
      const limit = Math.min(buffer.size, window);
      while (cursor < limit && buffer.expanded[cursor] === 1) cursor++;
      if (cursor >= limit) break;
      buffer.expanded[cursor] = 1;
      const node = buffer.ids[cursor]!;
      if (record) this.recordExpanded(node, buffer.dists[cursor]!);
      const row = node * R;
      let next = cursor + 1;
      for (let e = 0; e < R; e++) {
        const v = adjacency[row + e]!;
        if (v < 0) break;
        if (visited[v] === gen) continue;
        visited[v] = gen;
        const d = scorer.distance(v);
        evaluations++;
        if (allowed !== undefined && allowed[v] && result!.accepts(d)) result!.insert(v, d);
        if (!buffer.accepts(d)) continue;
        const pos = buffer.insert(v, d);
        if (pos >= 0 && pos < next) next = pos;
      }
      // Entries before the first insertion point are all expanded and did not move.
      cursor = next;
    }
    this.evaluations = evaluations;
  }

  private recordExpanded(id: number, d: number): void {
    if (this.expandedCount === this.expandedIds.length) {
      const ids = new Int32Array(this.expandedIds.length * 2);
      ids.set(this.expandedIds);
      const ds = new Float64Array(ids.length);
      ds.set(this.expandedDists);
      this.expandedIds = ids;
      this.expandedDists = ds;
    }
    this.expandedIds[this.expandedCount] = id;
    this.expandedDists[this.expandedCount] = d;
    this.expandedCount++;
  }
}
