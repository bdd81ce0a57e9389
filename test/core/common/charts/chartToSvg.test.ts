import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ChartSpec } from '../../../../core/common/charts/chartToSvg.js';
import { chartLayout, chartToSvg } from '../../../../core/common/charts/chartToSvg.js';
import { tradeoffChartSpec } from '../../../../core/common/charts/tradeoffChart.js';

const spec: ChartSpec = {
  width: 640,
  height: 400,
  title: 'recall@10 vs QPS <sample & friends>',
  x: { label: 'queries / s', log: true },
  y: { label: 'recall@10' },
  series: [
    {
      name: 'pipelines',
      color: '#1f77b4',
      points: [
        { x: 200, y: 0.99, label: 'F32,Flat' },
        { x: 3000, y: 0.95, label: 'PCA128,SQ8,Flat' },
        { x: 12000, y: 0.8, label: 'BIN,Flat|rerank=100' },
        { x: 0, y: 0.5, label: 'not on a log axis' },
      ],
      whiskers: [{ x: 3000, low: 0.93, high: 0.97 }],
    },
    {
      name: 'frontier',
      color: '#d62728',
      line: true,
      points: [
        { x: 200, y: 0.99 },
        { x: 3000, y: 0.95 },
        { x: 12000, y: 0.8 },
      ],
    },
  ],
};

/** Checks that tags nest and close (a minimal well-formedness test without an XML library). */
function checkWellFormed(svg: string): void {
  const stack: string[] = [];
  for (const m of svg.matchAll(/<(\/?)([a-zA-Z]+)[^>]*?(\/?)>/g)) {
    const [, close, name, self] = m;
    if (self) continue;
    if (close) assert.equal(stack.pop(), name, `</${name}> closes <${stack.at(-1)}>`);
    else stack.push(name!);
  }
  assert.deepEqual(stack, []);
  assert.ok(!/&(?!amp;|lt;|gt;|quot;|apos;)/.test(svg), 'bare ampersand');
}

test('the SVG is well formed, escapes text and holds one marker per drawable point', () => {
  const svg = chartToSvg(spec);
  assert.ok(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"'));
  checkWellFormed(svg);
  assert.ok(svg.includes('recall@10 vs QPS &lt;sample &amp; friends&gt;'));
  assert.equal((svg.match(/<circle /g) ?? []).length, 3, 'the x = 0 point is dropped on a log axis');
  assert.equal((svg.match(/<polyline /g) ?? []).length, 1);
  assert.equal((svg.match(/class="whisker"/g) ?? []).length, 1);
  assert.ok(svg.includes('<title>BIN,Flat|rerank=100</title>'));
  assert.ok(!svg.includes('NaN') && !svg.includes('Infinity'));
});

test('marker positions are the layout scales applied to the data', () => {
  const L = chartLayout(spec);
  const svg = chartToSvg(spec);
  const circles = [...svg.matchAll(/<circle cx="([\d.]+)" cy="([\d.]+)"/g)].map((m) => [
    Number(m[1]),
    Number(m[2]),
  ]);
  const want = spec.series[0]!.points.slice(0, 3).map((p) => [L.x.map(p.x), L.y.map(p.y)]);
  circles.forEach(([cx, cy], i) => {
    assert.ok(Math.abs(cx! - want[i]![0]!) < 0.01 && Math.abs(cy! - want[i]![1]!) < 0.01);
  });
  // Higher recall is drawn higher up (smaller y), more QPS further right.
  assert.ok(want[0]![1]! < want[2]![1]! && want[0]![0]! < want[2]![0]!);
  assert.ok(L.xTicks.some((t) => t.value === 1000 && t.major));
  const poly = /points="([^"]+)"/.exec(svg)![1]!.split(' ');
  assert.equal(poly.length, 3);
});

test('the trade-off chart spec holds every row, its whisker and the frontier on a log x axis', () => {
  const rows = [
    {
      pipeline: 'a',
      recall: 0.9,
      recallLow: 0.88,
      recallHigh: 0.92,
      qps: 100,
      bytesPerVector: 512,
      primaryBytes: 512,
      secondaryBytes: 0,
    },
    {
      pipeline: 'b',
      recall: 0.8,
      recallLow: 0.78,
      recallHigh: 0.82,
      qps: 1000,
      bytesPerVector: 64,
      primaryBytes: 64,
      secondaryBytes: 0,
    },
    {
      pipeline: 'c',
      recall: 0.7,
      recallLow: 0.68,
      recallHigh: 0.72,
      qps: 50,
      bytesPerVector: 1024,
      primaryBytes: 1024,
      secondaryBytes: 0,
    },
  ];
  const s = tradeoffChartSpec(rows, 'qps', { k: 10 });
  assert.equal(s.x.log, true);
  assert.equal(s.y.label, 'recall@10');
  assert.equal(s.series[0]!.points.length, 3);
  assert.equal(s.series[0]!.whiskers!.length, 3);
  assert.deepEqual(
    s.series[1]!.points.map((p) => p.x),
    [100, 1000],
  );
  checkWellFormed(chartToSvg(s));
});
