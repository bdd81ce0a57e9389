import type { CodeMetric, Scorer } from '../quantize/codec.js';
import { f32WasmScorer } from '../quantize/f32Codec.js';
import type { Matrix } from '../types.js';
import { GreedySearcher } from './greedySearch.js';

/**
 * Everything the threads of a Vamana build share (SharedArrayBuffer-backed when the build runs on
 * workers). The working graph keeps up to `slack` neighbours per node (−1 padded). A batch is
 * processed in two phases: `forward` (search + prune of each batch node, graph read-only) writes
 * `lists`; the driver applies them and groups the new reverse edges by target (`targets`,
 * `incomingStart`, `incoming`); `reverse` merges them into each target's list (each target row is
 * written by exactly one thread).
 */
export interface VamanaBuildShared {
  vectors: Matrix;
  metric: CodeMetric;
  R: number;
  L: number;
  slack: number;
  maxPool: number;
  medoid: number;
  adjacency: Int32Array;
  degree: Int32Array;
  batch: Int32Array;
  lists: Int32Array;
  listDeg: Int32Array;
  targets: Int32Array;
  incomingStart: Int32Array;
  incoming: Int32Array;
}

/** One thread's scorers and buffers over the shared build state. */
export class VamanaBuildCore {
  private readonly scorer: Scorer;
  private readonly pairScorer: Scorer;
  private readonly searcher: GreedySearcher;
  private readonly pruner: Pruner;
  private readonly selected: Int32Array;

  constructor(private readonly s: VamanaBuildShared) {
    const { vectors, metric } = s;
    const codes = new Uint8Array(vectors.data.buffer, vectors.data.byteOffset, vectors.n * vectors.dim * 4);
    this.scorer = f32WasmScorer({ n: vectors.n, dim: vectors.dim, codes }, metric);
    this.pairScorer = f32WasmScorer({ n: vectors.n, dim: vectors.dim, codes }, metric);
    this.searcher = new GreedySearcher(
      { n: vectors.n, R: s.slack, adjacency: s.adjacency, medoid: s.medoid },
      this.scorer,
      s.L,
    );
    this.pruner = new Pruner(this.pairScorer, vectors, s.maxPool + s.slack + 1);
    this.selected = new Int32Array(s.slack);
  }

  /** Search + RobustPrune for batch entries [from, to); reads the graph only. */
  forward(from: number, to: number, alpha: number): void {
    const { s, scorer, searcher, pruner } = this;
    const { vectors, adjacency, degree, slack } = s;
    for (let i = from; i < to; i++) {
      const p = s.batch[i]!;
      scorer.setQuery(vectors.data, p * vectors.dim);
      searcher.search(s.L, s.L, true);
      pruner.clear();
      for (let t = 0; t < searcher.expandedCount; t++)
        pruner.add(searcher.expandedIds[t]!, searcher.expandedDists[t]!, p);
      const deg = degree[p]!;
      for (let e = 0; e < deg; e++) {
        const v = adjacency[p * slack + e]!;
        pruner.add(v, scorer.distance(v), p);
      }
      const kept = pruner.prune(alpha, s.R, s.maxPool, this.selected);
      s.lists.fill(-1, i * slack, (i + 1) * slack);
      s.lists.set(this.selected.subarray(0, kept), i * slack);
      s.listDeg[i] = kept;
    }
  }

