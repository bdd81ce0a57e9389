import { CancelledError } from '../errors.js';
import { defaultKernels } from '../kernels/kernels.js';
import type { Rng } from '../random.js';
import { createRng } from '../random.js';
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
  /** Independent k-means++ starts; the best objective wins (default 10, scikit-learn's classic default). */
  nInit?: number;
  /** Default: the WASM kernels (`plainCentroidDistances` is the plain-TS reference). */
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
const wasmCentroidDistances: CentroidDistances = (m, start, end, centroids, k, out) => {
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
  distances: CentroidDistances,
  isCancelled?: () => boolean,
): { labels: Int32Array; inertia: number; iterations: number } {
  const { n, dim: D } = m;
  const labels = new Int32Array(n);
  const block = 1024;
  const dist = new Float32Array(block * k);
  const sums = new Float64Array(k * D);
  const counts = new Int32Array(k);
  let prev = Infinity;
  let inertia = Infinity;
  let it = 0;
  const assign = (): number => {
    let total = 0;
    for (let s = 0; s < n; s += block) {
      const e = Math.min(n, s + block);
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
  while (it < maxIter) {
    if (isCancelled?.()) throw new CancelledError();
    inertia = assign();
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
    for (let c = 0; c < k; c++) {
      if (counts[c] === 0) {
        // An empty cluster takes the point farthest from its centroid.
        let far = 0;
        let fd = -1;
        for (let i = 0; i < n; i++) {
          const d = rowDist2(m, i, centroids, labels[i]!);
          if (d > fd) {
            fd = d;
            far = i;
          }
        }
        centroids.set(m.data.subarray(far * D, far * D + D), c * D);
        labels[far] = c;
        continue;
      }
      for (let j = 0; j < D; j++) centroids[c * D + j] = sums[c * D + j]! / counts[c]!;
    }
  }
  // The last assignment may predate the last centroid update; make labels and inertia consistent.
  inertia = assign();
  return { labels, inertia, iterations: it };
}

/** k-means with k-means++ seeding and Lloyd iterations; the best of nInit seeded runs. */
export function kmeans(m: Matrix, opts: KmeansOptions): KmeansResult {
  const k = opts.k;
  if (!(k >= 1 && k <= m.n)) throw new Error(`k must be between 1 and ${m.n}`);
  const rng = createRng(opts.seed ?? 42);
  const distances = opts.distances ?? wasmCentroidDistances;
  let best: KmeansResult | undefined;
  for (let r = 0; r < (opts.nInit ?? 10); r++) {
    const centroids = kmeansPlusPlus(m, k, rng);
    const run = lloyd(m, centroids, k, opts.maxIter ?? 100, opts.tol ?? 1e-5, distances, opts.isCancelled);
    if (!best || run.inertia < best.inertia) best = { ...run, centroids };
  }
  return best!;
}
