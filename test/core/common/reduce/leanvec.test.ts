import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fitReduction } from '../../../../core/common/reduce/fitReduction.js';
import { LeanVecObjective } from '../../../../core/common/reduce/leanvecLoss.js';
import { fitLeanVecOod } from '../../../../core/common/reduce/leanvecOod.js';
import { computeMoments, secondMoment } from '../../../../core/common/reduce/moments.js';
import { fitPca } from '../../../../core/common/reduce/pca.js';
import { reduceData, reduceQueries } from '../../../../core/common/reduce/reduction.js';
import { oodCase } from '../../../helpers/oodCase.js';
import { bruteKnn, recallAt } from '../../../helpers/fixtures.js';

test('the LeanVec loss equals ‖Q A Bᵀ Xᵀ − Q Xᵀ‖²_F computed directly', () => {
  const { base, learn } = oodCase(1);
  const D = base.dim;
  const x = { data: base.data.slice(0, 60 * D), n: 60, dim: D };
  const q = { data: learn.data.slice(0, 20 * D), n: 20, dim: D };
  const kx = secondMoment(computeMoments(x)).map((v) => v / x.n);
  const kq = secondMoment(computeMoments(q)).map((v) => v / q.n);
  const obj = new LeanVecObjective(kq, kx, D);
  const d = 5;
  const A = Float64Array.from({ length: D * d }, (_, i) => Math.sin(i));
  const B = Float64Array.from({ length: D * d }, (_, i) => Math.cos(i * 0.7));
  let err = 0;
  let ref = 0;
  for (let a = 0; a < q.n; a++)
    for (let b = 0; b < x.n; b++) {
      let exact = 0;
      for (let j = 0; j < D; j++) exact += q.data[a * D + j]! * x.data[b * D + j]!;
      let approx = 0;
      for (let c = 0; c < d; c++) {
        let qa = 0;
        let xb = 0;
        for (let j = 0; j < D; j++) {
          qa += q.data[a * D + j]! * A[j * d + c]!;
          xb += x.data[b * D + j]! * B[j * d + c]!;
        }
        approx += qa * xb;
      }
      err += (approx - exact) ** 2;
      ref += exact ** 2;
    }
  assert.ok(Math.abs(obj.loss(A, B, d) - err / ref) < 1e-6 * Math.max(1, err / ref));
});

test('LeanVec-OOD and -ES beat PCA on planted out-of-distribution queries; OOD lowers the loss', () => {
  const { base, learn, evaluate } = oodCase(2);
  const truth = bruteKnn(base, evaluate, 10, 'ip');
  const recall = (r: ReturnType<typeof fitPca>['reduction']): number =>
    recallAt(bruteKnn(reduceData(r, base), reduceQueries(r, evaluate), 10, 'ip'), truth, evaluate.n, 10, 10);
  const pca = recall(fitPca(base, { dim: 8, metric: 'ip' }).reduction);
  const ood = fitLeanVecOod(base, { dim: 8, metric: 'ip', learnQueries: learn });
  const es = fitReduction('leanvec-es', base, { dim: 8, metric: 'ip', learnQueries: learn });
  const oodRecall = recall(ood.reduction);
  const esRecall = recall(es.reduction);
  assert.ok(oodRecall > pca + 0.2, `ood ${oodRecall} vs pca ${pca}`);
  assert.ok(esRecall > pca + 0.2, `es ${esRecall} vs pca ${pca}`);
  const history = ood.diagnostics.lossHistory!;
  assert.ok(ood.diagnostics.loss! <= Math.min(...history));
  assert.ok(history[history.length - 1]! < history[0]!);
});

test('the sphering closed form reaches a loss no higher than Frank-Wolfe and beats PCA', () => {
  const { base, learn, evaluate } = oodCase(4);
  const truth = bruteKnn(base, evaluate, 10, 'ip');
  const recall = (r: ReturnType<typeof fitPca>['reduction']): number =>
    recallAt(bruteKnn(reduceData(r, base), reduceQueries(r, evaluate), 10, 'ip'), truth, evaluate.n, 10, 10);
  const fw = fitLeanVecOod(base, { dim: 8, metric: 'ip', learnQueries: learn });
  const sph = fitReduction('leanvec-ood', base, {
    dim: 8,
    metric: 'ip',
    learnQueries: learn,
    oodSolver: 'sphering',
  });
  assert.ok(
    sph.diagnostics.loss! <= fw.diagnostics.loss! + 1e-9,
    `${sph.diagnostics.loss} vs ${fw.diagnostics.loss}`,
  );
  const pca = recall(fitPca(base, { dim: 8, metric: 'ip' }).reduction);
  assert.ok(recall(sph.reduction) > pca + 0.2);
});

test('LeanVec-OOD refuses l2 with a user-facing error', () => {
  const { base, learn } = oodCase(3);
  assert.throws(
    () => fitLeanVecOod(base, { dim: 4, metric: 'l2', learnQueries: learn }),
    /models inner products/,
  );
});
