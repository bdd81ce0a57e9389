/** Dimension suggestions from a covariance spectrum. */
export interface SpectralDimension {
  /** Smallest k whose top-k eigenvalues explain strictly more than 90 / 95 / 99 % of the variance (null if the given spectrum never does). */
  pca90: number | null;
  pca95: number | null;
  pca99: number | null;
  /** (Σλ)² / Σλ². */
  participationRatio: number;
}

/**
 * PCA thresholds and participation ratio. `eigenvalues` are largest first and may be only the top
 * part of the spectrum, with `trace` and `traceOfSquare` (= ‖C‖²_F) of the full covariance given.
 */
export function spectralDimension(
  eigenvalues: ArrayLike<number>,
  trace?: number,
  traceOfSquare?: number,
): SpectralDimension {
  let total = 0;
  let squares = 0;
  for (let i = 0; i < eigenvalues.length; i++) {
    const l = Math.max(eigenvalues[i]!, 0);
    total += l;
    squares += l * l;
  }
  total = trace ?? total;
  squares = traceOfSquare ?? squares;
  const threshold = (tau: number): number | null => {
    let cum = 0;
    for (let i = 0; i < eigenvalues.length; i++) {
      cum += Math.max(eigenvalues[i]!, 0);
      if (cum / total > tau) return i + 1;
    }
    return null;
  };
  return {
    pca90: threshold(0.9),
    pca95: threshold(0.95),
    pca99: threshold(0.99),
    participationRatio: squares > 0 ? (total * total) / squares : 0,
  };
}
