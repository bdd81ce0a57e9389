import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TopK } from '../../../../core/common/knn/topK.js';
import { rng } from '../../../helpers/fixtures.js';

test('TopK keeps the k smallest (distance, id) pairs, whatever order they arrive in', () => {
  const r = rng(4);
  const n = 3000;
  const orders: [string, (i: number) => number][] = [
    ['random', () => Math.floor(r() * 500)],
    ['ascending', (i) => i],
    ['descending', (i) => n - i],
    ['all equal', () => 7],
    ['with NaN', (i) => (i % 5 === 0 ? NaN : i % 37)],
  ];
  for (const k of [1, 3, 64, 1000]) {
    for (const [name, dist] of orders) {
      const pairs = Array.from({ length: n }, (_, i) => ({ d: Math.fround(dist(i)), id: (i * 7919) % n }));
      const top = new TopK(2, k);
      for (const p of pairs) top.push(1, p.d, p.id);
      const res = top.finish();
      const want = pairs.filter((p) => !Number.isNaN(p.d)).sort((a, b) => a.d - b.d || a.id - b.id);
      const got = [...res.ids.subarray(k, 2 * k)];
      assert.deepEqual(
        got,
        want.slice(0, k).map((p) => p.id),
        `${name} k=${k}`,
      );
      assert.ok(
        [...res.ids.subarray(0, k)].every((id) => id === -1),
        'a query offered nothing is padding',
      );
    }
  }
});
