import { CancelledError } from '../errors.js';
import type { KnnResult, Matrix } from '../types.js';

export interface HdbscanOptions {
  /** Smallest group that counts as a cluster (default 10). */
  minClusterSize?: number;
  /** Neighbours that define a point's core distance, counting itself (default minClusterSize). */
  minSamples?: number;
  /** Allow the whole data set to be one cluster (default false, as the reference implementation). */
  allowSingleCluster?: boolean;
  /** Precomputed k-NN of the rows among themselves (self excluded, l2 squared), k ≥ minSamples − 1. */
  knn?: KnnResult;
  isCancelled?: () => boolean;
}

export interface HdbscanResult {
  /** Cluster of each row, 0-based, −1 for noise. */
  labels: Int32Array;
  nClusters: number;
  /** Excess-of-mass stability of each returned cluster. */
  stability: Float64Array;
}

function dist(m: Matrix, a: number, b: number): number {
  const D = m.dim;
  let s = 0;
  for (let j = 0; j < D; j++) {
    const t = m.data[a * D + j]! - m.data[b * D + j]!;
    s += t * t;
  }
  return Math.sqrt(s);
}

/** Euclidean distance to the (minSamples − 1)-th other point (0 when minSamples ≤ 1). */
function coreDistances(m: Matrix, minSamples: number, knn?: KnnResult): Float64Array {
  const n = m.n;
  const core = new Float64Array(n);
  const kk = minSamples - 1;
  if (kk <= 0) return core;
  if (knn && knn.k >= kk) {
    for (let i = 0; i < n; i++) core[i] = Math.sqrt(Math.max(0, knn.dists[i * knn.k + kk - 1]!));
    return core;
  }
  const top = new Float64Array(kk);
  for (let i = 0; i < n; i++) {
    top.fill(Infinity);
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const d = dist(m, i, j);
      if (d >= top[kk - 1]!) continue;
      let p = kk - 1;
      while (p > 0 && top[p - 1]! > d) {
        top[p] = top[p - 1]!;
        p--;
      }
      top[p] = d;
    }
    core[i] = top[kk - 1]!;
  }
  return core;
}

/**
 * HDBSCAN (Campello, Moulavi & Sander 2013; McInnes et al.'s formulation): mutual-reachability
 * distances max(core_a, core_b, ‖a − b‖), their minimum spanning tree (Prim, O(n²·D): meant for maps and
 * reduced vectors up to a few tens of thousands of rows), the single-linkage hierarchy, the tree condensed
 * at minClusterSize, and the flat clustering of maximal excess-of-mass stability. Points outside every
 * selected cluster are noise (−1). Labels are numbered by decreasing cluster size.
 */
