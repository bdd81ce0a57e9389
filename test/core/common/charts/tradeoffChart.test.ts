import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chartLayout, chartPointLabels } from '../../../../core/common/charts/chartToSvg.js';
import type { ChartRow } from '../../../../core/common/charts/studyPoints.js';
import {
  paddedLogDomain,
  recallDomain,
  tradeoffChartSpec,
  tradeoffChartSvg,
} from '../../../../core/common/charts/tradeoffChart.js';

function row(pipeline: string, recall: number, qps: number, bytes: number): ChartRow {
  return {
    pipeline,
    recall,
    recallLow: recall - 0.02,
    recallHigh: Math.min(1, recall + 0.02),
    qps,
    bytesPerVector: bytes,
    primaryBytes: bytes,
    secondaryBytes: 0,
  };
}

const rows = [
  row('big', 1.0, 300, 2048),
  row('mid', 0.7, 600, 64),
  row('small', 0.4, 700, 36),
  row('dominated', 0.5, 200, 1000),
];

test('log domains pad the values and span at least a decade', () => {
  const [lo, hi] = paddedLogDomain([40, 50]);
  assert.ok(lo < 40 && hi > 50 && hi / lo >= 10 - 1e-9);
  const [a, b] = paddedLogDomain([2, 2000]);
  assert.ok(a < 2 && b > 2000 && b / a < 2000 * 4);
  assert.deepEqual(paddedLogDomain([]), [1, 10]);
  assert.deepEqual(paddedLogDomain([0, -3, NaN]), [1, 10]);
  // The host sends a QPS too fast to time as the largest finite number: the axis (and its ticks) stay finite.
  const [, top] = paddedLogDomain([100, Number.MAX_VALUE]);
  assert.ok(Number.isFinite(top));
  assert.ok(!tradeoffChartSvg([row('fast', 0.9, Number.MAX_VALUE, 8)], 'qps', 10).includes('NaN'));
});

test('the recall axis starts a step below the lowest interval end and ends at 1', () => {
  assert.deepEqual(recallDomain([row('a', 0.97, 1, 1)]), [0.94, 1]);
  const [lo, hi] = recallDomain([row('a', 0.35, 1, 1), row('b', 0.9, 1, 1)]);
  assert.ok(lo <= 0.33 && lo >= 0.2, `${lo}`);
  assert.equal(hi, 1);
  // A row without an interval still counts by its recall.
  assert.ok(recallDomain([{ ...row('a', 0.6, 1, 1), recallLow: NaN }])[0] <= 0.6);
});

test('every pipeline lands inside the plot, higher recall higher up, the frontier left to right', () => {
  for (const axis of ['qps', 'bytes'] as const) {
    const spec = tradeoffChartSpec(rows, axis, { k: 10, width: 360, height: 230 });
    const L = chartLayout(spec);
    const [pts, line] = spec.series;
    assert.deepEqual(
      pts!.points.map((p) => p.label),
      rows.map((r) => r.pipeline),
    );
    for (const p of pts!.points) {
      const x = L.x.map(p.x);
      const y = L.y.map(p.y);
      // Strictly inside: the padded domains keep the extreme markers off the frame.
      assert.ok(x > L.plot.left && x < L.plot.right, `${axis} ${p.label} x ${x}`);
      assert.ok(y >= L.plot.top && y < L.plot.bottom, `${axis} ${p.label} y ${y}`);
    }
    for (const w of pts!.whiskers!) assert.ok(L.y.map(w.high) <= L.y.map(w.low));
    const big = pts!.points.find((p) => p.label === 'big')!;
    const small = pts!.points.find((p) => p.label === 'small')!;
    assert.ok(L.y.map(big.y) < L.y.map(small.y), 'higher recall lies higher');
    const onFrontier = line!.points.map((p) => p.label);
    assert.ok(!onFrontier.includes('dominated'), axis);
    assert.deepEqual([...onFrontier].sort(), ['big', 'mid', 'small']);
    for (let i = 1; i < line!.points.length; i++) assert.ok(line!.points[i]!.x >= line!.points[i - 1]!.x);
    assert.equal(spec.y.label, 'recall@10');
  }
});

