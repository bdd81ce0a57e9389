import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nearestPoint } from '../../../../core/common/charts/nearestPoint.js';
import type { ChartRow } from '../../../../core/common/charts/studyPoints.js';
import { ciWhiskers, frontierLine, tradeoffPoints } from '../../../../core/common/charts/studyPoints.js';
import { createRng } from '../../../../core/common/random.js';

function randomRows(n: number, seed: number): ChartRow[] {
  const rand = createRng(seed);
  return Array.from({ length: n }, (_, i) => {
    const recall = rand.next();
    const bytes = Math.round(16 + 2000 * rand.next());
    return {
      pipeline: `p${i}`,
      recall,
      recallLow: recall - 0.05 * rand.next(),
      recallHigh: recall + 0.05 * rand.next(),
      qps: 10 ** (2 + 3 * rand.next()),
      bytesPerVector: bytes,
      primaryBytes: bytes,
      secondaryBytes: 0,
    };
  });
}

test('frontier line: exactly the undominated rows, left to right', () => {
  for (const seed of [1, 2, 3]) {
    const rows = randomRows(60, seed);
    for (const axis of ['qps', 'bytes'] as const) {
      const x = (r: ChartRow) => (axis === 'qps' ? r.qps : r.primaryBytes);
      const better = (a: number, b: number) => (axis === 'qps' ? a >= b : a <= b);
      // Brute force: a row is on the frontier iff no other row is at least as good on x and higher in recall.
      const want = rows
        .filter((r) => !rows.some((o) => o !== r && better(x(o), x(r)) && o.recall > r.recall))
        .map((r) => r.pipeline)
        .sort();
      const line = frontierLine(rows, axis);
      assert.deepEqual(line.map((p) => p.key).sort(), want, `${axis} seed ${seed}`);
      for (let i = 1; i < line.length; i++) assert.ok(line[i]!.x >= line[i - 1]!.x);
      // Along the line recall rises with cost (bytes) and falls with speed (QPS).
      for (let i = 1; i < line.length; i++)
        assert.ok(axis === 'qps' ? line[i]!.y <= line[i - 1]!.y : line[i]!.y >= line[i - 1]!.y);
    }
  }
});

test('points and whiskers carry the rows; rows without an interval have no whisker', () => {
  const rows = randomRows(5, 4);
  rows[2]!.recallLow = NaN;
  const pts = tradeoffPoints(rows, 'bytes');
  assert.deepEqual(pts[1], { key: 'p1', x: rows[1]!.primaryBytes, y: rows[1]!.recall });
  const w = ciWhiskers(rows, 'qps');
  assert.equal(w.length, 4);
  assert.ok(!w.some((x) => x.key === 'p2'));
  for (const x of w) assert.ok(x.low <= x.y && x.y <= x.high);
});

test('nearest point agrees with a brute-force search and honours the radius', () => {
  const rand = createRng(7);
  const pts = Array.from({ length: 300 }, () => ({ x: 500 * rand.next(), y: 300 * rand.next() }));
  pts.push({ x: NaN, y: 5 });
  for (let t = 0; t < 200; t++) {
    const px = 500 * rand.next();
    const py = 300 * rand.next();
    let best = -1;
    let bd = Infinity;
    pts.forEach((p, i) => {
      const d = Math.hypot(p.x - px, p.y - py);
      if (d <= bd) {
        bd = d;
        best = i;
      }
    });
    assert.equal(nearestPoint(pts, px, py), best);
    assert.equal(nearestPoint(pts, px, py, bd * 0.999), -1);
    assert.equal(nearestPoint(pts, px, py, bd * 1.001), best);
  }
  assert.equal(nearestPoint([], 1, 1), -1);
});
