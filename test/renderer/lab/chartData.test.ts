import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { WireStudyRow } from '../../../core/common/rpc/protocol.js';
import {
  chartModel,
  formatCompact,
  logDomain,
  logScale,
  logTicks,
  recallDomain,
} from '../../../renderer/src/lab/chartData.js';

function row(pipeline: string, recall: number, qps: number, bytes: number): WireStudyRow {
  return {
    pipeline,
    recall,
    recallLow: recall - 0.02,
    recallHigh: Math.min(1, recall + 0.02),
    bytesPerVector: bytes,
    primaryBytes: bytes,
    secondaryBytes: 0,
    graphBytes: 0,
    buildSeconds: 0,
    qps,
    evaluations: 0,
    decomposition: { reduction: 0, quantization: 0, traversal: 0, rerankRecovered: 0 },
    perQueryRecall: new Float32Array(0),
    neighbourLoss: new Float32Array(0),
    ids: new Int32Array(0),
  };
}

test('log ticks are decades, with 2 and 5 between them over short ranges', () => {
  assert.deepEqual(logTicks(3, 4000), [10, 100, 1000]);
  assert.deepEqual(logTicks(1.5, 60), [2, 5, 10, 20, 50]);
  assert.deepEqual(logTicks(0, 10), []);
  assert.deepEqual(logTicks(10, 1), []);
});

test('log domains pad the values and span at least a decade; the scale maps decades evenly', () => {
  const [lo, hi] = logDomain([40, 50]);
  assert.ok(lo < 40 && hi > 50 && hi / lo >= 10 - 1e-9);
  const [a, b] = logDomain([2, 2000]);
  assert.ok(a < 2 && b > 2000);
  assert.deepEqual(logDomain([]), [1, 10]);
  const s = logScale([1, 1000], [0, 300]);
  assert.equal(s(1), 0);
  assert.ok(Math.abs(s(10) - 100) < 1e-9);
  assert.ok(Math.abs(s(1000) - 300) < 1e-9);
});

test('the recall axis starts a step below the lowest interval and ends at 1', () => {
  assert.deepEqual(recallDomain([{ recallLow: 0.95 }]), [0.94, 1]);
  const [lo] = recallDomain([{ recallLow: 0.33 }, { recallLow: 0.9 }]);
  assert.ok(lo <= 0.33 && lo >= 0.2);
  assert.equal(formatCompact(1500), '1.5k');
  assert.equal(formatCompact(2_000_000), '2M');
});

test('the chart model puts points in the box, marks the frontier and orders it by x', () => {
  const rows = [
    row('big', 1.0, 300, 2048),
    row('mid', 0.7, 600, 64),
    row('small', 0.4, 700, 36),
    row('dominated', 0.5, 200, 1000),
  ];
  const box = { width: 300, height: 200, left: 40, right: 10, top: 10, bottom: 30 };
  const bytes = chartModel(rows, 'bytes', box, 10);
  const on = bytes.points.filter((p) => p.onFrontier).map((p) => p.pipeline);
  assert.deepEqual(on.sort(), ['big', 'mid', 'small']);
  for (const p of bytes.points) {
    assert.ok(p.x >= box.left && p.x <= box.width - box.right, `${p.pipeline} x ${p.x}`);
    assert.ok(p.y >= box.top && p.y <= box.height - box.bottom);
    // Higher recall is drawn higher up; the whisker spans the point.
    assert.ok(p.yHigh <= p.y && p.y <= p.yLow);
  }
  for (let i = 1; i < bytes.frontier.length; i++) assert.ok(bytes.frontier[i]!.x >= bytes.frontier[i - 1]!.x);
  const qps = chartModel(rows, 'qps', box, 10);
  // On QPS the dominated point (slowest, not most accurate) is off the frontier, as on bytes.
  assert.equal(qps.points.find((p) => p.pipeline === 'dominated')!.onFrontier, false);
  assert.equal(qps.yLabel, 'recall@10');
  assert.ok(qps.xTicks.length >= 1 && qps.yTicks.length >= 3);
  const big = qps.points.find((p) => p.pipeline === 'big')!;
  const small = qps.points.find((p) => p.pipeline === 'small')!;
  assert.ok(big.x < small.x, 'faster pipelines lie further right');
  assert.ok(big.y < small.y, 'higher recall lies higher');
});
