import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  fitGaussianRp,
  fitSparseRp,
  johnsonLindenstraussDim,
} from '../../../../core/common/reduce/randomProjection.js';
import { reduceData, reductionCost } from '../../../../core/common/reduce/reduction.js';
import { fitTruncation } from '../../../../core/common/reduce/truncation.js';
import { gaussianMatrix } from '../../../helpers/fixtures.js';

test('JL dimension matches the textbook bound (n = 1e6: 11,841 at eps 0.1, 663 at 0.5)', () => {
  assert.equal(johnsonLindenstraussDim(1e6, 0.1), 11841);
  assert.equal(johnsonLindenstraussDim(1e6, 0.5), 663);
});

for (const [name, fit] of [
  ['gaussian', fitGaussianRp],
  ['very sparse', fitSparseRp],
] as const) {
  test(`${name} random projection preserves squared distances on average and is seeded`, () => {
    const x = gaussianMatrix(200, 400, 1);
    const r = fit(400, { dim: 200, seed: 4 }).reduction;
    assert.deepEqual(fit(400, { dim: 200, seed: 4 }).reduction.dataMatrix, r.dataMatrix);
    assert.notDeepEqual(fit(400, { dim: 200, seed: 5 }).reduction.dataMatrix, r.dataMatrix);
    const y = reduceData(r, x);
    let ratioSum = 0;
    let worst = 0;
    let pairs = 0;
    for (let i = 0; i < 50; i++)
      for (let j = i + 1; j < 50; j++) {
        let a = 0;
        let b = 0;
        for (let c = 0; c < 400; c++) a += (x.data[i * 400 + c]! - x.data[j * 400 + c]!) ** 2;
        for (let c = 0; c < 200; c++) b += (y.data[i * 200 + c]! - y.data[j * 200 + c]!) ** 2;
        ratioSum += b / a;
        worst = Math.max(worst, Math.abs(b / a - 1));
        pairs++;
      }
    assert.ok(Math.abs(ratioSum / pairs - 1) < 0.05, `mean ratio ${ratioSum / pairs}`);
    assert.ok(worst < 0.45, `worst distortion ${worst}`);
  });
}

test('very sparse projection has about 1/sqrt(D) non-zeros', () => {
  const r = fitSparseRp(400, { dim: 100, seed: 2 }).reduction;
  const nz = r.dataMatrix.reduce((s, v) => s + (v !== 0 ? 1 : 0), 0);
  const expected = (400 * 100) / 20;
  assert.ok(Math.abs(nz - expected) < 0.1 * expected, `${nz} non-zeros`);
});

test('truncation keeps the first d coordinates and can renormalise; costs are reported', () => {
  const x = { data: Float32Array.from([3, 4, 12, 1, 0, 2]), n: 2, dim: 3 };
  const t = fitTruncation(3, { dim: 2 }).reduction;
  assert.deepEqual(Array.from(reduceData(t, x).data), [3, 4, 1, 0]);
  const tn = fitTruncation(3, { dim: 2, renormalize: true }).reduction;
  assert.deepEqual(Array.from(reduceData(tn, x).data), [0.6, 0.8, 1, 0].map(Math.fround));
  assert.deepEqual(reductionCost(t), { bytes: 4 * 6, flopsPerVector: 2 });
  assert.deepEqual(reductionCost(fitGaussianRp(3, { dim: 2 }).reduction), { bytes: 24, flopsPerVector: 6 });
});