export function hdbscan(m: Matrix, opts: HdbscanOptions = {}): HdbscanResult {
  const n = m.n;
  const mcs = Math.max(2, opts.minClusterSize ?? 10);
  const minSamples = Math.max(1, opts.minSamples ?? mcs);
  if (n < 2) return { labels: new Int32Array(n).fill(-1), nClusters: 0, stability: new Float64Array(0) };
  const core = coreDistances(m, minSamples, opts.knn);

  // Prim's MST over the complete mutual-reachability graph.
  const best = new Float64Array(n).fill(Infinity);
  const from = new Int32Array(n).fill(-1);
  const rest = Int32Array.from({ length: n - 1 }, (_, i) => i + 1);
  let restN = n - 1;
  const eA = new Int32Array(n - 1);
  const eB = new Int32Array(n - 1);
  const eW = new Float64Array(n - 1);
  let cur = 0;
  for (let e = 0; e < n - 1; e++) {
    if ((e & 1023) === 0 && opts.isCancelled?.()) throw new CancelledError();
    let bi = -1;
    let bw = Infinity;
    const cc = core[cur]!;
    for (let t = 0; t < restN; t++) {
      const j = rest[t]!;
      let d = dist(m, cur, j);
      if (d < cc) d = cc;
      if (d < core[j]!) d = core[j]!;
      if (d < best[j]!) {
        best[j] = d;
        from[j] = cur;
      }
      if (best[j]! < bw) {
        bw = best[j]!;
        bi = t;
      }
    }
    const j = rest[bi]!;
    rest[bi] = rest[--restN]!;
    eA[e] = from[j]!;
    eB[e] = j;
    eW[e] = bw;
    cur = j;
  }

  // Single-linkage hierarchy: internal node n + e merges the roots of edge e's endpoints.
  const order = Int32Array.from({ length: n - 1 }, (_, i) => i).sort((a, b) => eW[a]! - eW[b]! || a - b);
  const parentUf = Int32Array.from({ length: 2 * n - 1 }, (_, i) => i);
  const find = (x: number): number => {
    while (parentUf[x] !== x) {
      parentUf[x] = parentUf[parentUf[x]!]!;
      x = parentUf[x]!;
    }
    return x;
  };
  const left = new Int32Array(n - 1);
  const right = new Int32Array(n - 1);
  const height = new Float64Array(n - 1);
  const size = new Int32Array(2 * n - 1).fill(1);
  for (let t = 0; t < n - 1; t++) {
    const e = order[t]!;
    const a = find(eA[e]!);
    const b = find(eB[e]!);
    const node = n + t;
    left[t] = a;
    right[t] = b;
    height[t] = eW[e]!;
    size[node] = size[a]! + size[b]!;
    parentUf[a] = node;
    parentUf[b] = node;
  }

  // Condense: walk down from the root; a split into two parts of at least mcs points starts two clusters,
  // otherwise the small side's points fall out of the current cluster at lambda = 1/height.
  const lambdaOf = (h: number): number => (h > 0 ? 1 / h : 1e300);
  const clusterParent: number[] = [-1];
  const birth: number[] = [0];
  const stab: number[] = [0];
  const pointCluster = new Int32Array(n);
  const stack: [number, number][] = [[2 * n - 2, 0]];
  const fallOut = (node: number, c: number, lambda: number): void => {
    const s = [node];
    while (s.length > 0) {
      const x = s.pop()!;
      if (x < n) {
        pointCluster[x] = c;
        stab[c]! += lambda - birth[c]!;
      } else {
        s.push(left[x - n]!, right[x - n]!);
      }
    }
  };
  if (n === 1) pointCluster[0] = 0;
  while (stack.length > 0) {
    if (opts.isCancelled?.()) throw new CancelledError();
    const [node, c] = stack.pop()!;
    if (node < n) {
      // A single point reached only when mcs ≤ 1; it falls out at its own level.
      fallOut(node, c, birth[c]!);
      continue;
    }
    const t = node - n;
    const lambda = lambdaOf(height[t]!);
    const l = left[t]!;
    const r = right[t]!;
    const bigL = size[l]! >= mcs;
    const bigR = size[r]! >= mcs;
    if (bigL && bigR) {
      for (const child of [l, r]) {
        const id = clusterParent.length;
        clusterParent.push(c);
        birth.push(lambda);
        stab.push(0);
        stab[c]! += size[child]! * (lambda - birth[c]!);
        stack.push([child, id]);
      }
    } else if (bigL) {
      fallOut(r, c, lambda);
      stack.push([l, c]);
    } else if (bigR) {
      fallOut(l, c, lambda);
      stack.push([r, c]);
    } else {
      fallOut(l, c, lambda);
      fallOut(r, c, lambda);
    }
  }

  // Excess-of-mass selection, children before parents (children always have larger ids).
  const nc = clusterParent.length;
  const childSum = new Float64Array(nc);
  const hasChild = new Uint8Array(nc);
  const selected = new Uint8Array(nc);
  const value = Float64Array.from(stab);
  for (let c = nc - 1; c >= 1; c--) {
    if (hasChild[c] && childSum[c]! > value[c]!) value[c] = childSum[c]!;
    else selected[c] = 1;
    const p = clusterParent[c]!;
    childSum[p]! += value[c]!;
    hasChild[p] = 1;
  }
  if (nc === 1 || (opts.allowSingleCluster && value[0]! >= childSum[0]!)) selected[0] = 1;
  // Keep only the topmost selected cluster on each path.
  for (let c = 1; c < nc; c++) {
    for (let p = clusterParent[c]!; p >= 0; p = clusterParent[p]!) {
      if (selected[p]) {
        selected[c] = 0;
        break;
      }
    }
  }
  if (nc === 1 && !opts.allowSingleCluster) selected[0] = 0;

  const owner = new Int32Array(nc).fill(-1);
  for (let c = 0; c < nc; c++) {
    for (let p = c; p >= 0; p = clusterParent[p]!) {
      if (selected[p]) {
        owner[c] = p;
        break;
      }
    }
  }
  const raw = new Int32Array(n);
  const counts = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const o = owner[pointCluster[i]!]!;
    raw[i] = o;
    if (o >= 0) counts.set(o, (counts.get(o) ?? 0) + 1);
  }
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map((e) => e[0]);
  const relabel = new Map(ranked.map((c, i) => [c, i]));
  const labels = Int32Array.from(raw, (o) => (o >= 0 ? relabel.get(o)! : -1));
  return { labels, nClusters: ranked.length, stability: Float64Array.from(ranked, (c) => stab[c]!) };
}
