import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  checkFinite,
  checkSameDim,
  checkZeroRows,
  countNonFinite,
  rowNormStats,
} from '../../../../core/common/io/validate.js';
import { assertUserError } from './helpers.js';

const m = (rows: number[][]) => ({
  data: Float32Array.from(rows.flat()),
  n: rows.length,
  dim: rows[0]!.length,
});

test('non-finite values are counted and rejected with the count and first row', () => {
  const x = m([
    [1, 2],
    [3, 4],
    [NaN, Infinity],
    [5, -Infinity],
  ]);
  assert.deepEqual(countNonFinite(x), { count: 3, firstRow: 2 });
  assertUserError(
    () => checkFinite(x, 'a.npy'),
    'a.npy',
    /3 non-finite values \(NaN or Inf\), the first in row 2; pass --allow-nonfinite/,
  );
  assert.equal(checkFinite(x, 'a.npy', true), 3);
  assert.equal(checkFinite(m([[1, 2]]), 'a.npy'), 0);
});

test('all-zero rows are rejected for cosine with their count and first row', () => {
  assertUserError(
    () =>
      checkZeroRows(
        m([
          [1, 0],
          [0, 0],
          [0, 0],
        ]),
        'z.npy',
      ),
    'z.npy',
    /2 all-zero rows \(the first is row 1\)/,
  );
  checkZeroRows(m([[0, 1e-30]]), 'z.npy');
});

test('queries of another dimension are rejected', () => {
  assertUserError(
    () => checkSameDim({ dim: 384 }, { dim: 512 }, 'q.npy'),
    'q.npy',
    /queries are 384-d but the base is 512-d/,
  );
  checkSameDim({ dim: 8 }, { dim: 8 }, 'q.npy');
});

test('row norm statistics skip rows with non-finite values', () => {
  const s = rowNormStats(
    m([
      [3, 4],
      [0, 1],
      [NaN, 0],
    ]),
  );
  assert.deepEqual(s, { min: 1, mean: 3, max: 5 });
});
