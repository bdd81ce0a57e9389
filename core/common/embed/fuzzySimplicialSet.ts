import type { KnnResult, Metric } from '../types.js';

/**
 * A symmetric sparse graph in CSR form: row i's neighbours are indices[indptr[i] .. indptr[i+1]),
 * sorted by column, with membership strengths in weights. Owned by whoever received it.
 */
export interface FuzzyGraph {
  n: number;
  indptr: Int32Array;
  indices: Int32Array;
  weights: Float32Array;
}

export interface FuzzySetOptions {
  /** UMAP's n_neighbors, counting the point itself (umap-learn convention); default knn.k + 1. */
  nNeighbors?: number;
  localConnectivity?: number;
  /** 1 = fuzzy union (UMAP default), 0 = fuzzy intersection. */
  setOpMixRatio?: number;
}

const SMOOTH_K_TOLERANCE = 1e-5;
const MIN_K_DIST_SCALE = 1e-3;

/**
 * Converts a k-NN result's ranking distances into the non-negative distances UMAP smooths:
 * l2 (stored squared) becomes Euclidean, cos (stored as −cos) becomes 1 − cos, ip is shifted so each
 * row starts at 0 (only differences within a row matter to the smoothing). Returns a new array.
 */
export function umapDistances(knn: KnnResult, metric: Metric): Float32Array {
  const out = new Float32Array(knn.dists.length);
  const { k } = knn;
  for (let i = 0; i < knn.nq; i++) {
    const first = knn.dists[i * k]!;
    for (let j = 0; j < k; j++) {
      const d = knn.dists[i * k + j]!;
      out[i * k + j] =
        metric === 'l2' ? Math.sqrt(Math.max(0, d)) : metric === 'cos' ? Math.max(0, 1 + d) : d - first;
    }
  }
  return out;
}

/**
 * Per-row UMAP smoothing: rho = distance to the nearest non-identical neighbour, sigma such that
 * Σ_j exp(−(d_j − rho)/sigma) = log2(nNeighbors) over the row's neighbours (self excluded).
 * `dists` is nq × k (self excluded, ascending). Returns new arrays.
 */
export function smoothKnnDistances(
  dists: Float32Array,
  nq: number,
  k: number,
  nNeighbors: number,
  localConnectivity = 1,
): { sigmas: Float32Array; rhos: Float32Array } {
  const target = Math.log2(nNeighbors);
  const sigmas = new Float32Array(nq);
  const rhos = new Float32Array(nq);
  let globalMean = 0;
  for (let i = 0; i < dists.length; i++) globalMean += dists[i]!;
  globalMean /= Math.max(1, dists.length);
  for (let i = 0; i < nq; i++) {
    const o = i * k;
    let rowMean = 0;
    let nonZero = 0;
    for (let j = 0; j < k; j++) {
      const d = dists[o + j]!;
      rowMean += d;
      if (d > 0) nonZero++;
    }
    rowMean /= k;
    let rho = 0;
    if (nonZero >= localConnectivity) {
      const index = Math.floor(localConnectivity);
      const interp = localConnectivity - index;
      const nz = (t: number): number => {
        let c = 0;
        for (let j = 0; j < k; j++) {
          const d = dists[o + j]!;
          if (d > 0) {
            if (c === t) return d;
            c++;
          }
        }
        return 0;
      };
      if (index > 0) {
        rho = nz(index - 1);
        if (interp > SMOOTH_K_TOLERANCE) rho += interp * (nz(index) - nz(index - 1));
      } else rho = interp * nz(0);
    } else if (nonZero > 0) {
      for (let j = 0; j < k; j++) rho = Math.max(rho, dists[o + j]!);
    }
    let lo = 0;
    let hi = Infinity;
    let mid = 1;
    for (let it = 0; it < 64; it++) {
      let psum = 0;
      for (let j = 0; j < k; j++) {
        const d = dists[o + j]! - rho;
        psum += d > 0 ? Math.exp(-d / mid) : 1;
      }
      if (Math.abs(psum - target) < SMOOTH_K_TOLERANCE) break;
      if (psum > target) {
        hi = mid;
        mid = (lo + hi) / 2;
      } else {
        lo = mid;
        mid = hi === Infinity ? mid * 2 : (lo + hi) / 2;
      }
    }
    const floor = MIN_K_DIST_SCALE * (rho > 0 ? rowMean : globalMean);
    sigmas[i] = Math.max(mid, floor);
    rhos[i] = rho;
  }
  return { sigmas, rhos };
}

