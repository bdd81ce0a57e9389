import { eigenSymmetric } from '../linalg/eigenSymmetric.js';
import { topEigenSymmetric } from '../linalg/topEigenSymmetric.js';
import { Rng } from '../random.js';
import { computeMoments } from '../reduce/moments.js';
import type { Matrix } from '../types.js';
import { mleDimension } from './mleDimension.js';
import { spectralDimension, type SpectralDimension } from './spectralDimension.js';
import { twoNn } from './twoNn.js';

export interface IntrinsicDimension extends SpectralDimension {
  twoNN: number;
  /** Levina–Bickel, k = 20, harmonic mean. */
  mle: number;
  /** Rows used by the neighbour-based estimators. */
  sampleSize: number;
}

export interface IntrinsicDimensionOptions {
  /** The neighbour-based estimators use a random sample of this many rows (neighbours within it); default 2000. */
  sampleSize?: number;
  seed?: number;
  /** MLE neighbours; default 20. */
  k?: number;
}

/** Above this D the spectrum is the top 256 eigenvalues (subspace iteration) rather than all of them. */
const DENSE_MAX_DIM = 1024;

/**
 * TwoNN, MLE (on a random sample, exact neighbours within the sample, duplicates skipped) and the
 * spectral suggestions (PCA 90/95/99 % thresholds and participation ratio, from the full covariance).
 */
export function intrinsicDimension(m: Matrix, opts: IntrinsicDimensionOptions = {}): IntrinsicDimension {
  const k = opts.k ?? 20;
  const D = m.dim;
  const size = Math.min(m.n, opts.sampleSize ?? 2000);
  const rng = new Rng(opts.seed ?? 1);
  const perm = Int32Array.from({ length: m.n }, (_, i) => i);
  for (let i = 0; i < size; i++) {
    const j = i + rng.int(m.n - i);
    const t = perm[i]!;
    perm[i] = perm[j]!;
    perm[j] = t;
  }
  const sample = new Float64Array(size * D);
  for (let r = 0; r < size; r++) for (let j = 0; j < D; j++) sample[r * D + j] = m.data[perm[r]! * D + j]!;
  const dists = positiveNeighbourDistances(sample, size, D, k);
  const r1 = new Float64Array(size);
  const r2 = new Float64Array(size);
  for (let i = 0; i < size; i++) {
    r1[i] = dists[i * k]!;
    r2[i] = dists[i * k + 1]!;
  }
  const mom = computeMoments(m);
  const cov = mom.scatter.map((v) => v / Math.max(mom.n - 1, 1));
  let trace = 0;
  for (let j = 0; j < D; j++) trace += cov[j * D + j]!;
  const traceOfSquare = cov.reduce((s, v) => s + v * v, 0);
  const values = D <= DENSE_MAX_DIM ? eigenSymmetric(cov, D).values : topEigenSymmetric(cov, D, 256).values;
  return {
    twoNN: twoNn(r1, r2),
    mle: mleDimension(dists, size, k),
    ...spectralDimension(values, trace, traceOfSquare),
    sampleSize: size,
  };
}

/** For each row, the k smallest strictly positive Euclidean distances to other rows (n × k, ascending; Infinity pads). */
function positiveNeighbourDistances(x: Float64Array, n: number, D: number, k: number): Float64Array {
  const norms = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < D; j++) s += x[i * D + j]! ** 2;
    norms[i] = s;
  }
  const out = new Float64Array(n * k).fill(Infinity);
  const row = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let p = 0; p < n; p++) {
      if (p === i) {
        row[p] = Infinity;
        continue;
      }
      let dot = 0;
      for (let j = 0; j < D; j++) dot += x[i * D + j]! * x[p * D + j]!;
      row[p] = norms[i]! + norms[p]! - 2 * dot;
    }
    const best = out.subarray(i * k, i * k + k);
    for (let p = 0; p < n; p++) {
      const d2 = row[p]!;
      // squared distances below this are duplicates (up to rounding of the expansion)
      if (!(d2 > 1e-9 * (norms[i]! + norms[p]!)) || d2 >= best[k - 1]! ** 2) continue;
      let pos = k - 1;
      const dist = Math.sqrt(d2);
      while (pos > 0 && best[pos - 1]! > dist) {
        best[pos] = best[pos - 1]!;
        pos--;
      }
      best[pos] = dist;
    }
  }
  return out;
}
