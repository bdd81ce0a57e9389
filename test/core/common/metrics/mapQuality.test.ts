import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mapQuality } from '../../../../core/common/metrics/mapQuality.js';
import { createRng } from '../../../../core/common/random.js';
import type { Matrix } from '../../../../core/common/types.js';

function randomMatrix(n: number, dim: number, seed: number): Matrix {
  const rng = createRng(seed);
  return { data: Float32Array.from({ length: n * dim }, () => rng.normal()), n, dim };
}

function dist2(m: Matrix, i: number, j: number): number {
  let s = 0;
  for (let c = 0; c < m.dim; c++) s += (m.data[i * m.dim + c]! - m.data[j * m.dim + c]!) ** 2;
  return s;
}

/** Trustworthiness straight from the definition: full rankings by sorting, sklearn's normalisation. */
function bruteTrust(x: Matrix, y: Matrix, k: number): number {
  const n = x.n;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const others = Array.from({ length: n }, (_, j) => j).filter((j) => j !== i);
    const byX = [...others].sort((a, b) => dist2(x, i, a) - dist2(x, i, b));
    const byY = [...others].sort((a, b) => dist2(y, i, a) - dist2(y, i, b));
    const rank = new Map(byX.map((j, r) => [j, r + 1]));
    for (const j of byY.slice(0, k)) sum += Math.max(0, rank.get(j)! - k);
  }
  return 1 - (2 / (n * k * (2 * n - 3 * k - 1))) * sum;
}

test('a map identical to its data scores 1 on every measure', () => {
  const x = randomMatrix(300, 3, 1);
  const labels = Int32Array.from({ length: 300 }, (_, i) => i % 4);
  const q = mapQuality(x, x, { labels });
  for (const k of [10, 15]) {
    assert.equal(q.trustworthiness[k], 1);
    assert.equal(q.continuity[k], 1);
    assert.equal(q.knnPreservation[k], 1);
  }
  // Labels assigned round-robin are unrelated to position: the hit rate sits near chance (0.25).
  assert.ok(Math.abs(q.neighbourhoodHit![10]! - 0.25) < 0.08, String(q.neighbourhoodHit![10]));
});

test('trustworthiness and continuity match the definition computed by full sorting', () => {
  const x = randomMatrix(150, 8, 2);
  const y = randomMatrix(150, 2, 3);
  // A map that keeps some structure: the first two coordinates plus noise.
  for (let i = 0; i < 150; i++) {
    y.data[i * 2] = x.data[i * 8]! + 0.3 * y.data[i * 2]!;
    y.data[i * 2 + 1] = x.data[i * 8 + 1]! + 0.3 * y.data[i * 2 + 1]!;
  }
  const q = mapQuality(x, y, { ks: [5, 10] });
  for (const k of [5, 10]) {
    assert.ok(Math.abs(q.trustworthiness[k]! - bruteTrust(x, y, k)) < 1e-9);
    assert.ok(Math.abs(q.continuity[k]! - bruteTrust(y, x, k)) < 1e-9);
  }
  assert.ok(q.trustworthiness[5]! > 0.6 && q.trustworthiness[5]! < 0.99);
});

test('a random map scores near 0.5 and a sampled estimate is close to the full one', () => {
  const x = randomMatrix(1200, 10, 4);
  const y = randomMatrix(1200, 2, 5);
  const full = mapQuality(x, y);
  assert.ok(Math.abs(full.trustworthiness[10]! - 0.5) < 0.05, String(full.trustworthiness[10]));
  const sampled = mapQuality(x, y, { sample: 300, seed: 9 });
  assert.equal(sampled.evaluated, 300);
  assert.ok(Math.abs(sampled.trustworthiness[10]! - full.trustworthiness[10]!) < 0.02);
  assert.ok(Math.abs(sampled.continuity[15]! - full.continuity[15]!) < 0.02);
});
