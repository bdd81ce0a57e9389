import assert from 'node:assert/strict';
import { test } from 'node:test';
import { poolTokens } from '../../../../core/common/text/poolTokens.js';

// Two texts padded to 3 tokens of 2 values each; the second has one real token and two pads whose
// states are large, so any pad that leaks into a pooled vector shows.
const states = Float32Array.from([1, 2, 3, 4, 5, 6, 10, -10, 99, 99, -99, 99]);
const mask = [1, 1, 1, 1, 0, 0];

test('mean pooling averages only the masked-in tokens', () => {
  const out = poolTokens(states, mask, 2, 3, 2, 'mean', false);
  assert.deepEqual(Array.from(out), [3, 4, 10, -10]);
});

test('CLS takes the first token, max the largest per dimension, both ignoring pads', () => {
  assert.deepEqual(Array.from(poolTokens(states, mask, 2, 3, 2, 'cls', false)), [1, 2, 10, -10]);
  assert.deepEqual(Array.from(poolTokens(states, mask, 2, 3, 2, 'max', false)), [5, 6, 10, -10]);
});

test('normalise scales each vector to unit length; a mask of bigint values (ONNX int64) is read alike', () => {
  const out = poolTokens(states, BigInt64Array.from([1n, 1n, 1n, 1n, 0n, 0n]), 2, 3, 2, 'mean', true);
  assert.ok(Math.abs(out[0]! - 3 / 5) < 1e-6 && Math.abs(out[1]! - 4 / 5) < 1e-6);
  assert.ok(Math.abs(Math.hypot(out[2]!, out[3]!) - 1) < 1e-6);
  assert.throws(() => poolTokens(states, mask, 2, 2, 2, 'mean', false), /do not match/);
});
