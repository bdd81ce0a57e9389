import { eigenSymmetric } from '../linalg/eigenSymmetric.js';
import type { Rng } from '../random.js';
import type { Matrix } from '../types.js';
import { pcaCoordinates } from './pcaCoordinates.js';
import type { FuzzyGraph } from './fuzzySimplicialSet.js';

/** The number of connected components of a symmetric graph. */
export function connectedComponents(g: FuzzyGraph): number {
  return componentLabels(g).count;
}

/** Component of every node of a symmetric graph (breadth-first search), numbered from 0. */
function componentLabels(g: FuzzyGraph): { labels: Int32Array; count: number } {
  const labels = new Int32Array(g.n).fill(-1);
  const queue = new Int32Array(g.n);
  let count = 0;
  for (let s = 0; s < g.n; s++) {
    if (labels[s]! >= 0) continue;
    const c = count++;
    labels[s] = c;
    let head = 0;
    let tail = 0;
    queue[tail++] = s;
    while (head < tail) {
      const i = queue[head++]!;
      for (let e = g.indptr[i]!; e < g.indptr[i + 1]!; e++) {
        const j = g.indices[e]!;
        if (labels[j]! < 0) {
          labels[j] = c;
          queue[tail++] = j;
        }
      }
    }
  }
  return { labels, count };
}

export interface SpectralResult {
  /** n × dim, row-major: row i is point i's start position (unscaled eigenvector entries). */
  coords: Float32Array;
  /** The eigenvalues of D^-1/2 W D^-1/2 behind each coordinate, largest first (1 − Laplacian eigenvalue). */
  values: Float64Array;
  /** Largest residual ‖Mz − θz‖ of the returned Ritz pairs. */
  residual: number;
}

/**
 * umap-learn's default start: the eigenvectors of the symmetric normalised Laplacian
 * I − D^-1/2 W D^-1/2 for its smallest non-trivial eigenvalues. They are the largest eigenvectors of
 * M = D^-1/2 W D^-1/2, found here by Lanczos with full reorthogonalisation, run orthogonal to M's known
 * top eigenvector √d so that no step is spent on it. Clustered data puts many eigenvalues near 1 and
 * Lanczos still separates extreme ones in tens of steps, where plain subspace iteration would need
 * thousands. Cost: `steps` sparse products plus O(n·steps²) for the reorthogonalisation.
 *
 * A disconnected graph repeats the eigenvalue 1 once per component, and those eigenvectors only say
 * which component a point is in. So, as umap-learn does, each component is laid out by itself inside
 * a box around its place in a meta layout of the components: ±unit axes for up to 2·dim components,
 * else the PCA of the components' centroids in `data` (random places without data). Returns undefined
 * for tiny graphs and for more than 2,000 components.
 */
export function spectralLayout(
  g: FuzzyGraph,
  dim: number,
  rng: Rng,
  opts: { steps?: number; data?: Matrix } = {},
): SpectralResult | undefined {
  if (g.n <= dim + 1) return undefined;
  const { labels, count } = componentLabels(g);
  if (count === 1) return connectedSpectral(g, dim, rng, opts.steps ?? 0);
  if (count > MAX_COMPONENTS) return undefined;
  return multiComponentLayout(g, dim, rng, labels, count, opts.data);
}

/** Beyond this many components the meta layout says little; the caller starts some other way. */
const MAX_COMPONENTS = 2000;

function connectedSpectral(g: FuzzyGraph, dim: number, rng: Rng, steps: number): SpectralResult | undefined {
  const { n, indptr, indices, weights } = g;
  const m = Math.min(n - 1, steps > 0 ? steps : Math.max(40, 12 * dim + 24));

  const invSqrtDeg = new Float64Array(n);
  const u0 = new Float64Array(n);
  let norm0 = 0;
  for (let i = 0; i < n; i++) {
    let d = 0;
    for (let e = indptr[i]!; e < indptr[i + 1]!; e++) d += weights[e]!;
    invSqrtDeg[i] = d > 0 ? 1 / Math.sqrt(d) : 0;
    u0[i] = Math.sqrt(d);
    norm0 += d;
  }
  norm0 = Math.sqrt(norm0);
  for (let i = 0; i < n; i++) u0[i]! /= norm0;

  const apply = (x: Float64Array, out: Float64Array): void => {
    for (let i = 0; i < n; i++) {
      let acc = 0;
      for (let e = indptr[i]!; e < indptr[i + 1]!; e++) {
        const j = indices[e]!;
        acc += weights[e]! * invSqrtDeg[j]! * x[j]!;
      }
      out[i] = acc * invSqrtDeg[i]!;
    }
  };
  const project = (v: Float64Array, basis: Float64Array, count: number): void => {
    for (let pass = 0; pass < 2; pass++) {
      let c = 0;
      for (let i = 0; i < n; i++) c += v[i]! * u0[i]!;
      for (let i = 0; i < n; i++) v[i]! -= c * u0[i]!;
      for (let q = 0; q < count; q++) {
        const o = q * n;
        let dot = 0;
        for (let i = 0; i < n; i++) dot += v[i]! * basis[o + i]!;
        for (let i = 0; i < n; i++) v[i]! -= dot * basis[o + i]!;
      }
    }
  };
  const norm = (v: Float64Array): number => {
    let s = 0;
    for (let i = 0; i < n; i++) s += v[i]! * v[i]!;
    return Math.sqrt(s);
  };

  const Q = new Float64Array(m * n);
  const alpha = new Float64Array(m);
  const beta = new Float64Array(m);
  const v = new Float64Array(n);
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) v[i] = rng.normal();
  project(v, Q, 0);
  let b = norm(v);
  let used = 0;
  for (let j = 0; j < m; j++) {
    if (b < 1e-12) break;
    for (let i = 0; i < n; i++) Q[j * n + i] = v[i]! / b;
    if (j > 0) beta[j - 1] = b;
    used = j + 1;
    apply(Q.subarray(j * n, (j + 1) * n), w);
    let a = 0;
    for (let i = 0; i < n; i++) a += w[i]! * Q[j * n + i]!;
    alpha[j] = a;
    v.set(w);
    project(v, Q, j + 1);
    b = norm(v);
  }
  if (used < dim) return undefined;

  const T = new Float64Array(used * used);
  for (let j = 0; j < used; j++) {
    T[j * used + j] = alpha[j]!;
    if (j + 1 < used) T[j * used + j + 1] = T[(j + 1) * used + j] = beta[j]!;
  }
  const eig = eigenSymmetric(T, used);
  const coords = new Float32Array(n * dim);
  const values = new Float64Array(dim);
  let residual = 0;
  for (let c = 0; c < dim; c++) {
    values[c] = eig.values[c]!;
    const s = eig.vectors.subarray(c * used, (c + 1) * used);
    residual = Math.max(residual, Math.abs(b * s[used - 1]!));
    for (let i = 0; i < n; i++) {
      let x = 0;
      for (let j = 0; j < used; j++) x += s[j]! * Q[j * n + i]!;
      coords[i * dim + c] = x;
    }
  }
  return { coords, values, residual };
}

