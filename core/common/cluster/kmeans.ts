import { CancelledError } from '../errors.js';
import { defaultKernels } from '../kernels/kernels.js';
import { WasmArena } from '../quantize/wasmArena.js';
import type { Rng } from '../random.js';
import { createRng, sampleIndices } from '../random.js';
import type { Matrix } from '../types.js';

/**
 * Squared Euclidean distances from rows [start, end) of `m` to every centroid (k × dim, row-major):
 * out[(i − start)·k + c]. The engine may pass a WASM kernel; the default is plain TS.
 */
type CentroidDistances = (
  m: Matrix,
  start: number,
  end: number,
  centroids: Float32Array,
  k: number,
  out: Float32Array,
) => void;

export interface KmeansOptions {
  k: number;
  seed?: number;
  /** Lloyd iterations per run (default 100). */
  maxIter?: number;
  /** Stop when the objective improves by less than this fraction (default 1e-5). */
  tol?: number;
  /** Independent starts; the best objective wins (default 10, scikit-learn's classic default; 1 with given centroids). */
  nInit?: number;
  /**
   * How a start picks its centroids: greedy k-means++ (default), k distinct random rows (what the
   * codecs use: k-means++ would cost k passes over the training rows in every sub-space), or given
   * k × dim centroids (copied), as OPQ resumes from its previous codebooks.
   */
  init?: 'kmeans++' | 'random' | Float32Array;
  /**
   * Default: nearest centroid per row inside WebAssembly, rows resident in its memory for the whole run.
   * `plainCentroidDistances` (plain TS) and `wasmCentroidDistances` give all k distances per row block.
   */
  distances?: CentroidDistances;
  /** Checked between iterations. */
  isCancelled?: () => boolean;
}

export interface KmeansResult {
  /** Cluster of each row. */
  labels: Int32Array;
  /** k × dim, row-major. */
  centroids: Float32Array;
  /** Sum of squared distances of rows to their centroid. */
  inertia: number;
  iterations: number;
}

/** Plain-TS reference for CentroidDistances (‖x‖² + ‖c‖² − 2x·c, clamped at 0). */
export const plainCentroidDistances: CentroidDistances = (m, start, end, centroids, k, out) => {
  const D = m.dim;
  const cn = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    let s = 0;
    for (let j = 0; j < D; j++) s += centroids[c * D + j]! ** 2;
    cn[c] = s;
  }
  for (let i = start; i < end; i++) {
    const o = i * D;
    let xn = 0;
    for (let j = 0; j < D; j++) xn += m.data[o + j]! ** 2;
    for (let c = 0; c < k; c++) {
      const co = c * D;
      let dot = 0;
      for (let j = 0; j < D; j++) dot += m.data[o + j]! * centroids[co + j]!;
      const d = xn + cn[c]! - 2 * dot;
      out[(i - start) * k + c] = d > 0 ? d : 0;
    }
  }
};

function rowDist2(m: Matrix, i: number, c: Float32Array, ci: number): number {
  const D = m.dim;
  let s = 0;
  for (let j = 0; j < D; j++) {
    const t = m.data[i * D + j]! - c[ci * D + j]!;
    s += t * t;
  }
  return s;
}

/** CentroidDistances with the WASM SIMD kernels (squared l2 from the differences). */
export const wasmCentroidDistances: CentroidDistances = (m, start, end, centroids, k, out) => {
  defaultKernels().l2Batch(
    m.data.subarray(start * m.dim, end * m.dim),
    end - start,
    centroids,
    k,
    m.dim,
    out.subarray(0, (end - start) * k),
  );
};

/**
 * Greedy k-means++ seeding (Arthur & Vassilvitskii; 2 + ⌊ln k⌋ candidates per step, keeping the one
 * that lowers the potential most, as scikit-learn does). Returns k × dim centroids.
 */
function kmeansPlusPlus(m: Matrix, k: number, rng: Rng): Float32Array {
  const { n, dim: D } = m;
  const cents = new Float32Array(k * D);
  const first = rng.int(n);
  cents.set(m.data.subarray(first * D, first * D + D), 0);
  const closest = new Float64Array(n);
  let pot = 0;
  for (let i = 0; i < n; i++) pot += closest[i] = rowDist2(m, i, cents, 0);
  const trials = 2 + Math.floor(Math.log(k));
  const cand = new Float64Array(n);
  const best = new Float64Array(n);
  const one = new Float32Array(D);
  for (let c = 1; c < k; c++) {
    let bestPot = Infinity;
    let bestId = 0;
    for (let t = 0; t < trials; t++) {
      // Sample proportional to the current squared distance.
      let r = rng.next() * pot;
      let id = 0;
      for (; id < n - 1; id++) {
        r -= closest[id]!;
        if (r <= 0) break;
      }
      one.set(m.data.subarray(id * D, id * D + D));
      let p = 0;
      for (let i = 0; i < n; i++) {
        const d = Math.min(closest[i]!, rowDist2(m, i, one, 0));
        cand[i] = d;
        p += d;
      }
      if (p < bestPot) {
        bestPot = p;
        bestId = id;
        best.set(cand);
      }
    }
    cents.set(m.data.subarray(bestId * D, bestId * D + D), c * D);
    closest.set(best);
    pot = bestPot;
  }
  return cents;
}

