/**
 * A sorted buffer of the best `capacity` (distance, id) pairs seen, with an "expanded" flag per entry
 * for graph search. Arrays are allocated once and grow only when a larger capacity is asked for.
 */
export class CandidateBuffer {
  ids: Int32Array;
  dists: Float64Array;
  expanded: Uint8Array;
  size = 0;
  capacity = 0;

  constructor(capacity: number) {
    this.ids = new Int32Array(capacity);
    this.dists = new Float64Array(capacity);
    this.expanded = new Uint8Array(capacity);
    this.capacity = capacity;
  }

  reset(capacity: number): void {
    if (capacity > this.ids.length) {
      this.ids = new Int32Array(capacity);
      this.dists = new Float64Array(capacity);
      this.expanded = new Uint8Array(capacity);
    }
    this.capacity = capacity;
    this.size = 0;
  }

  /** Whether a candidate at distance d would enter the buffer. */
  accepts(d: number): boolean {
    return this.size < this.capacity || d < this.dists[this.size - 1]!;
  }

  /** Inserts in sorted position (ties after existing entries); returns the position, or −1 if full
   * and not better than the worst entry. */
  insert(id: number, d: number): number {
    const { ids, dists, expanded } = this;
    if (this.size === this.capacity) {
      if (!(d < dists[this.size - 1]!)) return -1;
      this.size--;
    }
    let lo = 0;
    let hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (dists[mid]! <= d) lo = mid + 1;
      else hi = mid;
    }
    for (let i = this.size; i > lo; i--) {
      ids[i] = ids[i - 1]!;
      dists[i] = dists[i - 1]!;
      expanded[i] = expanded[i - 1]!;
    }
    ids[lo] = id;
    dists[lo] = d;
    expanded[lo] = 0;
    this.size++;
    return lo;
  }

  /** Re-sorts the first `count` entries by `dists` (after re-scoring), insertion sort: count is small. */
  sortPrefix(count: number): void {
    const { ids, dists } = this;
    for (let i = 1; i < count; i++) {
      const d = dists[i]!;
      const id = ids[i]!;
      let j = i - 1;
      while (j >= 0 && dists[j]! > d) {
        dists[j + 1] = dists[j]!;
        ids[j + 1] = ids[j]!;
        j--;
      }
      dists[j + 1] = d;
      ids[j + 1] = id;
    }
  }
}