/** Membership strengths exp(−(d − rho)/sigma) of each listed neighbour, nq × k. Returns a new array. */
export function membershipStrengths(
  dists: Float32Array,
  nq: number,
  k: number,
  sigmas: Float32Array,
  rhos: Float32Array,
): Float32Array {
  const w = new Float32Array(nq * k);
  for (let i = 0; i < nq; i++) {
    for (let j = 0; j < k; j++) {
      const d = dists[i * k + j]! - rhos[i]!;
      w[i * k + j] = d <= 0 || sigmas[i] === 0 ? 1 : Math.exp(-d / sigmas[i]!);
    }
  }
  return w;
}

/**
 * UMAP's fuzzy simplicial set of a point set from its k-NN graph (the base against itself, self
 * excluded, best first): smoothed memberships, then w + wᵀ − w∘wᵀ (fuzzy union). `dists` are the
 * non-negative distances of `umapDistances`. Returns a new graph owned by the caller.
 */
export function fuzzySimplicialSet(
  knn: KnnResult,
  dists: Float32Array,
  opts: FuzzySetOptions = {},
): FuzzyGraph {
  const { nq: n, k } = knn;
  const nNeighbors = opts.nNeighbors ?? k + 1;
  const mix = opts.setOpMixRatio ?? 1;
  const { sigmas, rhos } = smoothKnnDistances(dists, n, k, nNeighbors, opts.localConnectivity ?? 1);
  const w = membershipStrengths(dists, n, k, sigmas, rhos);

  // Directed graph in CSR with rows sorted by column, then its transpose by counting sort.
  const dIdx = new Int32Array(n * k);
  const dW = new Float32Array(n * k);
  const order = new Int32Array(k);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < k; j++) order[j] = j;
    const row = knn.ids.subarray(i * k, i * k + k);
    order.sort((a, b) => row[a]! - row[b]!);
    for (let j = 0; j < k; j++) {
      dIdx[i * k + j] = row[order[j]!]!;
      dW[i * k + j] = w[i * k + order[j]!]!;
    }
  }
  const tPtr = new Int32Array(n + 1);
  for (let e = 0; e < n * k; e++) if (dIdx[e]! >= 0) tPtr[dIdx[e]! + 1]!++;
  for (let i = 0; i < n; i++) tPtr[i + 1]! += tPtr[i]!;
  const tIdx = new Int32Array(tPtr[n]!);
  const tW = new Float32Array(tPtr[n]!);
  const fill = tPtr.slice(0, n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < k; j++) {
      const c = dIdx[i * k + j]!;
      if (c < 0) continue;
      const p = fill[c]!++;
      tIdx[p] = i;
      tW[p] = dW[i * k + j]!;
    }
  }

  const indptr = new Int32Array(n + 1);
  const indices = new Int32Array(n * k + tPtr[n]!);
  const weights = new Float32Array(indices.length);
  let nnz = 0;
  for (let i = 0; i < n; i++) {
    let a = i * k;
    const aEnd = a + k;
    let b = tPtr[i]!;
    const bEnd = tPtr[i + 1]!;
    while (a < aEnd && dIdx[a]! < 0) a++;
    while (a < aEnd || b < bEnd) {
      let col: number;
      let x = 0;
      let y = 0;
      if (b >= bEnd || (a < aEnd && dIdx[a]! < tIdx[b]!)) {
        col = dIdx[a]!;
        x = dW[a++]!;
      } else if (a >= aEnd || tIdx[b]! < dIdx[a]!) {
        col = tIdx[b]!;
        y = tW[b++]!;
      } else {
        col = dIdx[a]!;
        x = dW[a++]!;
        y = tW[b++]!;
      }
      // Duplicate ids in a row (possible with approximate graphs) are merged by keeping the max.
      const v = mix * (x + y - x * y) + (1 - mix) * x * y;
      if (nnz > indptr[i]! && indices[nnz - 1] === col) {
        weights[nnz - 1] = Math.max(weights[nnz - 1]!, v);
        continue;
      }
      if (col === i || v <= 0) continue;
      indices[nnz] = col;
      weights[nnz] = v;
      nnz++;
    }
    indptr[i + 1] = nnz;
  }
  return { n, indptr, indices: indices.slice(0, nnz), weights: weights.slice(0, nnz) };
}