  /**
   * Merges the incoming edges of targets [from, to) into their lists; a list that would exceed
   * `limit` (slack during passes, R at the end) is pruned to R from its node's point of view.
   */
  reverse(from: number, to: number, alpha: number, limit: number): void {
    const { s, pairScorer, pruner } = this;
    const { adjacency, degree, slack, vectors } = s;
    for (let t = from; t < to; t++) {
      const j = s.targets[t]!;
      const row = j * slack;
      let deg = degree[j]!;
      let overflow = false;
      for (let e = s.incomingStart[t]!; e < s.incomingStart[t + 1]!; e++) {
        const p = s.incoming[e]!;
        let has = false;
        for (let x = 0; x < deg; x++) if (adjacency[row + x] === p) has = true;
        if (has) continue;
        if (deg < slack) adjacency[row + deg++] = p;
        else overflow = true;
      }
      degree[j] = deg;
      if (!overflow && deg <= limit) continue;
      pairScorer.setQuery(vectors.data, j * vectors.dim);
      pruner.clear();
      for (let x = 0; x < deg; x++) {
        const v = adjacency[row + x]!;
        pruner.add(v, pairScorer.distance(v), j);
      }
      if (overflow)
        for (let e = s.incomingStart[t]!; e < s.incomingStart[t + 1]!; e++) {
          const p = s.incoming[e]!;
          pruner.add(p, pairScorer.distance(p), j);
        }
      const kept = pruner.prune(alpha, s.R, s.maxPool, this.selected);
      adjacency.fill(-1, row, row + slack);
      adjacency.set(this.selected.subarray(0, kept), row);
      degree[j] = kept;
    }
  }
}

/** RobustPrune over a candidate pool with known distances to the node being pruned. */
class Pruner {
  private ids: Int32Array;
  private dists: Float64Array;
  private alive: Uint8Array;
  private order: Int32Array;
  private size = 0;

  constructor(
    private readonly scorer: Scorer,
    private readonly vectors: Matrix,
    capacity: number,
  ) {
    this.ids = new Int32Array(capacity);
    this.dists = new Float64Array(capacity);
    this.alive = new Uint8Array(capacity);
    this.order = new Int32Array(capacity);
  }

  clear(): void {
    this.size = 0;
  }

  add(id: number, d: number, self: number): void {
    if (id === self) return;
    if (this.size === this.ids.length) {
      const grow = this.ids.length * 2;
      const ids = new Int32Array(grow);
      ids.set(this.ids);
      const dists = new Float64Array(grow);
      dists.set(this.dists);
      this.ids = ids;
      this.dists = dists;
      this.alive = new Uint8Array(grow);
      this.order = new Int32Array(grow);
    }
    this.ids[this.size] = id;
    this.dists[this.size] = d;
    this.size++;
  }

  /** Writes up to `R` kept neighbours, nearest first, into `out`; returns how many. */
  prune(alpha: number, R: number, maxPool: number, out: Int32Array): number {
    const { ids, dists, alive, order } = this;
    let m = this.size;
    for (let i = 0; i < m; i++) order[i] = i;
    const ord = order.subarray(0, m).sort((a, b) => dists[a]! - dists[b]! || ids[a]! - ids[b]!);
    // Drop duplicate ids (a node can be both visited and a current neighbour), cap the pool.
    let w = 0;
    for (let i = 0; i < m && w < maxPool; i++) {
      const o = ord[i]!;
      let dup = false;
      for (let t = w - 1; t >= 0 && dists[ord[t]!] === dists[o]; t--) if (ids[ord[t]!] === ids[o]) dup = true;
      if (dup) continue;
      ord[w++] = o;
    }
    m = w;
    alive.fill(1, 0, m);
    let kept = 0;
    const dim = this.vectors.dim;
    for (let i = 0; i < m && kept < R; i++) {
      if (alive[i] === 0) continue;
      const star = ids[ord[i]!]!;
      out[kept++] = star;
      if (kept === R) break;
      this.scorer.setQuery(this.vectors.data, star * dim);
      for (let t = i + 1; t < m; t++) {
        if (alive[t] === 0) continue;
        const o = ord[t]!;
        if (alpha * this.scorer.distance(ids[o]!) <= dists[o]!) alive[t] = 0;
      }
    }
    return kept;
  }
}

/** The row closest in L2 to the component-wise mean (SVS's entry point). */
export function medoidOf(m: Matrix): number {
  const { n, dim, data } = m;
  const mean = new Float64Array(dim);
  for (let i = 0; i < n; i++) for (let j = 0; j < dim; j++) mean[j]! += data[i * dim + j]!;
  for (let j = 0; j < dim; j++) mean[j]! /= Math.max(n, 1);
  let best = Infinity;
  let arg = 0;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < dim; j++) s += (data[i * dim + j]! - mean[j]!) ** 2;
    if (s < best) {
      best = s;
      arg = i;
    }
  }
  return arg;
}
