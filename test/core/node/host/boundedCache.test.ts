import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BoundedCache } from '../../../../core/node/host/boundedCache.js';

test('the per-data-set cache keeps its limit, dropping the least recently used entry', () => {
  const c = new BoundedCache<string, number>(3);
  c.set('a', 1).set('b', 2).set('c', 3);
  assert.equal(c.get('a'), 1);
  c.set('d', 4);
  assert.deepEqual([...c.keys()].sort(), ['a', 'c', 'd']);
  c.set('c', 30);
  c.set('e', 5);
  assert.equal(c.size, 3);
  assert.equal(c.has('a'), false);
  assert.equal(c.get('c'), 30);
  assert.equal(c.get('zz'), undefined);
});
