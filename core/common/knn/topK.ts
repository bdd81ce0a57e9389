import type { KnnResult } from '../types.js';

const NO_ID = 0x7fffffff;

/**
 * One bounded max-heap per query holding the k best (distance, id) pairs seen so far, ordered by
 * distance, then by id. Slots start as (+∞, NO_ID), which every real pair beats, so the heaps need no
 * size counter. NaN distances are never taken.
 */
export class TopK {
  readonly dists: Float32Array;
  readonly ids: Int32Array;

  constructor(
    readonly nq: number,
    readonly k: number,
  ) {
    this.dists = new Float32Array(nq * k).fill(Infinity);
    this.ids = new Int32Array(nq * k).fill(NO_ID);
  }

  /** Offers one pair to query q's heap. */
  push(q: number, dist: number, id: number): void {
    const o = q * this.k;
    const wd = this.dists[o]!;
    if (dist < wd || (dist === wd && id < this.ids[o]!)) this.replaceTop(o, dist, id);
  }

  /**
   * Offers count distances from tile[from ..] to query q's heap, with ids idStart, idStart + 1, ...
   * `negate` turns similarities into distances.
   */
  scan(q: number, tile: Float32Array, from: number, count: number, idStart: number, negate: boolean): void {
    const o = q * this.k;
    const dists = this.dists;
    let wd = dists[o]!;
    if (negate) {
      for (let j = 0; j < count; j++) {
        const d = -tile[from + j]!;
        if (d < wd || (d === wd && idStart + j < this.ids[o]!)) {
          this.replaceTop(o, d, idStart + j);
          wd = dists[o]!;
        }
      }
    } else {
      for (let j = 0; j < count; j++) {
        const d = tile[from + j]!;
        if (d < wd || (d === wd && idStart + j < this.ids[o]!)) {
          this.replaceTop(o, d, idStart + j);
          wd = dists[o]!;
        }
      }
    }
  }

  private replaceTop(o: number, dist: number, id: number): void {
    this.siftDown(o, this.k, dist, id);
  }

  /**
   * Sorts every heap best first and returns them; unfilled slots (fewer than k candidates) read id −1,
   * distance +∞. The result takes over this object's arrays, so the TopK must not be used after.
   */
  finish(): KnnResult {
    const { dists, ids, k } = this;
    for (let q = 0; q < this.nq; q++) {
      const o = q * k;
      // Heap sort: moving the current worst to the end leaves the slots in ascending order.
      for (let end = k - 1; end > 0; end--) {
        const d = dists[o + end]!;
        const id = ids[o + end]!;
        dists[o + end] = dists[o]!;
        ids[o + end] = ids[o]!;
        this.siftDown(o, end, d, id);
      }
      for (let j = o; j < o + k; j++) if (ids[j] === NO_ID) ids[j] = -1;
    }
    return { ids, dists, nq: this.nq, k };
  }

  private siftDown(o: number, size: number, dist: number, id: number): void {
    const dists = this.dists;
    const ids = this.ids;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= size) break;
      let c = l;
      const r = l + 1;
      if (r < size) {
        const dl = dists[o + l]!;
        const dr = dists[o + r]!;
        if (dr > dl || (dr === dl && ids[o + r]! > ids[o + l]!)) c = r;
      }
      const dc = dists[o + c]!;
      if (dc < dist || (dc === dist && ids[o + c]! < id)) break;
      dists[o + i] = dc;
      ids[o + i] = ids[o + c]!;
      i = c;
    }
    dists[o + i] = dist;
    ids[o + i] = id;
  }
}
