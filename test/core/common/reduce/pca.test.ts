import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Rng } from '../../../../core/common/random.js';
import { momentsReference } from '../../../../core/common/reduce/moments.js';
import { fitPca } from '../../../../core/common/reduce/pca.js';
import { reduceData, reduceQueries } from '../../../../core/common/reduce/reduction.js';
import { plantedSubspace } from '../../../helpers/fixtures.js';

/** Top eigenvalues of a symmetric matrix by power iteration with deflation (independent of the solvers). */
function powerEigenvalues(a: Float64Array, n: number, k: number): number[] {
  const m = Float64Array.from(a);
  const rng = new Rng(99);
  const out: number[] = [];
  for (let e = 0; e < k; e++) {
    let v = Float64Array.from({ length: n }, () => rng.gaussian());
    let lambda = 0;
    for (let it = 0; it < 5000; it++) {
      const w = new Float64Array(n);
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) w[i]! += m[i * n + j]! * v[j]!;
      const norm = Math.hypot(...w);
      const next = norm;
      v = w.map((x) => x / norm);
      if (Math.abs(next - lambda) < 1e-14 * next) break;
      lambda = next;
    }
    out.push(lambda);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) m[i * n + j]! -= lambda * v[i]! * v[j]!;
  }
  return out;
}

test('PCA recovers a planted subspace and its eigenvalues match power iteration to 1e-4', () => {
  const dim = 40;
  const { matrix, basis } = plantedSubspace(4000, dim, [10, 7, 5, 3], 0.05, 1, 3);
  for (const solver of ['dense', 'subspace'] as const) {
    const { reduction, diagnostics } = fitPca(matrix, { dim: 4, solver });
    const B = reduction.dataMatrix;
    // every planted basis vector lies in the span of the fitted axes
    for (let i = 0; i < 4; i++) {
      let captured = 0;
      for (let c = 0; c < 4; c++) {
        let dot = 0;
        for (let j = 0; j < dim; j++) dot += basis[i * dim + j]! * B[j * 4 + c]!;
        captured += dot * dot;
      }
      assert.ok(captured > 0.999, `${solver}: basis ${i} captured ${captured}`);
    }
    assert.ok(diagnostics.explainedVariance! > 0.99);
    const ref = momentsReference(matrix);
    const cov = ref.scatter.map((v) => v / (ref.n - 1));
    const power = powerEigenvalues(cov, dim, 4);
    for (let i = 0; i < 4; i++) {
      const rel = Math.abs(diagnostics.eigenvalues![i]! - power[i]!) / power[i]!;
      assert.ok(rel < 1e-4, `${solver}: eigenvalue ${i} rel err ${rel}`);
    }
  }
});

test('PCA centring rules: data always centred, queries only under l2, cosine normalises', () => {
  const { matrix } = plantedSubspace(500, 12, [4, 3, 2], 0.1, 2, 5);
  const q = { data: matrix.data.slice(0, 12), n: 1, dim: 12 };
  const l2 = fitPca(matrix, { dim: 3, metric: 'l2' }).reduction;
  const ip = fitPca(matrix, { dim: 3, metric: 'ip' }).reduction;
  assert.equal(l2.centerQueries, true);
  assert.equal(ip.centerQueries, false);
  // under l2 a base row and the same vector as a query land on the same point
  assert.deepEqual(reduceQueries(l2, q).data, reduceData(l2, q).data);
  // under ip the query is projected without the mean
  const rq = reduceQueries(ip, q).data;
  const rd = reduceData(ip, q).data;
  assert.ok(Math.abs(rq[0]! - rd[0]!) > 1e-3);
  const cos = fitPca(matrix, { dim: 3, metric: 'cos' }).reduction;
  const scaled = { data: q.data.map((v) => v * 7), n: 1, dim: 12 };
  const a = reduceQueries(cos, q).data;
  const b = reduceQueries(cos, scaled).data;
  for (let c = 0; c < 3; c++) assert.ok(Math.abs(a[c]! - b[c]!) < 1e-5);
});
