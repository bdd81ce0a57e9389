import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GraphMemory } from '../../../../core/common/search/graphMemory.js';

// Regions of memories over 2 GiB (a 1.4M × 384 float32 base is 2.15 GB) lie past 2^31, where a bitwise
// alignment wrapped to a negative offset and the loader failed with a WebAssembly error.
test('regions past 2 GiB get positive, 16-byte aligned offsets', () => {
  const gm = new GraphMemory();
  const first = gm.reserve(2.5 * 2 ** 30 + 3);
  const second = gm.reserve(100);
  assert.ok(second > 2 ** 31, `offset ${second}`);
  assert.equal(second % 16, 0);
  assert.ok(second >= first + 2.5 * 2 ** 30 + 3);
  assert.ok(gm.bytes > second + 100);
});
