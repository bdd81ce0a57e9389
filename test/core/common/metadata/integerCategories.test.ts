import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  integerCategories,
  integerCategoryCodes,
  numericCategories,
} from '../../../../core/common/metadata/integerCategories.js';

test('integers 0–9 are categories', () => {
  const v = Float64Array.from({ length: 1000 }, (_, i) => (i * 7) % 10);
  assert.deepEqual(integerCategories(v), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
});

test('floats are continuous', () => {
  assert.equal(integerCategories(Float64Array.from([0, 1, 2.5, 3])), null);
});

test('1,000 distinct integers are continuous', () => {
  assert.equal(integerCategories(Float64Array.from({ length: 1000 }, (_, i) => i)), null);
});

test('non-finite values are ignored and coded -1', () => {
  const v = Float64Array.from([3, NaN, 1, 3]);
  const cats = integerCategories(v);
  assert.deepEqual(cats, [1, 3]);
  const { codes, names } = integerCategoryCodes(v, cats!);
  assert.deepEqual([...codes], [1, -1, 0, 1]);
  assert.deepEqual(names, ['1', '3']);
});

test('the per-column switch overrides the rule both ways', () => {
  const digits = Float64Array.from({ length: 50 }, (_, i) => i % 10);
  assert.equal(numericCategories(digits, 'continuous'), null);
  assert.deepEqual(numericCategories(digits), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  assert.deepEqual(numericCategories(Float64Array.of(0.5, 1.5, 0.5), 'categorical'), [0.5, 1.5]);
});
