import { Rng } from '../random.js';
import type { CsrMatrix } from '../text/tfidf.js';
import { choleskyQr2 } from './choleskyQr.js';
import { eigenSymmetric } from './eigenSymmetric.js';
import { transpose } from './matmul.js';
import { orthonormalizeRows } from './orthonormalizeRows.js';

export interface SparseSvdOptions {
  seed?: number;
  /** Extra columns of the random sketch beyond `rank` (default 20). */
  oversample?: number;
  /** Power iterations, which sharpen a slowly decaying spectrum (default 3). */
  powerIterations?: number;
}

/** Y (rows × p, row-major) = X · W for W (X.cols × p, row-major). */
function times(x: CsrMatrix, w: Float64Array, p: number): Float64Array {
  const out = new Float64Array(x.n * p);
  for (let i = 0; i < x.n; i++)
    for (let e = x.indptr[i]!; e < x.indptr[i + 1]!; e++) {
      const v = x.values[e]!;
      const src = x.indices[e]! * p;
      for (let j = 0; j < p; j++) out[i * p + j]! += v * w[src + j]!;
    }
  return out;
}

/** Z (X.cols × p, row-major) = Xᵀ · Q for Q (X.n × p, row-major). */
function timesTransposed(x: CsrMatrix, q: Float64Array, p: number): Float64Array {
  const out = new Float64Array(x.cols * p);
  for (let i = 0; i < x.n; i++)
    for (let e = x.indptr[i]!; e < x.indptr[i + 1]!; e++) {
      const v = x.values[e]!;
      const dst = x.indices[e]! * p;
      for (let j = 0; j < p; j++) out[dst + j]! += v * q[i * p + j]!;
    }
  return out;
}

/** Orthonormal columns spanning those of an m × p row-major matrix (returned in the same layout). */
function orthonormalColumns(a: Float64Array, m: number, p: number, rng: Rng): Float64Array {
  const rows = transpose(a, m, p);
  let q = choleskyQr2(rows, p, m);
  if (!q) {
    orthonormalizeRows(rows, p, m, () => Float64Array.from({ length: m }, () => rng.gaussian()));
    q = rows;
  }
  return transpose(q, p, m);
}

/**
 * The `rank` largest singular triplets' left side of a sparse matrix X (n × cols), by the randomized
 * range finder with power iterations (Halko, Martinsson and Tropp 2011): Q spans X·Ω sharpened by
 * (X Xᵀ)^q, then the small p × p matrix (XᵀQ)ᵀ(XᵀQ) = QᵀX XᵀQ is diagonalised exactly. Returns the
 * rows' coordinates U·Σ (n × rank, row-major, largest singular value first) and the singular values.
 */
export function sparseTruncatedSvd(
  x: CsrMatrix,
  rank: number,
  opts: SparseSvdOptions = {},
): { coords: Float64Array; singularValues: Float64Array } {
  const p = Math.min(rank + (opts.oversample ?? 20), x.n, x.cols);
  const r = Math.min(rank, p);
  const rng = new Rng(opts.seed ?? 1);
  const omega = Float64Array.from({ length: x.cols * p }, () => rng.gaussian());
  let q = orthonormalColumns(times(x, omega, p), x.n, p, rng);
  for (let it = 0; it < (opts.powerIterations ?? 3); it++) {
    const z = orthonormalColumns(timesTransposed(x, q, p), x.cols, p, rng);
    q = orthonormalColumns(times(x, z, p), x.n, p, rng);
  }
  const bt = timesTransposed(x, q, p); // Xᵀ Q = Bᵀ, cols × p
  const gram = new Float64Array(p * p);
  for (let t = 0; t < x.cols; t++)
    for (let a = 0; a < p; a++) {
      const v = bt[t * p + a]!;
      if (v === 0) continue;
      for (let b = 0; b < p; b++) gram[a * p + b]! += v * bt[t * p + b]!;
    }
  const { values, vectors } = eigenSymmetric(gram, p);
  const singularValues = Float64Array.from(values.subarray(0, r), (l) => Math.sqrt(Math.max(0, l)));
  // U Σ = Q · V_B · Σ where V_B's columns are the eigenvectors (rows of `vectors`).
  const coords = new Float64Array(x.n * r);
  for (let i = 0; i < x.n; i++)
    for (let c = 0; c < r; c++) {
      let s = 0;
      for (let j = 0; j < p; j++) s += q[i * p + j]! * vectors[c * p + j]!;
      coords[i * r + c] = s * singularValues[c]!;
    }
  return { coords, singularValues };
}
