import { eigenSymmetric } from '../linalg/eigenSymmetric.js';
import type { Rng } from '../random.js';
import type { FuzzyGraph } from './fuzzySimplicialSet.js';

/** The number of connected components of a symmetric graph (breadth-first search). */
export function connectedComponents(g: FuzzyGraph): number {
  const seen = new Uint8Array(g.n);
  const queue = new Int32Array(g.n);
  let count = 0;
  for (let s = 0; s < g.n; s++) {
    if (seen[s]) continue;
    count++;
    seen[s] = 1;
    let head = 0;
    let tail = 0;
    queue[tail++] = s;
    while (head < tail) {
      const i = queue[head++]!;
      for (let e = g.indptr[i]!; e < g.indptr[i + 1]!; e++) {
        const j = g.indices[e]!;
        if (!seen[j]) {
          seen[j] = 1;
          queue[tail++] = j;
        }
      }
    }
  }
  return count;
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
 * thousands. Returns undefined when the graph is not connected: the eigenvalue 1 then repeats once per
 * component and its eigenvectors only say which component a point is in, so the caller should start
 * some other way. Cost: `steps` sparse products plus O(n·steps²) for the reorthogonalisation.
 */
export function spectralLayout(g: FuzzyGraph, dim: number, rng: Rng, steps = 0): SpectralResult | undefined {
  const { n, indptr, indices, weights } = g;
  if (n <= dim + 1 || connectedComponents(g) > 1) return undefined;
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
