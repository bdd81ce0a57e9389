import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eigenSymmetric } from '../../../../core/common/linalg/eigenSymmetric.js';
import { topEigenSymmetric } from '../../../../core/common/linalg/topEigenSymmetric.js';
import { Rng } from '../../../../core/common/random.js';

function randomSpd(n: number, seed: number): Float64Array {
  const rng = new Rng(seed);
  const g = Float64Array.from({ length: n * n }, () => rng.gaussian());
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      let s = 0;
      // decaying column weights give a spread spectrum
      for (let k = 0; k < n; k++) s += (g[i * n + k]! * g[j * n + k]!) / (1 + k);
      a[i * n + j] = s;
    }
  return a;
}

test('dense eigensolver: A v = λ v, orthonormal vectors, sorted values, trace preserved', () => {
  for (const n of [1, 2, 7, 60]) {
    const a = randomSpd(n, n);
    const { values, vectors } = eigenSymmetric(a, n);
    let trace = 0;
    for (let i = 0; i < n; i++) trace += a[i * n + i]!;
    assert.ok(Math.abs(values.reduce((s, v) => s + v, 0) - trace) < 1e-9 * trace);
    for (let v = 0; v < n; v++) {
      if (v > 0) assert.ok(values[v - 1]! >= values[v]!);
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let k = 0; k < n; k++) s += a[i * n + k]! * vectors[v * n + k]!;
        assert.ok(Math.abs(s - values[v]! * vectors[v * n + i]!) < 1e-9 * values[0]!);
      }
      for (let w = 0; w <= v; w++) {
        let dot = 0;
        for (let k = 0; k < n; k++) dot += vectors[v * n + k]! * vectors[w * n + k]!;
        assert.ok(Math.abs(dot - (v === w ? 1 : 0)) < 1e-10);
      }
    }
  }
});

test('dense eigensolver handles repeated eigenvalues and a zero matrix', () => {
  const n = 6;
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) a[i * n + i] = i < 3 ? 2 : 1;
  assert.deepEqual(Array.from(eigenSymmetric(a, n).values), [2, 2, 2, 1, 1, 1]);
  assert.deepEqual(Array.from(eigenSymmetric(new Float64Array(9), 3).values), [0, 0, 0]);
});

test('subspace iteration finds the same top eigenvalues as the dense solver', () => {
  const n = 150;
  const a = randomSpd(n, 11);
  const dense = eigenSymmetric(a, n);
  const top = topEigenSymmetric(a, n, 10, { seed: 3 });
  for (let i = 0; i < 10; i++)
    assert.ok(Math.abs(top.values[i]! - dense.values[i]!) < 1e-8 * dense.values[0]!);
  for (let i = 0; i < 10; i++) {
    let dot = 0;
    for (let k = 0; k < n; k++) dot += top.vectors[i * n + k]! * dense.vectors[i * n + k]!;
    assert.ok(Math.abs(Math.abs(dot) - 1) < 1e-6, `vector ${i}: |cos| = ${Math.abs(dot)}`);
  }
});