/** Rows of `g` whose label is `c`, as a graph of their own (local ids in `ids` order). */
function subgraph(g: FuzzyGraph, ids: Int32Array, local: Int32Array): FuzzyGraph {
  const indptr = new Int32Array(ids.length + 1);
  for (let t = 0; t < ids.length; t++) {
    const i = ids[t]!;
    indptr[t + 1] = indptr[t]! + g.indptr[i + 1]! - g.indptr[i]!;
  }
  const indices = new Int32Array(indptr[ids.length]!);
  const weights = new Float32Array(indices.length);
  for (let t = 0; t < ids.length; t++) {
    const i = ids[t]!;
    let o = indptr[t]!;
    for (let e = g.indptr[i]!; e < g.indptr[i + 1]!; e++, o++) {
      indices[o] = local[g.indices[e]!]!;
      weights[o] = g.weights[e]!;
    }
  }
  return { n: ids.length, indptr, indices, weights };
}

function multiComponentLayout(
  g: FuzzyGraph,
  dim: number,
  rng: Rng,
  labels: Int32Array,
  count: number,
  data: Matrix | undefined,
): SpectralResult {
  const { n } = g;
  const members: number[][] = Array.from({ length: count }, () => []);
  for (let i = 0; i < n; i++) members[labels[i]!]!.push(i);

  // Meta layout: one point per component, scaled so the largest coordinate is 1.
  let meta: Float32Array = new Float32Array(count * dim);
  if (count <= 2 * dim) {
    for (let c = 0; c < count; c++) meta[c * dim + (c % dim)] = c < dim ? 1 : -1;
  } else if (data) {
    const centroids = new Float32Array(count * data.dim);
    for (let c = 0; c < count; c++) {
      for (const i of members[c]!)
        for (let j = 0; j < data.dim; j++) centroids[c * data.dim + j]! += data.data[i * data.dim + j]!;
      for (let j = 0; j < data.dim; j++) centroids[c * data.dim + j]! /= members[c]!.length;
    }
    meta = pcaCoordinates({ data: centroids, n: count, dim: data.dim }, dim, rng);
  } else {
    for (let t = 0; t < meta.length; t++) meta[t] = rng.next() * 2 - 1;
  }
  let maxAbs = 0;
  for (const v of meta) maxAbs = Math.max(maxAbs, Math.abs(v));
  for (let t = 0; t < meta.length; t++) meta[t] = maxAbs > 0 ? meta[t]! / maxAbs : 0;

  const coords = new Float32Array(n * dim);
  const local = new Int32Array(n);
  let residual = 0;
  for (let c = 0; c < count; c++) {
    // Half the distance to the nearest other component's place is a ball no other component enters;
    // the component fills the box inscribed in it.
    let nearest = Infinity;
    for (let o = 0; o < count; o++) {
      if (o === c) continue;
      let d2 = 0;
      for (let k = 0; k < dim; k++) d2 += (meta[c * dim + k]! - meta[o * dim + k]!) ** 2;
      if (d2 > 0) nearest = Math.min(nearest, d2);
    }
    const range = (Number.isFinite(nearest) ? Math.sqrt(nearest) / 2 : 1) / Math.sqrt(dim);
    const ids = Int32Array.from(members[c]!);
    let own: Float32Array | undefined;
    if (ids.length >= 2 * dim && ids.length > dim + 1) {
      ids.forEach((i, t) => (local[i] = t));
      const r = connectedSpectral(subgraph(g, ids, local), dim, rng, 0);
      if (r) {
        own = r.coords;
        residual = Math.max(residual, r.residual);
        let m = 0;
        for (const v of own) m = Math.max(m, Math.abs(v));
        const s = m > 0 ? range / m : 0;
        for (let t = 0; t < own.length; t++) own[t] = own[t]! * s;
      }
    }
    ids.forEach((i, t) => {
      for (let k = 0; k < dim; k++) {
        const v = own ? own[t * dim + k]! : (rng.next() * 2 - 1) * range;
        coords[i * dim + k] = meta[c * dim + k]! + v;
      }
    });
  }
  return { coords, values: new Float64Array(0), residual };
}
