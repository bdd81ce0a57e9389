import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fitReduction } from '../../../../core/common/reduce/fitReduction.js';
import {
  fitLeanVecEigenSearch,
  leanVecEigenSearch,
} from '../../../../core/common/reduce/leanvecEigenSearch.js';
import { fitLeanVecEs } from '../../../../core/common/reduce/leanvecEs.js';
import { prepareLeanVec } from '../../../../core/common/reduce/leanvecSetup.js';
import { fitPca } from '../../../../core/common/reduce/pca.js';
import { reduceData, reduceQueries, type LinearReduction } from '../../../../core/common/reduce/reduction.js';
import type { Matrix } from '../../../../core/common/types.js';
import { oodCase } from '../../../helpers/oodCase.js';
import { bruteKnn, recallAt } from '../../../helpers/fixtures.js';

function recallOf(r: LinearReduction, base: Matrix, evaluate: Matrix): number {
  const truth = bruteKnn(base, evaluate, 10, 'ip');
  const found = bruteKnn(reduceData(r, base), reduceQueries(r, evaluate), 10, 'ip');
  return recallAt(found, truth, evaluate.n, 10, 10);
}

test('eigen-search is the leanvec-ood default: Frank–Wolfe’s loss within 5 % and recall within 0.02, far above PCA', () => {
  for (const seed of [2, 5, 7]) {
    const { base, learn, evaluate } = oodCase(seed);
    const opts = { dim: 8, metric: 'ip' as const, learnQueries: learn };
    const es = fitReduction('leanvec-ood', base, opts);
    const fw = fitReduction('leanvec-ood', base, { ...opts, oodSolver: 'frank-wolfe' });
    assert.equal(es.diagnostics.solver, 'eigen-search');
    assert.equal(fw.diagnostics.solver, 'frank-wolfe');
    assert.ok(es.diagnostics.notes.includes('solver: eigen-search'));
    const lossEs = es.diagnostics.loss!;
    const lossFw = fw.diagnostics.loss!;
    assert.ok(lossEs <= lossFw * 1.05, `seed ${seed}: eigen-search loss ${lossEs} vs Frank–Wolfe ${lossFw}`);
    const rEs = recallOf(es.reduction, base, evaluate);
    const rFw = recallOf(fw.reduction, base, evaluate);
    const rPca = recallOf(fitPca(base, { dim: 8, metric: 'ip' }).reduction, base, evaluate);
    assert.ok(rEs >= rFw - 0.02, `seed ${seed}: recall ${rEs} vs Frank–Wolfe ${rFw}`);
    assert.ok(rEs > rPca + 0.2, `seed ${seed}: recall ${rEs} vs PCA ${rPca}`);
  }
});

test('eigen-search: one orthonormal matrix for data and queries, the loss it reports is the exact loss', () => {
  const { base, learn } = oodCase(3);
  const d = 6;
  const fit = fitLeanVecEigenSearch(base, { dim: d, metric: 'ip', learnQueries: learn });
  const r = fit.reduction;
  assert.equal(r.dataMatrix, r.queryMatrix);
  assert.equal(r.centerQueries, false);
  const D = base.dim;
  for (let a = 0; a < d; a++)
    for (let b = 0; b < d; b++) {
      let dot = 0;
      for (let j = 0; j < D; j++) dot += r.dataMatrix[j * d + a]! * r.dataMatrix[j * d + b]!;
      assert.ok(Math.abs(dot - (a === b ? 1 : 0)) < 1e-5, `PᵀP[${a}][${b}] = ${dot}`);
    }
  const obj = prepareLeanVec(base, { learnQueries: learn }, 'test').objective;
  const p = Float64Array.from(r.dataMatrix);
  assert.ok(Math.abs(obj.loss(p, p, d) - fit.diagnostics.loss!) < 1e-5 * fit.diagnostics.loss!);
});

test('the subspace search finds the same blend as the full-space search (m = D) and leanvec-es', () => {
  for (const seed of [2, 9]) {
    const { base, learn } = oodCase(seed);
    const obj = prepareLeanVec(base, { learnQueries: learn }, 'test').objective;
    for (const d of [4, 8, 12, 20]) {
      const sub = leanVecEigenSearch(obj, d);
      const full = leanVecEigenSearch(obj, d, { subspaceDim: base.dim });
      assert.equal(sub.subspaceDim, Math.min(base.dim, d + 32));
      assert.equal(full.subspaceDim, base.dim);
      // Rayleigh–Ritz in a subspace loses almost nothing against the exact eigenvectors
      assert.ok(sub.loss <= full.loss * 1.02, `seed ${seed} d ${d}: ${sub.loss} vs ${full.loss}`);
      const es = fitLeanVecEs(base, { dim: d, metric: 'ip', learnQueries: learn });
      assert.ok(
        sub.loss <= es.diagnostics.loss! * 1.01,
        `seed ${seed} d ${d}: ${sub.loss} vs ES ${es.diagnostics.loss}`,
      );
      // every β tried lies in [0, 1] and the chosen one has the lowest subspace loss
      for (const t of sub.trials) assert.ok(t.beta >= 0 && t.beta <= 1 && t.loss >= 0);
    }
  }
});

test('eigen-search is deterministic and independent of the seed option', () => {
  const { base, learn } = oodCase(4);
  const fit = (seed: number): LinearReduction =>
    fitReduction('leanvec-ood', base, { dim: 8, metric: 'ip', learnQueries: learn, seed }).reduction;
  const a = fit(1);
  const b = fit(1);
  const c = fit(17);
  assert.deepEqual(a.dataMatrix, b.dataMatrix);
  assert.deepEqual(a.dataMatrix, c.dataMatrix);
  // a different learning set changes the answer (the test can fail: the fit does read the queries)
  const other = oodCase(5).learn;
  const d = fitReduction('leanvec-ood', base, { dim: 8, metric: 'ip', learnQueries: other }).reduction;
  assert.notDeepEqual(a.dataMatrix, d.dataMatrix);
});

test('eigen-search refuses l2 and out-of-range dimensions', () => {
  const { base, learn } = oodCase(3);
  assert.throws(
    () => fitLeanVecEigenSearch(base, { dim: 4, metric: 'l2', learnQueries: learn }),
    /models inner products/,
  );
  assert.throws(() => fitLeanVecEigenSearch(base, { dim: 0, learnQueries: learn }), /--dim must be between/);
  assert.throws(() => fitLeanVecEigenSearch(base, { dim: 49, learnQueries: learn }), /--dim must be between/);
});
