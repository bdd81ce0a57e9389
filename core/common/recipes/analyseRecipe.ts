// "Analyse" as one recipe: the PCA spectrum and intrinsic dimension estimates the data set panel shows
// and `vecscope idim` prints, with their defaults stated once.
import { intrinsicDimension, type IntrinsicDimension } from '../metrics/intrinsicDimension.js';
import type { Matrix } from '../types.js';

export const ANALYSE_DEFAULTS = {
  /** Principal axes the spectrum shows. */
  spectrumAxes: 64,
  /** Rows the intrinsic dimension estimates use (TwoNN and MLE are quadratic in it). */
  sampleSize: 2000,
  /** Seed of that row sample. */
  seed: 1,
} as const;

/** The leading eigenvalues as shares of the whole variance (trace), clamped at 0, largest first. */
export function spectrumShares(
  eigenvalues: Float64Array,
  totalVariance: number,
  axes: number = ANALYSE_DEFAULTS.spectrumAxes,
): Float32Array {
  return Float32Array.from(eigenvalues.subarray(0, axes), (v) =>
    totalVariance > 0 ? Math.max(v, 0) / totalVariance : 0,
  );
}

/** TwoNN, MLE, PCA 90/95/99 % and participation ratio over a seeded row sample. */
export function intrinsicEstimates(
  vectors: Matrix,
  opts: { sampleSize?: number | undefined; seed?: number | undefined } = {},
): IntrinsicDimension {
  return intrinsicDimension(vectors, {
    sampleSize: opts.sampleSize ?? ANALYSE_DEFAULTS.sampleSize,
    seed: opts.seed ?? ANALYSE_DEFAULTS.seed,
  });
}