test('the chart file is the default-size spec: markers carry the pipelines, the frontier is dashed', () => {
  const svg = tradeoffChartSvg(rows, 'bytes', 10);
  assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="720" height="440"/);
  assert.equal((svg.match(/<circle /g) ?? []).length, rows.length);
  for (const r of rows) assert.ok(svg.includes(`<title>${r.pipeline}</title>`), r.pipeline);
  assert.match(svg, /<polyline [^>]*stroke-dasharray="4,3"/);
  assert.ok(svg.includes('recall@10 vs bytes per vector'));
});

test('the bytes chart places a re-ranked pipeline at its primary bytes, with a span to its total', () => {
  const flat = row('F32,Flat', 1, 100, 512);
  // Before, x was primary + secondary (32 + 512 B), right of F32,Flat although it searches 1/16 of it.
  const reranked = { ...row('LVQ4,Vamana,rerank=40', 0.99, 900, 544), primaryBytes: 32, secondaryBytes: 512 };
  const spec = tradeoffChartSpec([flat, reranked], 'bytes', { k: 10 });
  const [pts, line, storage] = spec.series;
  assert.deepEqual(
    pts!.points.map((p) => p.x),
    [512, 32],
  );
  assert.equal(spec.x.label, 'bytes per vector searched in RAM (codes)');
  assert.deepEqual(storage!.spans, [{ y: 0.99, from: 32, to: 544, label: 'LVQ4,Vamana,rerank=40' }]);
  assert.ok(spec.x.domain![1] > 544, 'the axis reaches the end of the span');
  // Both on the frontier: the re-ranked pipeline is cheaper in RAM, the flat one recalls more.
  assert.deepEqual(line!.points.map((p) => p.label).sort(), ['F32,Flat', 'LVQ4,Vamana,rerank=40']);
  const svg = tradeoffChartSvg([flat, reranked], 'bytes', 10);
  assert.match(svg, /<g class="span">/);
  assert.ok(svg.includes('+ re-ranking vectors'));
  // The QPS chart has no storage series.
  assert.equal(tradeoffChartSpec([flat, reranked], 'qps', { k: 10 }).series.length, 2);
});

test('exported charts label their points where the labels fit, never overlapping', () => {
  const svg = tradeoffChartSvg(rows, 'qps', 10);
  const labels = [...svg.matchAll(/<g class="point-labels"[^>]*>([\s\S]*?)<\/g>/g)].flatMap((m) =>
    [...m[1]!.matchAll(/>([^<]+)<\/text>/g)].map((t) => t[1]),
  );
  assert.deepEqual([...labels].sort(), rows.map((r) => r.pipeline).sort());

  // Forty pipelines crowded into one corner: labels are dropped rather than drawn over each other, the
  // frontier's first.
  const crowd = Array.from({ length: 40 }, (_, i) =>
    row(`PCA${i},LVQ8,Vamana`, 0.9 + (i % 7) * 0.001, 1000 + i, 64),
  );
  const spec = tradeoffChartSpec(crowd, 'qps', { k: 10 });
  const L = chartLayout(spec);
  const placed = chartPointLabels(spec, L, 9);
  assert.ok(placed.length > 0 && placed.length < crowd.length, `${placed.length}`);
  const boxes = placed.map((l) => {
    const w = l.text.length * 9 * 0.6;
    const left = l.anchor === 'start' ? l.x : l.x - w;
    return { left, right: left + w, top: l.y - 9, bottom: l.y + 9 / 4 };
  });
  for (const b of boxes) {
    assert.ok(
      b.left >= L.plot.left && b.right <= L.plot.right && b.top >= L.plot.top && b.bottom <= L.plot.bottom,
    );
  }
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]!;
      const b = boxes[j]!;
      assert.ok(!(a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom), `${i} ${j}`);
    }
  const frontier = new Set(spec.series[1]!.points.map((p) => p.label));
  assert.ok(frontier.has(placed[0]!.text), 'a frontier point is labelled first');
});
