import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eigenSymmetric } from '../../../../core/common/linalg/eigenSymmetric.js';
import { sparseTruncatedSvd } from '../../../../core/common/linalg/sparseTruncatedSvd.js';
import type { CsrMatrix } from '../../../../core/common/text/tfidf.js';
import { rng } from '../../../helpers/fixtures.js';

/** A random sparse n × cols matrix (about `density` of it nonzero) and its dense copy. */
function sparse(
  n: number,
  cols: number,
  density: number,
  seed: number,
): { x: CsrMatrix; dense: Float64Array } {
  const r = rng(seed);
  const dense = new Float64Array(n * cols);
  const indptr = new Int32Array(n + 1);
  const indices: number[] = [];
  const values: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < cols; c++)
      if (r() < density) {
        const v = r() * 2 - 1 + (c < 3 ? 3 : 0);
        dense[i * cols + c] = v;
        indices.push(c);
        values.push(v);
      }
    indptr[i + 1] = indices.length;
  }
  return {
    x: { n, cols, indptr, indices: Int32Array.from(indices), values: Float64Array.from(values) },
    dense,
  };
}

test('the randomized sparse SVD matches the dense eigen-decomposition of X Xᵀ', () => {
  const n = 80;
  const cols = 50;
  const { x, dense } = sparse(n, cols, 0.2, 3);
  const g = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let c = 0; c < cols; c++) s += dense[i * cols + c]! * dense[j * cols + c]!;
      g[i * n + j] = s;
    }
  const exact = eigenSymmetric(g, n);
  const rank = 6;
  // With the sketch as wide as X the range is exact; the default sketch must still get the leading
  // triplets, which stand apart from the rest (the first three columns carry a large offset).
  const wide = sparseTruncatedSvd(x, rank, { seed: 2, oversample: cols });
  const sketch = sparseTruncatedSvd(x, rank, { seed: 2 });
  for (let c = 0; c < 3; c++) {
    const sigma = Math.sqrt(exact.values[c]!);
    assert.ok(Math.abs(sketch.singularValues[c]! - sigma) < 1e-6 * sigma, `sketch σ${c}`);
  }
  const { coords, singularValues } = wide;
  for (let c = 0; c < rank; c++) {
    const sigma = Math.sqrt(exact.values[c]!);
    assert.ok(Math.abs(singularValues[c]! - sigma) < 1e-9 * sigma, `σ${c}: ${singularValues[c]} vs ${sigma}`);
    // The coordinates are U Σ: column c is σ_c times the c-th eigenvector of X Xᵀ, up to sign.
    let dot = 0;
    for (let i = 0; i < n; i++) dot += coords[i * rank + c]! * exact.vectors[c * n + i]!;
    assert.ok(Math.abs(Math.abs(dot) - sigma) < 1e-8 * sigma, `column ${c}: ${dot} vs ±${sigma}`);
  }
});
