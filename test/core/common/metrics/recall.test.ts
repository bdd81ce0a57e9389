import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exactKnn } from '../../../../core/common/knn/exactKnn.js';
import { recallFromIds, recallWithTies } from '../../../../core/common/metrics/recall.js';
import type { Matrix } from '../../../../core/common/types.js';
import { randomMatrix } from '../../../helpers/fixtures.js';

const ids = (...v: number[]): Int32Array => new Int32Array(v);

test('recallFromIds is set overlap of the first k, never counting a repeated id twice', () => {
  const truth = { ids: ids(0, 1, 2, 3, 10, 11, 12, 13), k: 4 };
  const result = { ids: ids(3, 2, 9, 9, 11, 11, 11, -1), k: 4 };
  const r = recallFromIds(truth, result, 2, 4);
  assert.deepEqual(r.perQuery, new Float32Array([0.5, 0.25]));
  assert.equal(r.recall, 0.375);
  assert.equal(recallFromIds(truth, result, 2, 2).recall, 0.25);
  assert.throws(() => recallFromIds(truth, result, 2, 5));
});

test('recallWithTies counts any id tied with the k-th true neighbour, once', () => {
  // Rows 1, 2 and 3 are duplicates at the k-th place for k = 2; row 4 is farther.
  const base: Matrix = { data: new Float32Array([0, 0, 1, 0, 1, 0, 1, 0, 3, 0]), n: 5, dim: 2 };
  const queries: Matrix = { data: new Float32Array([0, 0]), n: 1, dim: 2 };
  const truth = { ids: ids(0, 1, 2), k: 3 };
  const tie = (res: number[]) =>
    recallWithTies(base, queries, 'l2', truth, { ids: ids(...res), k: res.length }, 2).recall;
  assert.equal(tie([0, 3]), 1, 'a different duplicate counts');
  assert.equal(tie([3, 2]), 1);
  assert.equal(tie([3, 3]), 0.5, 'a repeated id counts once');
  assert.equal(tie([0, 4]), 0.5, 'a farther row does not count');
  assert.equal(tie([-1, 0]), 0.5);
  // Plain set overlap misses the duplicate.
  assert.equal(recallFromIds(truth, { ids: ids(0, 3), k: 2 }, 1, 2).recall, 0.5);
});

test('recallWithTies uses distances where smaller is better for ip and cos, with a relative tolerance', () => {
  const base: Matrix = {
    data: new Float32Array([1, 0, 0.5, 0, 0.5 * (1 - 3e-7), 0, 0.4, 0, 2, 0]),
    n: 5,
    dim: 2,
  };
  const queries: Matrix = { data: new Float32Array([1, 0]), n: 1, dim: 2 };
  const truth = { ids: ids(4, 0, 1), k: 3 };
  // ip: distances -2, -1, -0.5, -0.49999985, -0.4; k-th (k = 3) true is row 1 at -0.5.
  const r = (res: number[]) =>
    recallWithTies(base, queries, 'ip', truth, { ids: ids(...res), k: 3 }, 3).recall;
  assert.equal(r([4, 0, 2]), 1, 'within 1e-6 relative counts');
  assert.equal(r([4, 0, 3]), 2 / 3);
  // cos: rows 0..4 all point along x, so all tie at -1.
  const c = recallWithTies(base, queries, 'cos', truth, { ids: ids(3, 2, 1), k: 3 }, 3);
  assert.equal(c.recall, 1);
});

test('an exact search has recall 1 against itself under both rules', () => {
  const base = randomMatrix(400, 16, 1);
  const queries = randomMatrix(20, 16, 2);
  const res = exactKnn(base, queries, 10, 'l2');
  assert.equal(recallFromIds(res, res, 20, 10).recall, 1);
  assert.equal(recallWithTies(base, queries, 'l2', res, res, 10).recall, 1);
  const shifted = { ids: res.ids.map((id, i) => (i % 10 === 0 ? (id + 1) % 400 : id)), k: 10 };
  assert.ok(recallWithTies(base, queries, 'l2', res, shifted, 10).recall < 1);
});