/** Lloyd iterations from the given centroids (modified in place). */
function lloyd(
  m: Matrix,
  centroids: Float32Array,
  k: number,
  maxIter: number,
  tol: number,
  assign: Assign,
  isCancelled?: () => boolean,
): { labels: Int32Array; inertia: number; iterations: number } {
  const { n, dim: D } = m;
  const labels = new Int32Array(n);
  const sums = new Float64Array(k * D);
  const counts = new Int32Array(k);
  let prev = Infinity;
  let inertia = Infinity;
  let it = 0;
  while (it < maxIter) {
    if (isCancelled?.()) throw new CancelledError();
    inertia = assign(centroids, labels);
    it++;
    if (Number.isFinite(prev) && prev - inertia <= tol * prev) break;
    prev = inertia;
    sums.fill(0);
    counts.fill(0);
    for (let i = 0; i < n; i++) {
      const c = labels[i]!;
      counts[c]!++;
      for (let j = 0; j < D; j++) sums[c * D + j]! += m.data[i * D + j]!;
    }
    const empty: number[] = [];
    for (let c = 0; c < k; c++) {
      if (counts[c] === 0) empty.push(c);
      else for (let j = 0; j < D; j++) centroids[c * D + j] = sums[c * D + j]! / counts[c]!;
    }
    if (empty.length > 0) refillEmpty(m, centroids, labels, empty);
  }
  // The last assignment may predate the last centroid update; make labels and inertia consistent.
  inertia = assign(centroids, labels);
  return { labels, inertia, iterations: it };
}

/**
 * Empty clusters take the rows farthest from their centroids, one distinct row each (one pass over the
 * rows however many are empty: duplicate training rows, common in PQ sub-spaces, empty many at once).
 */
function refillEmpty(m: Matrix, centroids: Float32Array, labels: Int32Array, empty: number[]): void {
  const D = m.dim;
  const far = new Float64Array(m.n);
  for (let i = 0; i < m.n; i++) far[i] = rowDist2(m, i, centroids, labels[i]!);
  const order = Array.from({ length: m.n }, (_, i) => i).sort((x, y) => far[y]! - far[x]!);
  empty.forEach((c, e) => {
    const row = order[e % m.n]!;
    centroids.set(m.data.subarray(row * D, row * D + D), c * D);
    labels[row] = c;
  });
}

/** Nearest centroid of every row into `labels`; returns the sum of squared distances. */
type Assign = (centroids: Float32Array, labels: Int32Array) => number;

/** Assignment from all k distances per block of rows (the plain reference or the batch kernel). */
function blockAssign(m: Matrix, k: number, distances: CentroidDistances): Assign {
  const block = 1024;
  const dist = new Float32Array(block * k);
  return (centroids, labels) => {
    let total = 0;
    for (let s = 0; s < m.n; s += block) {
      const e = Math.min(m.n, s + block);
      distances(m, s, e, centroids, k, dist);
      for (let i = s; i < e; i++) {
        let bc = 0;
        let bd = Infinity;
        for (let c = 0; c < k; c++) {
          const d = dist[(i - s) * k + c]!;
          if (d < bd) {
            bd = d;
            bc = c;
          }
        }
        labels[i] = bc;
        total += bd;
      }
    }
    return total;
  };
}

/** Assignment inside WebAssembly: the rows are copied into its memory once, the centroids per pass. */
function residentAssign(m: Matrix, k: number): Assign {
  const { n, dim: D } = m;
  const a = new WasmArena();
  const xAt = a.reserve(n * D * 4);
  const cAt = a.reserve(k * D * 4);
  a.commit();
  a.f32(xAt, n * D).set(m.data.subarray(0, n * D));
  return (centroids, labels) => {
    a.f32(cAt, k * D).set(centroids.subarray(0, k * D));
    let total = 0;
    for (let i = 0; i < n; i++) {
      const c = a.k.nearestL2(xAt + i * D * 4, cAt, k, D);
      labels[i] = c;
      total += rowDist2(m, i, centroids, c);
    }
    return total;
  };
}

/** k distinct random rows as centroids. */
function randomRows(m: Matrix, k: number, rng: Rng): Float32Array {
  const D = m.dim;
  const cents = new Float32Array(k * D);
  const pick = sampleIndices(m.n, k, rng);
  pick.forEach((r, c) => cents.set(m.data.subarray(r * D, r * D + D), c * D));
  return cents;
}

/**
 * k-means: Lloyd iterations from k-means++ seeds (or random rows, or given centroids); the best of
 * nInit seeded runs. The one k-means of the engine: clustering and the PQ / OPQ codebooks use it.
 */
export function kmeans(m: Matrix, opts: KmeansOptions): KmeansResult {
  const k = opts.k;
  if (!(k >= 1 && k <= m.n)) throw new Error(`k must be between 1 and ${m.n}`);
  const rng = createRng(opts.seed ?? 42);
  const assign = opts.distances ? blockAssign(m, k, opts.distances) : residentAssign(m, k);
  const init = opts.init ?? 'kmeans++';
  const starts = typeof init === 'string' ? (opts.nInit ?? 10) : 1;
  let best: KmeansResult | undefined;
  for (let r = 0; r < starts; r++) {
    const centroids =
      init === 'kmeans++'
        ? kmeansPlusPlus(m, k, rng)
        : init === 'random'
          ? randomRows(m, k, rng)
          : Float32Array.from(init.subarray(0, k * m.dim));
    const run = lloyd(m, centroids, k, opts.maxIter ?? 100, opts.tol ?? 1e-5, assign, opts.isCancelled);
    if (!best || run.inertia < best.inertia) best = { ...run, centroids };
  }
  return best!;
}
