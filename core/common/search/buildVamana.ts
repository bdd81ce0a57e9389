import { CancelledError } from '../errors.js';
import type { CodeMetric, Scorer } from '../quantize/codec.js';
import { f32WasmScorer } from '../quantize/f32Codec.js';
import { createRng } from '../quantize/rng.js';
import type { Matrix } from '../types.js';
import { GreedySearcher } from './greedySearch.js';
import type { VamanaGraph } from './vamanaGraph.js';

export interface VamanaBuildOptions {
  /** Maximum out-degree (default 32). */
  R?: number;
  /** Build window (default 100). */
  L?: number;
  /** Pruning factor of the second pass (default 1.2 for l2, 0.95 for ip). */
  alpha?: number;
  seed?: number;
  /** Largest candidate pool per prune (SVS: 750). */
  maxPool?: number;
  onProgress?: (fraction: number) => void;
  isCancelled?: () => boolean;
}

/**
 * Builds a Vamana graph (ALGORITHMS.md §3.1) over the rows of `vectors` (the decoded primary vectors:
 * reduced and/or quantized): two passes over a seeded random order, the first pruning with alpha 1 and
 * the second with `alpha`; each node searches the graph from the medoid with window L, prunes its
 * visited nodes with RobustPrune to at most R neighbours and adds reverse edges. As in DiskANN, a
 * list may grow to 1.3·R through reverse edges before it is pruned back to R (fewer prunes); lists
 * still longer than R at the end are pruned once more.
 * Distances: squared L2, or negative inner product, for which the same rule α·d(p*, p') ≤ d(p, p')
 * with α < 1 is the similarity rule α·<p*, p'> ≥ <p, p'>.
 */
export function buildVamana(vectors: Matrix, metric: CodeMetric, opts: VamanaBuildOptions = {}): VamanaGraph {
  const n = vectors.n;
  const R = opts.R ?? 32;
  const L = Math.max(opts.L ?? 100, 1);
  const alpha = opts.alpha ?? (metric === 'l2' ? 1.2 : 0.95);
  const maxPool = opts.maxPool ?? 750;
  // Working lists hold up to `slack` entries; the returned graph keeps R per node.
  const slack = Math.max(R, Math.ceil(1.3 * R));
  const rand = createRng(opts.seed ?? 1);
  const adjacency = new Int32Array(n * slack).fill(-1);
  const degree = new Int32Array(n);
  const medoid = medoidOf(vectors);
  if (n <= 1) return { n, R, adjacency: new Int32Array(n * R).fill(-1), medoid };
  const graph: VamanaGraph = { n, R: slack, adjacency, medoid };
  const codes = new Uint8Array(vectors.data.buffer, vectors.data.byteOffset, n * vectors.dim * 4);
  const scorer = f32WasmScorer({ n, dim: vectors.dim, codes }, metric);
  const pairScorer = f32WasmScorer({ n, dim: vectors.dim, codes }, metric);
  const searcher = new GreedySearcher(graph, scorer, L);
  const pruner = new Pruner(pairScorer, vectors, maxPool + R + 1);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
  const passes = [1, alpha];
  const total = passes.length * n;
  let done = 0;
  const selected = new Int32Array(slack);
  const selectedJ = new Int32Array(slack);
  for (const passAlpha of passes) {
    for (let oi = 0; oi < n; oi++) {
      const p = order[oi]!;
      if ((done & 255) === 0) {
        if (opts.isCancelled?.()) throw new CancelledError();
        opts.onProgress?.(done / total);
      }
      done++;
      scorer.setQuery(vectors.data, p * vectors.dim);
      searcher.search(L, L, true);
      pruner.clear();
      const cnt = searcher.expandedCount;
      for (let t = 0; t < cnt; t++) pruner.add(searcher.expandedIds[t]!, searcher.expandedDists[t]!, p);
      for (let e = 0; e < degree[p]!; e++) {
        const v = adjacency[p * slack + e]!;
        pruner.add(v, scorer.distance(v), p);
      }
      const deg = pruner.prune(passAlpha, R, maxPool, selected);
      adjacency.fill(-1, p * slack, p * slack + slack);
      adjacency.set(selected.subarray(0, deg), p * slack);
      degree[p] = deg;
      for (let e = 0; e < deg; e++) {
        const j = selected[e]!;
        const row = j * slack;
        let has = false;
        for (let t = 0; t < degree[j]!; t++) if (adjacency[row + t] === p) has = true;
        if (has) continue;
        if (degree[j]! < slack) {
          adjacency[row + degree[j]!] = p;
          degree[j]!++;
          continue;
        }
        // Full: re-prune j's neighbours plus p, from j's point of view.
        reprune(j, p, passAlpha);
      }
    }
  }
  for (let j = 0; j < n; j++) if (degree[j]! > R) reprune(j, -1, alpha);
  const out = new Int32Array(n * R);
  for (let j = 0; j < n; j++) out.set(adjacency.subarray(j * slack, j * slack + R), j * R);
  opts.onProgress?.(1);
  return { n, R, adjacency: out, medoid };

  function reprune(j: number, extra: number, a: number): void {
    const row = j * slack;
    pairScorer.setQuery(vectors.data, j * vectors.dim);
    pruner.clear();
    for (let t = 0; t < degree[j]!; t++) {
      const v = adjacency[row + t]!;
      pruner.add(v, pairScorer.distance(v), j);
    }
    if (extra >= 0) pruner.add(extra, pairScorer.distance(extra), j);
    const dj = pruner.prune(a, R, maxPool, selectedJ);
    adjacency.fill(-1, row, row + slack);
    adjacency.set(selectedJ.subarray(0, dj), row);
    degree[j] = dj;
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
      if (w > 0 && ids[ord[w - 1]!] === ids[o]) continue;
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
