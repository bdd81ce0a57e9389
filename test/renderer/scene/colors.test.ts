import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  computeColoring,
  computeFlags,
  FLAG,
  labelCentroids,
  PALETTE,
  viridis,
} from '../../../renderer/src/scene/colors.js';
import { insidePolygon, rowsInPolygon } from '../../../renderer/src/scene/polygon.js';

test('category colouring uses the palette per code and a legend by count', () => {
  const codes = Int32Array.of(0, 1, 1, -1);
  const c = computeColoring(
    4,
    { kind: 'column', name: 'k' },
    [{ name: 'k', type: 'category', codes, categories: ['a', 'b'] }],
    null,
  );
  assert.deepEqual(Array.from(c.colors.subarray(3, 6)), PALETTE[1]);
  assert.equal(c.legend.kind, 'categories');
  if (c.legend.kind === 'categories') {
    assert.deepEqual(
      c.legend.items.map((i) => [i.label, i.count]),
      [
        ['b', 2],
        ['a', 1],
        ['(none)', 1],
      ],
    );
  }
});

test('numeric colouring maps min..max onto viridis with a scale legend', () => {
  const values = Float64Array.of(2, 4.5, 6);
  const c = computeColoring(3, { kind: 'column', name: 'v' }, [{ name: 'v', type: 'number', values }], null);
  assert.deepEqual(Array.from(c.colors.subarray(0, 3)), viridis(0));
  assert.deepEqual(Array.from(c.colors.subarray(6, 9)), viridis(1));
  assert.deepEqual(c.legend.kind === 'scale' && [c.legend.min, c.legend.max], [2, 6]);
});

test('integer labels with few values are coloured as categories with a legend of their values', () => {
  const values = Float64Array.from({ length: 100 }, (_, i) => i % 10);
  const c = computeColoring(
    100,
    { kind: 'column', name: 'digit' },
    [{ name: 'digit', type: 'number', values }],
    null,
  );
  assert.equal(c.legend.kind, 'categories');
  assert.deepEqual(c.legend.kind === 'categories' && c.legend.items.map((it) => it.label).sort(), [
    '0',
    '1',
    '2',
    '3',
    '4',
    '5',
    '6',
    '7',
    '8',
    '9',
  ]);
  assert.deepEqual(Array.from(c.colors.subarray(0, 3)), Array.from(c.colors.subarray(30, 33)));
});

test('the per-column switch turns integer labels back into a scale', () => {
  const values = Float64Array.from({ length: 20 }, (_, i) => i % 10);
  const cols = [{ name: 'digit', type: 'number' as const, values }];
  const c = computeColoring(20, { kind: 'column', name: 'digit' }, cols, null, { digit: 'continuous' });
  assert.equal(c.legend.kind, 'scale');
});

test('flags dim everything but the highlighted rows, focus above neighbours above matches', () => {
  const f = computeFlags(6, {
    selection: Int32Array.of(1),
    matches: Int32Array.of(2, 3),
    focus: { row: 3, ids: Int32Array.of(4) },
  });
  assert.deepEqual(Array.from(f), [
    FLAG.dimmed,
    FLAG.match,
    FLAG.match,
    FLAG.focus,
    FLAG.neighbour,
    FLAG.dimmed,
  ]);
  assert.deepEqual(Array.from(computeFlags(3, { selection: null, matches: null, focus: null })), [0, 0, 0]);
});

test('cluster label positions are the centroids of their points', () => {
  const pos = Float32Array.of(0, 0, 2, 2, 10, 10, 5, 5);
  const labels = labelCentroids(pos, 2, Int32Array.of(0, 0, 1, -1), ['x', 'y']);
  assert.deepEqual(labels, [
    { text: 'x', position: [1, 1, 0], count: 2 },
    { text: 'y', position: [10, 10, 0], count: 1 },
  ]);
});

test('point-in-polygon handles concave shapes', () => {
  // A U shape: the notch (5, 8) is outside.
  const u = [0, 0, 10, 0, 10, 10, 7, 10, 7, 3, 3, 3, 3, 10, 0, 10];
  assert.equal(insidePolygon(1, 5, u), true);
  assert.equal(insidePolygon(5, 8, u), false);
  assert.equal(insidePolygon(5, 1, u), true);
  const screen = Float32Array.of(1, 5, 5, 8, 5, 1, NaN, NaN, 20, 20);
  assert.deepEqual(Array.from(rowsInPolygon(screen, u)), [0, 2]);
});
