import { sparseTruncatedSvd } from '../linalg/sparseTruncatedSvd.js';
import type { Matrix } from '../types.js';
import { tfidf } from './tfidf.js';

export interface LsaOptions {
  /** Output dimensions (default 128). */
  dim?: number;
  /** Terms in fewer texts are dropped (default 2). */
  minDf?: number;
  seed?: number;
}

/**
 * Latent semantic analysis: TF-IDF of the texts reduced to `dim` dimensions by a truncated SVD, each
 * row then scaled to unit length so inner product is cosine. A bag-of-words embedding to set beside a
 * neural one: it knows which words texts share, not what they mean. A text with no kept term is a zero
 * row. Deterministic for a given seed.
 */
export function lsaEmbedding(
  texts: readonly string[],
  opts: LsaOptions = {},
): { vectors: Matrix; terms: number } {
  const { matrix, vocabulary } = tfidf(texts, opts.minDf ?? 2);
  const dim = Math.min(opts.dim ?? 128, matrix.n, matrix.cols);
  const { coords } = sparseTruncatedSvd(matrix, dim, { seed: opts.seed ?? 1 });
  const data = new Float32Array(matrix.n * dim);
  for (let i = 0; i < matrix.n; i++) {
    let s = 0;
    for (let j = 0; j < dim; j++) s += coords[i * dim + j]! ** 2;
    const inv = s > 0 ? 1 / Math.sqrt(s) : 0;
    for (let j = 0; j < dim; j++) data[i * dim + j] = coords[i * dim + j]! * inv;
  }
  return { vectors: { data, n: matrix.n, dim }, terms: vocabulary.length };
}
