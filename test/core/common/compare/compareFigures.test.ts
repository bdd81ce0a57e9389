import assert from 'node:assert/strict';
import { test } from 'node:test';
import { distanceSpearman, ranks } from '../../../../core/common/compare/distanceSpearman.js';
import { linearCka } from '../../../../core/common/compare/linearCka.js';
import { neighbourAgreement } from '../../../../core/common/compare/neighbourAgreement.js';
import type { Matrix } from '../../../../core/common/types.js';
import { randomMatrix, rng } from '../../../helpers/fixtures.js';

const knn = (rows: number[][]) => ({
  ids: Int32Array.from(rows.flat()),
  dists: new Float32Array(rows.length * rows[0]!.length),
  nq: rows.length,
  k: rows[0]!.length,
});

test('neighbour agreement is the Jaccard and the overlap of the two neighbour sets', () => {
  const a = knn([
    [1, 2, 3],
    [0, 2, 3],
    [4, 0, 1],
  ]);
  const b = knn([
    [3, 2, 1],
    [4, 5, 0],
    [5, 6, 7],
  ]);
  const r = neighbourAgreement(a, b, 3);
  assert.deepEqual(Array.from(r.overlap), [1, 1 / 3, 0].map(Math.fround));
  assert.deepEqual(Array.from(r.jaccard), [1, 1 / 5, 0].map(Math.fround));
  // The first 2 neighbours only: row 0 shares {2} of {1,2} and {3,2}.
  assert.equal(neighbourAgreement(a, b, 2).jaccard[0], Math.fround(1 / 3));
});

/** Linear CKA by its definition in float64 (test reference). */
function ckaReference(x: Matrix, y: Matrix): number {
  const centred = (m: Matrix) => {
    const out = Float64Array.from(m.data);
    for (let j = 0; j < m.dim; j++) {
      let s = 0;
      for (let i = 0; i < m.n; i++) s += out[i * m.dim + j]!;
      for (let i = 0; i < m.n; i++) out[i * m.dim + j]! -= s / m.n;
    }
    return out;
  };
  const cx = centred(x);
  const cy = centred(y);
  const frob2 = (p: Float64Array, dp: number, q: Float64Array, dq: number) => {
    let f = 0;
    for (let a = 0; a < dp; a++)
      for (let b = 0; b < dq; b++) {
        let s = 0;
        for (let i = 0; i < x.n; i++) s += p[i * dp + a]! * q[i * dq + b]!;
        f += s * s;
      }
    return f;
  };
  return frob2(cy, y.dim, cx, x.dim) / Math.sqrt(frob2(cx, x.dim, cx, x.dim) * frob2(cy, y.dim, cy, y.dim));
}

test('linear CKA: 1 under rotation and scaling into more dimensions, near 0 for unrelated rows, as defined', () => {
  const n = 1500;
  const x = randomMatrix(n, 12, 3);
  // y = 3 · [x Q, 0]: an orthogonal map (a Givens rotation of every pair of axes), scaled, padded to 20-d.
  const y: Matrix = { data: new Float32Array(n * 20), n, dim: 20 };
  const [c, s] = [Math.cos(0.7), Math.sin(0.7)];
  for (let i = 0; i < n; i++)
    for (let j = 0; j < 12; j += 2) {
      const u = x.data[i * 12 + j]!;
      const v = x.data[i * 12 + j + 1]!;
      y.data[i * 20 + j] = 3 * (c * u - s * v);
      y.data[i * 20 + j + 1] = 3 * (s * u + c * v);
    }
  assert.ok(Math.abs(linearCka(x, y) - 1) < 1e-4, `${linearCka(x, y)}`);
  const z = randomMatrix(n, 8, 4);
  assert.ok(linearCka(x, z) < 0.05, `unrelated: ${linearCka(x, z)}`);
  // A partial relation: z's first 4 columns are x's first 4 plus noise.
  const mixed: Matrix = { data: Float32Array.from(z.data), n, dim: 8 };
  for (let i = 0; i < n; i++) for (let j = 0; j < 4; j++) mixed.data[i * 8 + j]! += x.data[i * 12 + j]!;
  const got = linearCka(x, mixed);
  const want = ckaReference(x, mixed);
  assert.ok(got > 0.1 && got < 0.9, `${got}`);
  assert.ok(Math.abs(got - want) < 1e-4, `${got} against the definition's ${want}`);
  // A sample of the rows estimates the whole.
  assert.ok(Math.abs(linearCka(x, mixed, { rows: 1000, seed: 2 }) - want) < 0.05);
});

test('Spearman of distances: 1 for a rescaled copy, near 0 for unrelated rows; ties share their mean rank', () => {
  assert.deepEqual(Array.from(ranks(Float64Array.from([3, 1, 3, 2]))), [3.5, 1, 3.5, 2]);
  const n = 400;
  const x = randomMatrix(n, 6, 8);
  const scaled: Matrix = { data: x.data.map((v) => 5 * v), n, dim: 6 };
  assert.ok(distanceSpearman(x, 'l2', scaled, 'l2', { pairs: 3000 }) > 0.9999);
  const other = randomMatrix(n, 6, 9);
  assert.ok(Math.abs(distanceSpearman(x, 'l2', other, 'l2', { pairs: 3000 })) < 0.08);
  // Under ip a distance is minus the inner product: the same rows under ip and cos of unit rows agree.
  const r = rng(5);
  const unit: Matrix = { data: new Float32Array(n * 6).map(() => r() - 0.5), n, dim: 6 };
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < 6; j++) s += unit.data[i * 6 + j]! ** 2;
    for (let j = 0; j < 6; j++) unit.data[i * 6 + j]! /= Math.sqrt(s);
  }
  assert.ok(distanceSpearman(unit, 'ip', unit, 'cos', { pairs: 2000 }) > 0.999);
});
