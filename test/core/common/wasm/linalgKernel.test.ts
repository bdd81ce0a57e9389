import assert from 'node:assert/strict';
import { test } from 'node:test';
import { matmul, matmulReference } from '../../../../core/common/linalg/matmul.js';
import { Rng } from '../../../../core/common/random.js';
import { computeMoments, momentsReference } from '../../../../core/common/reduce/moments.js';
import { gemmWasm } from '../../../../core/common/wasm/linalgKernel.js';
import { gaussianMatrix } from '../../../helpers/fixtures.js';

function maxRelDiff(a: Float64Array, b: Float64Array): number {
  let scale = 0;
  let diff = 0;
  for (let i = 0; i < a.length; i++) {
    scale = Math.max(scale, Math.abs(b[i]!));
    diff = Math.max(diff, Math.abs(a[i]! - b[i]!));
  }
  return diff / Math.max(scale, 1e-300);
}

test('wasm GEMM matches the plain-TS product, including ragged shapes', () => {
  const rng = new Rng(7);
  for (const [m, k, n] of [
    [1, 1, 1],
    [5, 3, 7],
    [33, 17, 9],
    [64, 130, 64],
  ] as const) {
    const a = Float64Array.from({ length: m * k }, () => rng.gaussian());
    const b = Float64Array.from({ length: k * n }, () => rng.gaussian());
    assert.ok(maxRelDiff(gemmWasm(a, b, m, k, n), matmulReference(a, b, m, k, n)) < 1e-12, `${m}x${k}x${n}`);
    assert.ok(maxRelDiff(matmul(a, b, m, k, n), matmulReference(a, b, m, k, n)) < 1e-12);
  }
});

test('wasm Gram kernel (mixed precision) matches the float64 two-pass moments', () => {
  for (const [n, dim] of [
    [300, 13],
    [1000, 40],
  ] as const) {
    const m = gaussianMatrix(n, dim, 3);
    // a far-off-centre mean tests the shift
    for (let i = 0; i < m.data.length; i++) m.data[i]! += 50 + (i % dim);
    for (const normalize of [false, true]) {
      const got = computeMoments(m, { normalize });
      const ref = momentsReference(m, normalize);
      assert.equal(got.n, n);
      assert.ok(maxRelDiff(got.mean, ref.mean) < 1e-6, 'mean');
      assert.ok(maxRelDiff(got.scatter, ref.scatter) < 1e-5, `scatter ${n}x${dim} normalize=${normalize}`);
    }
  }
});
