import assert from 'node:assert/strict';
import { test } from 'node:test';
import { selectivityChartSpec } from '../../../core/common/charts/selectivityChart.js';
import {
  categoryPredicate,
  MAX_PREDICATE,
  selectionPredicate,
} from '../../../renderer/src/filter/filterPredicates.js';
import { computeFlags, FLAG } from '../../../renderer/src/scene/colors.js';
import { nearestOnScreen } from '../../../renderer/src/scene/screenProjection.js';
import { reduce } from '../../../renderer/src/store/reducer.js';
import { initialState } from '../../../renderer/src/store/state.js';

test('a filter hides every row it does not allow, over any highlight', () => {
  const f = computeFlags(5, {
    selection: Int32Array.of(0, 1),
    matches: null,
    focus: null,
    filter: Int32Array.of(1, 3),
  });
  assert.deepEqual(Array.from(f), [FLAG.hidden, FLAG.match, FLAG.hidden, FLAG.dimmed, FLAG.hidden]);
  const plain = computeFlags(3, { selection: null, matches: null, focus: null, filter: Int32Array.of(2) });
  assert.deepEqual(Array.from(plain), [FLAG.hidden, FLAG.hidden, FLAG.normal]);
  // A hidden point is never the one under the cursor, however near.
  const screen = Float32Array.of(10, 10, 30, 30);
  assert.equal(nearestOnScreen(screen, 2, 10, 10, 50, Uint8Array.of(FLAG.hidden, 0)), 1);
  assert.equal(nearestOnScreen(screen, 2, 10, 10, 5, Uint8Array.of(FLAG.hidden, 0)), null);
});

test('predicates from the legend and the selection quote names and values, and respect the length limit', () => {
  assert.equal(categoryPredicate('lex"name', "men's"), `"lex""name" = 'men''s'`);
  assert.equal(
    selectionPredicate(Int32Array.of(9, 3, 4, 5, 6, 12, 13)),
    'row_id BETWEEN 3 AND 6 OR row_id IN (9, 12, 13)',
  );
  const scattered = Int32Array.from({ length: 2000 }, (_, i) => i * 3);
  assert.equal(selectionPredicate(scattered), null);
  assert.ok(selectionPredicate(scattered.subarray(0, 100))!.length <= MAX_PREDICATE);
});

test('the filter in the store: a result for another data set is ignored, opening one turns it off', () => {
  const ds = {
    id: 'a',
    file: 'x',
    format: 'npy',
    dtype: 'f32',
    n: 4,
    dim: 2,
    metric: 'l2' as const,
    hasQueries: false,
    columns: [],
  };
  let s = reduce(initialState(), { type: 'datasetOpened', source: 'x', dataset: ds });
  s = reduce(s, { type: 'setFilterText', text: 'k = 1' });
  s = reduce(s, {
    type: 'filterResult',
    datasetId: 'b',
    predicate: 'k = 1',
    rows: Int32Array.of(1),
    error: null,
  });
  assert.equal(s.filter.applied, null);
  s = reduce(s, {
    type: 'filterResult',
    datasetId: 'a',
    predicate: 'k = 1',
    rows: Int32Array.of(1),
    error: null,
  });
  assert.deepEqual(Array.from(s.filter.applied!.rows), [1]);
  s = reduce(s, { type: 'filterResult', datasetId: 'a', predicate: 'k =', rows: null, error: 'bad' });
  assert.equal(s.filter.applied, null);
  assert.equal(s.filter.error, 'bad');
  s = reduce(s, {
    type: 'filterResult',
    datasetId: 'a',
    predicate: 'k = 1',
    rows: Int32Array.of(1),
    error: null,
  });
  s = reduce(s, { type: 'datasetOpened', source: 'y', dataset: { ...ds, id: 'c' } });
  assert.equal(s.filter.applied, null);
  assert.equal(s.filter.text, 'k = 1');
});

test('the selectivity chart: per pipeline a pre-filter line, an in-graph line (graphs only) and the own filter', () => {
  const sweep = (g: boolean) =>
    [1, 0.1, 0.01].map((sel) => ({
      filter: `s${sel}`,
      selectivity: sel,
      recallPrefilter: 1,
      ...(g ? { recallInGraph: sel } : {}),
    }));
  const spec = selectivityChartSpec(
    [
      { pipeline: 'F32,Flat', filtered: sweep(false) },
      {
        pipeline: 'F32,Vamana',
        filter: 'own',
        filtered: [
          ...sweep(true),
          { filter: 'own', selectivity: 0.05, recallPrefilter: 1, recallInGraph: 0.7 },
        ],
      },
      { pipeline: 'failed', error: 'x', filtered: sweep(true) },
      { pipeline: 'unfiltered' },
    ],
    { k: 10, width: 300, height: 200 },
  );
  assert.deepEqual(
    spec.series.map((s) => [s.name, s.line === true, s.dashed === true, s.points.length]),
    [
      ['F32,Flat pre-filter', true, false, 3],
      ['F32,Vamana pre-filter', true, false, 3],
      ['F32,Vamana in-graph', true, true, 3],
      ['F32,Vamana filter', false, false, 2],
    ],
  );
  // Lines run in selectivity order; the own filter is not on them.
  assert.deepEqual(
    spec.series[2]!.points.map((p) => p.x),
    [0.01, 0.1, 1],
  );
  assert.ok(spec.x.log && spec.x.domain![0] < 0.001 && spec.x.domain![1] > 1);
});
