import assert from 'node:assert/strict';
import { test } from 'node:test';
import { matmulTN } from '../../../../core/common/linalg/matmul.js';
import { polarFactor, randomOrthogonal } from '../../../../core/common/linalg/polarFactor.js';
import { createRng } from '../../../../core/common/random.js';

function maxOffIdentity(q: Float64Array, D: number, d: number): number {
  const qtq = matmulTN(q, q, D, d, d);
  let worst = 0;
  for (let i = 0; i < d; i++)
    for (let j = 0; j < d; j++) worst = Math.max(worst, Math.abs(qtq[i * d + j]! - (i === j ? 1 : 0)));
  return worst;
}

test('the polar factor of a full-rank matrix has orthonormal columns and maximises tr(UᵀG)', () => {
  const rng = createRng(5);
  const D = 12;
  const d = 5;
  const g = Float64Array.from({ length: D * d }, () => rng.gaussian());
  const u = polarFactor(g, D, d);
  assert.ok(maxOffIdentity(u, D, d) < 1e-10);
  // Procrustes: no other orthonormal-column matrix scores higher on tr(UᵀG).
  const score = (q: Float64Array) => q.reduce((s, v, i) => s + v * g[i]!, 0);
  for (let t = 0; t < 20; t++) {
    const r = randomOrthogonal(D, rng);
    const q = new Float64Array(D * d);
    for (let i = 0; i < D; i++) q.set(r.subarray(i * D, i * D + d), i * d);
    assert.ok(score(q) <= score(u) + 1e-9);
  }
});

test('a rank-deficient matrix gives a partial isometry, or with `complete` a rotation', () => {
  const rng = createRng(9);
  const D = 8;
  // Rank 3: G = A Bᵀ with A 8×3, B 8×3.
  const a = Float64Array.from({ length: D * 3 }, () => rng.gaussian());
  const b = Float64Array.from({ length: D * 3 }, () => rng.gaussian());
  const g = new Float64Array(D * D);
  for (let i = 0; i < D; i++)
    for (let j = 0; j < D; j++) for (let r = 0; r < 3; r++) g[i * D + j]! += a[i * 3 + r]! * b[j * 3 + r]!;
  const partial = polarFactor(g, D, D);
  const ptp = matmulTN(partial, partial, D, D, D);
  const trace = Array.from({ length: D }, (_, i) => ptp[i * D + i]!).reduce((s, v) => s + v, 0);
  assert.ok(Math.abs(trace - 3) < 1e-8, `trace ${trace}`);
  const rotation = polarFactor(g, D, D, createRng(1));
  assert.ok(maxOffIdentity(rotation, D, D) < 1e-10);
  assert.ok(maxOffIdentity(randomOrthogonal(D, rng), D, D) < 1e-12);
});
