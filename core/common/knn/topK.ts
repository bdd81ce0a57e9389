import type { KnnResult } from '../types.js';

/**
 * The k best (distance, id) pairs per query, ordered by distance, then by id (a total order, so the
 * result does not depend on the order pairs arrive in). Each query appends the pairs that beat its
 * current threshold to an unsorted buffer of 2k slots; when the buffer is full a quickselect keeps
 * the best k and raises the threshold. Against a heap per query this touches memory in order and does
 * O(1) work per accepted pair, which matters for large k with many queries in flight (at k = 1000 a
 * heap per query spent most of the search time in cache misses). NaN distances are never taken.
 */
export class TopK {
  private readonly cap: number;
  private readonly dists: Float32Array;
  private readonly ids: Int32Array;
  private readonly count: Int32Array;
  /** Threshold per query: a pair must be smaller than (thrDist, thrId) to enter. */
  private readonly thrDist: Float32Array;
  private readonly thrId: Int32Array;

  constructor(
    readonly nq: number,
    readonly k: number,
  ) {
    this.cap = 2 * k;
    this.dists = new Float32Array(nq * this.cap);
    this.ids = new Int32Array(nq * this.cap);
    this.count = new Int32Array(nq);
    this.thrDist = new Float32Array(nq).fill(Infinity);
    this.thrId = new Int32Array(nq).fill(0x7fffffff);
  }

  /** Offers one pair to query q. */
  push(q: number, dist: number, id: number): void {
    const td = this.thrDist[q]!;
    if (dist < td || (dist === td && id < this.thrId[q]!)) this.append(q, dist, id);
  }

  /**
   * Offers count distances from tile[from ..] to query q, with ids idStart, idStart + 1, ...
   * `negate` turns similarities into distances.
   */
  scan(q: number, tile: Float32Array, from: number, count: number, idStart: number, negate: boolean): void {
    let td = this.thrDist[q]!;
    const sign = negate ? -1 : 1;
    for (let j = 0; j < count; j++) {
      const d = sign * tile[from + j]!;
      if (d < td || (d === td && idStart + j < this.thrId[q]!)) {
        this.append(q, d, idStart + j);
        td = this.thrDist[q]!;
      }
    }
  }

  private append(q: number, dist: number, id: number): void {
    const c = this.count[q]!;
    const o = q * this.cap;
    this.dists[o + c] = dist;
    this.ids[o + c] = id;
    if (c + 1 < this.cap) {
      this.count[q] = c + 1;
      return;
    }
    this.select(o, this.cap, this.k);
    this.count[q] = this.k;
    this.thrDist[q] = this.dists[o + this.k - 1]!;
    this.thrId[q] = this.ids[o + this.k - 1]!;
  }

  /**
   * Writes query q's list, best first, into ids/dists at offset `at` (k slots); slots beyond the pairs
   * seen read id −1, distance +∞.
   */
  finishQuery(q: number, ids: Int32Array, dists: Float32Array, at: number): void {
    const o = q * this.cap;
    let c = this.count[q]!;
    if (c > this.k) {
      this.select(o, c, this.k);
      c = this.k;
    }
    this.sort(o, c);
    ids.set(this.ids.subarray(o, o + c), at);
    dists.set(this.dists.subarray(o, o + c), at);
    ids.fill(-1, at + c, at + this.k);
    dists.fill(Infinity, at + c, at + this.k);
  }

  /** Empties every query's list, to reuse the buffers for the next batch of queries. */
  reset(): void {
    this.count.fill(0);
    this.thrDist.fill(Infinity);
    this.thrId.fill(0x7fffffff);
  }

  /** Every query's list, best first, in fresh arrays that belong to the caller. */
  finish(): KnnResult {
    const ids = new Int32Array(this.nq * this.k);
    const dists = new Float32Array(this.nq * this.k);
    for (let q = 0; q < this.nq; q++) this.finishQuery(q, ids, dists, q * this.k);
    return { ids, dists, nq: this.nq, k: this.k };
  }

  /** (a) < (b) in the (distance, id) order, for slots a and b. */
  private less(a: number, b: number): boolean {
    const da = this.dists[a]!;
    const db = this.dists[b]!;
    return da < db || (da === db && this.ids[a]! < this.ids[b]!);
  }

  private swap(a: number, b: number): void {
    const d = this.dists[a]!;
    this.dists[a] = this.dists[b]!;
    this.dists[b] = d;
    const i = this.ids[a]!;
    this.ids[a] = this.ids[b]!;
    this.ids[b] = i;
  }

  /** Reorders slots [o, o + n) so the m smallest come first and the m-th smallest sits at o + m − 1. */
  private select(o: number, n: number, m: number): void {
    let lo = o;
    let hi = o + n - 1;
    const target = o + m - 1;
    while (hi > lo) {
      // Median of three as the pivot, moved to hi.
      const mid = lo + ((hi - lo) >> 1);
      if (this.less(mid, lo)) this.swap(mid, lo);
      if (this.less(hi, lo)) this.swap(hi, lo);
      if (this.less(mid, hi)) this.swap(mid, hi);
      let store = lo;
      for (let i = lo; i < hi; i++) {
        if (this.less(i, hi)) this.swap(i, store++);
      }
      this.swap(store, hi);
      if (store === target) return;
      if (store < target) lo = store + 1;
      else hi = store - 1;
    }
  }

  /** Sorts slots [o, o + n) ascending (heap sort: no allocation, n log n). */
  private sort(o: number, n: number): void {
    for (let i = (n >> 1) - 1; i >= 0; i--) this.siftDown(o, i, n);
    for (let end = n - 1; end > 0; end--) {
      this.swap(o, o + end);
      this.siftDown(o, 0, end);
    }
  }

  private siftDown(o: number, i: number, size: number): void {
    for (;;) {
      const l = 2 * i + 1;
      if (l >= size) return;
      let c = l;
      if (l + 1 < size && this.less(o + l, o + l + 1)) c = l + 1;
      if (!this.less(o + i, o + c)) return;
      this.swap(o + i, o + c);
      i = c;
    }
  }
}
