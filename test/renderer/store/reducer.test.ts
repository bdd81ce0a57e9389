import assert from 'node:assert/strict';
import { test } from 'node:test';
import { protocol, type DatasetSummary, type Result } from '../../../core/common/rpc/protocol.js';
import { createAppStore } from '../../../renderer/src/store/appStore.js';
import * as selectors from '../../../renderer/src/store/selectors.js';
import { selectCurrentLayout } from '../../../renderer/src/store/selectors.js';
import { reduce } from '../../../renderer/src/store/reducer.js';
import { parseMapParam } from '../../../renderer/src/store/parseMapParam.js';
import { initialState, layoutParamsKey, layoutRequestParams } from '../../../renderer/src/store/state.js';

const summary = (id: string, n = 4): DatasetSummary => ({
  id,
  file: 'x.npy',
  format: 'npy',
  dtype: 'f32',
  n,
  dim: 3,
  metric: 'l2',
  hasQueries: false,
  columns: [{ name: 'kind', type: 'category', categories: ['a', 'b'] }],
});

test('opening a data set resets per-data-set state but keeps settings', () => {
  let s = initialState();
  s = reduce(s, { type: 'setPointStyle', pointSize: 7, opacity: 0.5 });
  s = reduce(s, { type: 'datasetOpened', source: 'a', dataset: summary('ds1') });
  s = reduce(s, { type: 'select', rows: Int32Array.of(1, 2) });
  s = reduce(s, { type: 'focus', row: 0, ids: Int32Array.of(1), dists: Float32Array.of(0.5) });
  s = reduce(s, { type: 'datasetOpened', source: 'b', dataset: summary('ds2') });
  assert.equal(s.dataset?.id, 'ds2');
  assert.equal(s.selection, null);
  assert.equal(s.focus, null);
  assert.equal(s.pointSize, 7);
  assert.equal(s.opacity, 0.5);
});

test('after an engine restart the same data set keeps selection, focus and stale layouts', () => {
  let s = reduce(initialState(), { type: 'datasetOpened', source: 'a', dataset: summary('ds1') });
  const positions = new Float32Array(8);
  s = reduce(s, {
    type: 'layoutReceived',
    datasetId: 'ds1',
    method: 'pca',
    dim: 2,
    positions,
    final: true,
    params: '',
  });
  s = reduce(s, { type: 'select', rows: Int32Array.of(3) });
  s = reduce(s, { type: 'connectionLost', reason: 'exit code 70' });
  assert.equal(s.connection, 'lost');
  s = reduce(s, { type: 'datasetOpened', source: 'a', dataset: summary('ds7'), restoring: true });
  assert.deepEqual(Array.from(s.selection!), [3]);
  assert.equal(s.layouts['pca:2']?.positions, positions);
  assert.equal(s.layouts['pca:2']?.final, false);
  assert.equal(s.dataset?.id, 'ds7');
});

test('results for a data set that is no longer open are ignored', () => {
  let s = reduce(initialState(), { type: 'datasetOpened', source: 'a', dataset: summary('ds2') });
  const before = s;
  s = reduce(s, {
    type: 'layoutReceived',
    datasetId: 'ds1',
    method: 'pca',
    dim: 2,
    positions: new Float32Array(8),
    final: true,
    params: '',
  });
  s = reduce(s, { type: 'metadataLoaded', datasetId: 'ds1', columns: [] });
  assert.equal(s, before);
});

test('a streamed partial layout never replaces a final one', () => {
  let s = reduce(initialState(), { type: 'datasetOpened', source: 'a', dataset: summary('ds1') });
  const final = new Float32Array(8).fill(1);
  s = reduce(s, {
    type: 'layoutReceived',
    datasetId: 'ds1',
    method: 'umap',
    dim: 2,
    positions: new Float32Array(8),
    final: false,
    params: 'n15:d0.1',
  });
  s = reduce(s, {
    type: 'layoutReceived',
    datasetId: 'ds1',
    method: 'umap',
    dim: 2,
    positions: final,
    final: true,
    params: 'n15:d0.1',
  });
  s = reduce(s, {
    type: 'layoutReceived',
    datasetId: 'ds1',
    method: 'umap',
    dim: 2,
    positions: new Float32Array(8),
    final: false,
    params: 'n15:d0.1',
  });
  assert.equal(s.layouts['umap:2']?.positions, final);
});

test('metadata picks a default colouring from a small category column', () => {
  let s = reduce(initialState(), { type: 'datasetOpened', source: 'a', dataset: summary('ds1') });
  s = reduce(s, {
    type: 'metadataLoaded',
    datasetId: 'ds1',
    columns: [
      { name: 'score', type: 'number', values: new Float64Array(4) },
      { name: 'kind', type: 'category', codes: new Int32Array(4), categories: ['a', 'b'] },
    ],
  });
  assert.deepEqual(s.colorBy, { kind: 'column', name: 'kind' });
});

test('jobs move from running to done, failed or cancelled, and stale tooltips are dropped', () => {
  let s = initialState();
  s = reduce(s, { type: 'jobStarted', id: 'j1', label: 'UMAP' });
  s = reduce(s, { type: 'jobProgress', id: 'j1', fraction: 0.4, stage: 'epoch 4', etaMs: 1000 });
  assert.equal(s.jobs.filter((j) => j.status === 'running').length, 1);
  assert.equal(s.jobs[0]!.fraction, 0.4);
  s = reduce(s, { type: 'jobEnded', id: 'j1', status: 'cancelled' });
  assert.equal(s.jobs[0]!.status, 'cancelled');
  assert.equal(s.jobs[0]!.fraction, 0.4);
  s = reduce(s, { type: 'jobStarted', id: 'j2', label: 'open' });
  s = reduce(s, { type: 'connectionLost', reason: 'x' });
  assert.equal(s.jobs[1]!.status, 'failed');
  s = reduce(s, { type: 'clearFinishedJobs' });
  assert.equal(s.jobs.length, 0);

  s = reduce(s, { type: 'hover', row: 5 });
  s = reduce(s, { type: 'tooltipLoaded', row: 4, table: { columns: ['row'], values: [['4']] } });
  assert.equal(s.tooltip, null);
  s = reduce(s, { type: 'tooltipLoaded', row: 5, table: { columns: ['row'], values: [['5']] } });
  assert.equal(s.tooltip?.row, 5);
});

test('the store dispatches through the reducer and selectors read it', () => {
  const store = createAppStore();
  const seen: string[] = [];
  store.subscribe((s) => seen.push(s.layoutMethod));
  store.dispatch({ type: 'datasetOpened', source: 'a', dataset: summary('ds1') });
  store.dispatch({ type: 'setLayout', method: 'umap', dim: 3 });
  assert.equal(selectCurrentLayout(store.getState()), null);
  const positions = new Float32Array(12);
  store.dispatch({
    type: 'layoutReceived',
    datasetId: 'ds1',
    method: 'umap',
    dim: 3,
    positions,
    final: true,
    params: 'n15:d0.1',
  });
  assert.equal(selectCurrentLayout(store.getState())?.positions, positions);
  assert.deepEqual(seen, ['pca', 'umap', 'umap']);
  store.dispatch({ type: 'setPointStyle', pointSize: 1000 });
  assert.equal(store.getState().pointSize, 32);
});

test('new map settings keep the old map on screen as not final and ignore results for the old settings', () => {
  let s = reduce(initialState(), { type: 'datasetOpened', source: 'a', dataset: summary('ds1') });
  const old = new Float32Array(8);
  const pca = new Float32Array(8);
  const received = (method: 'umap' | 'pca', positions: Float32Array, final: boolean, params: string) =>
    ({ type: 'layoutReceived', datasetId: 'ds1', method, dim: 2, positions, final, params }) as const;
  s = reduce(s, received('umap', old, true, layoutParamsKey('umap', s.mapParams)));
  s = reduce(s, received('pca', pca, true, ''));
  s = reduce(s, { type: 'setMapParams', params: { neighbors: 10, minDist: 0 } });
  assert.deepEqual(s.mapParams, { neighbors: 10, minDist: 0, perplexity: 30 });
  const tight = layoutParamsKey('umap', s.mapParams);
  assert.equal(tight, 'n10:d0');
  assert.equal(s.layouts['umap:2']?.positions, old);
  assert.equal(s.layouts['umap:2']?.final, false);
  assert.equal(s.layouts['pca:2']?.final, true, 'PCA does not depend on the settings');
  // A late partial of the old job is dropped; the new job's partials and result replace the old map.
  s = reduce(s, received('umap', new Float32Array(8), false, 'n15:d0.1'));
  assert.equal(s.layouts['umap:2']?.positions, old);
  const partial = new Float32Array(8);
  s = reduce(s, received('umap', partial, false, tight));
  assert.equal(s.layouts['umap:2']?.positions, partial);
  const done = new Float32Array(8);
  s = reduce(s, received('umap', done, true, tight));
  assert.deepEqual(s.layouts['umap:2'], {
    method: 'umap',
    dim: 2,
    positions: done,
    final: true,
    params: tight,
  });
  // Back to the defaults: the tight map is no longer final, and t-SNE settings leave UMAP alone.
  s = reduce(s, { type: 'setMapParams', params: { perplexity: 50 } });
  assert.equal(s.layouts['umap:2']?.final, true);
  s = reduce(s, { type: 'setMapParams', params: { neighbors: 15, minDist: 0.1 } });
  assert.equal(s.layouts['umap:2']?.final, false);
});

test('layout requests carry only the settings that differ from the defaults, and the UI refuses out-of-range ones', () => {
  const p = { neighbors: 15, minDist: 0.1, perplexity: 30 };
  assert.deepEqual(layoutRequestParams('umap', p), {});
  assert.deepEqual(layoutRequestParams('umap', { ...p, neighbors: 10, minDist: 0 }), {
    neighbors: 10,
    minDist: 0,
  });
  assert.deepEqual(layoutRequestParams('tsne', { ...p, neighbors: 10, perplexity: 5 }), { perplexity: 5 });
  assert.deepEqual(layoutRequestParams('pca', { ...p, neighbors: 10 }), {});
  assert.deepEqual(parseMapParam('neighbors', '10'), { value: 10 });
  assert.deepEqual(parseMapParam('minDist', '0'), { value: 0 });
  assert.deepEqual(parseMapParam('neighbors', '1'), { error: 'a whole number from 2 to 200' });
  assert.deepEqual(parseMapParam('neighbors', '12.5'), { error: 'a whole number from 2 to 200' });
  assert.deepEqual(parseMapParam('minDist', ''), { error: 'a number from 0 to 10' });
  assert.deepEqual(parseMapParam('minDist', '-1'), { error: 'a number from 0 to 10' });
  assert.deepEqual(parseMapParam('perplexity', 'abc'), { error: 'a number from 2 to 200' });
  // Whatever the UI accepts, the engine's schema accepts too.
  for (const [name, text] of [
    ['neighbors', '2'],
    ['minDist', '10'],
    ['perplexity', '2.5'],
  ] as const) {
    const r = parseMapParam(name, text);
    assert.ok('value' in r);
    protocol.layout.params.parse({ dataset: 'ds1', method: 'umap', dim: 2, [name]: r.value });
  }
});

// An old web page after the server restarted with a new token never gets in again: the status must
// say why (the reason from connectWebSocket) instead of "Restarting…" forever, and clear on success.
test('an unreachable engine is reported in the words of the failure, and a later connection clears it', () => {
  let s = reduce(initialState(), { type: 'connected', capabilities: [] });
  s = reduce(s, { type: 'connectionLost', reason: 'connection lost' });
  assert.match(s.connectionMessage, /Restarting/);
  const reason = 'cannot reach the engine (WebSocket closed with code 1006): open the new address it printed';
  s = reduce(s, { type: 'unreachable', reason });
  assert.equal(s.connection, 'lost');
  assert.equal(s.connectionMessage, reason);
  s = reduce(s, { type: 'connected', capabilities: [] });
  assert.equal(s.connection, 'ready');
  assert.equal(s.connectionMessage, '');
});

test('every selector returns the same value for the same state (a fresh object would re-render forever)', () => {
  const store = createAppStore();
  const s = store.getState();
  const names = Object.keys(selectors);
  assert.ok(names.length >= 30);
  for (const name of names) {
    const select = (selectors as Record<string, (s: unknown) => unknown>)[name]!;
    assert.equal(select(s), select(s), name);
  }
});

test('engine results reach the store: the focus table, map faithfulness (a few kept) and row texts', () => {
  let s = reduce(initialState(), { type: 'datasetOpened', source: 'a', dataset: summary('ds1', 50) });
  const ids = Int32Array.of(3, 4);
  const table = { columns: ['row'], values: [['1'], ['3'], ['4']] };
  s = reduce(s, { type: 'focus', row: 1, ids, dists: Float32Array.of(0.1, 0.2) });
  // A table for an earlier click is dropped; the current one is kept.
  assert.equal(reduce(s, { type: 'focusTableLoaded', ids: Int32Array.of(3, 4), table }).focus!.table, null);
  s = reduce(s, { type: 'focusTableLoaded', ids, table });
  assert.equal(s.focus!.table, table);

  const quality = { trustworthiness: 0.9 } as unknown as Result<'mapQuality'>;
  const layouts = Array.from({ length: 10 }, () => new Float32Array(100));
  for (const positions of layouts)
    s = reduce(s, { type: 'mapQualityLoaded', entry: { positions, source: '', quality } });
  s = reduce(s, { type: 'mapQualityLoaded', entry: { positions: layouts[9]!, source: '', quality } });
  assert.equal(s.mapQuality.length, 8);
  assert.equal(s.mapQuality[0]!.positions, layouts[9]);
  assert.equal(s.mapQuality.filter((e) => e.positions === layouts[9]).length, 1);

  s = reduce(s, { type: 'lab/rowTexts', texts: new Map([[3, 'a dog']]) });
  s = reduce(s, { type: 'lab/rowTexts', texts: new Map([[4, 'a cat']]) });
  assert.deepEqual(
    [...s.lab.rowTexts],
    [
      [3, 'a dog'],
      [4, 'a cat'],
    ],
  );
  s = reduce(s, { type: 'datasetOpened', source: 'b', dataset: summary('ds2', 50) });
  assert.equal(s.mapQuality.length, 0);
  assert.equal(s.lab.rowTexts.size, 0);
  assert.equal(s.focus, null);
});

test('painting the lost neighbours: pending until its measurement ends, then painted', () => {
  const a = new Float32Array(8);
  const b = new Float32Array(8);
  let s = reduce(initialState(), { type: 'mapPaintStarted', positions: a });
  assert.equal(s.mapPaintPending, a);
  s = reduce(s, { type: 'mapPaintStarted', positions: b });
  // An older measurement ending neither clears the newer one's flag nor is lost.
  s = reduce(s, { type: 'mapPaintEnded', positions: a, lost: Float32Array.of(0.1) });
  assert.equal(s.mapPaintPending, b);
  assert.equal(s.mapPaint?.positions, a);
  // A failed or cancelled one clears its flag and keeps the paint there is.
  s = reduce(s, { type: 'mapPaintEnded', positions: b, lost: null });
  assert.equal(s.mapPaintPending, null);
  assert.equal(s.mapPaint?.positions, a);
});

test('field selectors read one value of the data set or the study, null when there is none', () => {
  let s = initialState();
  assert.equal(selectors.selectHasDataset(s), false);
  assert.equal(selectors.selectDatasetMetric(s), null);
  assert.equal(selectors.selectDatasetDim(s), null);
  assert.equal(selectors.selectLabStudyK(s), null);
  // No file queries: the sweep's query set falls back to the base rows.
  assert.equal(selectors.selectLabQuerySetShown(s), 'base');
  s = reduce(s, { type: 'datasetOpened', source: 'a', dataset: summary('ds1') });
  assert.equal(selectors.selectHasDataset(s), true);
  assert.equal(selectors.selectDatasetMetric(s), 'l2');
  assert.equal(selectors.selectDatasetDim(s), 3);
  s = reduce(s, { type: 'lab/studyStarted', datasetId: 'ds1', querySet: 'base', maxQueries: 50, k: 7 });
  assert.equal(selectors.selectLabStudyK(s), 7);
  assert.equal(selectors.selectLabQuerySetShown(s), 'base');
});

test('the faithfulness selectors: labels of the colouring, and the quality measured of the final map', () => {
  let s = reduce(initialState(), { type: 'datasetOpened', source: 'a', dataset: summary('ds1') });
  const codes = Int32Array.of(0, 1, 0, 1);
  s = reduce(s, {
    type: 'metadataLoaded',
    datasetId: 'ds1',
    columns: [{ name: 'kind', type: 'category', codes, categories: ['a', 'b'] }],
  });
  // Coloured by the category column at once, so its codes are the labels.
  assert.equal(selectors.selectColoringLabels(s), codes);
  assert.equal(selectors.selectColoringSource(s), 'kind');
  const positions = new Float32Array(8);
  const layout = { datasetId: 'ds1', method: 'pca', dim: 2, positions, params: '' } as const;
  s = reduce(s, { type: 'layoutReceived', ...layout, final: false });
  assert.equal(selectors.selectFinalPositions(s), undefined);
  s = reduce(s, { type: 'layoutReceived', ...layout, final: true });
  assert.equal(selectors.selectFinalPositions(s), positions);
  const quality = { trustworthiness10: 0.9 } as unknown as Result<'mapQuality'>;
  s = reduce(s, { type: 'mapQualityLoaded', entry: { positions, source: 'other', quality } });
  assert.equal(selectors.selectShownMapQuality(s), null);
  s = reduce(s, { type: 'mapQualityLoaded', entry: { positions, source: 'kind', quality } });
  assert.equal(selectors.selectShownMapQuality(s), quality);
  s = reduce(s, { type: 'setColorBy', colorBy: { kind: 'none' } });
  assert.equal(selectors.selectColoringLabels(s), undefined);
  assert.equal(selectors.selectColoringSource(s), '');
});

test('a category naming noise is no class in the colouring labels (the hit rate leaves it out), read as one array', () => {
  let s = reduce(initialState(), { type: 'datasetOpened', source: 'a', dataset: summary('ds1') });
  const codes = Int32Array.of(0, 1, 2, 1);
  s = reduce(s, {
    type: 'metadataLoaded',
    datasetId: 'ds1',
    columns: [{ name: 'hdbscan', type: 'category', codes, categories: ['0', '-1', '1'] }],
  });
  const labels = selectors.selectColoringLabels(s)!;
  assert.deepEqual(Array.from(labels), [0, -1, 2, -1]);
  // The same array on every read, so a subscription does not re-render for nothing.
  assert.equal(selectors.selectColoringLabels(s), labels);
  s = reduce(s, {
    type: 'clustersReceived',
    datasetId: 'ds1',
    method: 'hdbscan',
    space: 'umap5',
    labels: Int32Array.of(0, -1, 0, 1),
    names: ['x', 'y'],
  });
  assert.equal(selectors.selectColoringSource(s), 'clusters (hdbscan)');
  assert.equal(selectors.selectClusters(s)!.space, 'umap5');
});

test('attached metadata updates the open data set only, survives a restart and goes with a new file', () => {
  let s = reduce(initialState(), { type: 'datasetOpened', source: 'a', dataset: summary('ds1') });
  s = reduce(s, { type: 'setColorBy', colorBy: { kind: 'column', name: 'kind' } });
  const more: DatasetSummary = {
    ...summary('ds1'),
    columns: [...summary('ds1').columns, { name: 'labels', type: 'category', categories: ['0', '1'] }],
  };
  // An answer for a data set that is no longer open changes nothing.
  assert.equal(reduce(s, { type: 'metadataAttached', dataset: summary('ds9'), path: '/x/labels.u8' }), s);
  s = reduce(s, { type: 'metadataAttached', dataset: more, path: '/x/labels.u8' });
  assert.deepEqual(
    s.dataset?.columns.map((c) => c.name),
    ['kind', 'labels'],
  );
  assert.equal(s.attachedMetadata, '/x/labels.u8');
  assert.deepEqual(s.colorBy, { kind: 'column', name: 'kind' }, 'the colouring stays');
  s = reduce(s, { type: 'datasetOpened', source: 'a', dataset: summary('ds2'), restoring: true });
  assert.equal(s.attachedMetadata, '/x/labels.u8', 'reattached after an engine restart');
  s = reduce(s, { type: 'datasetOpened', source: 'b', dataset: summary('ds3') });
  assert.equal(s.attachedMetadata, null);
});

test('the file browser keeps its purpose while listing, shows an error, and closes', () => {
  let s = reduce(initialState(), {
    type: 'browserListed',
    listing: { dir: '/d', parent: null, entries: [], truncated: false },
  });
  assert.equal(s.browser, null, 'a listing after the browser closed is dropped');
  s = reduce(s, { type: 'browserOpened', purpose: 'metadata' });
  const listing = {
    dir: '/d',
    parent: '/',
    entries: [{ name: 'a.u8', path: '/d/a.u8', kind: 'file' as const, size: 3 }],
    truncated: false,
  };
  s = reduce(s, { type: 'browserListed', listing });
  assert.deepEqual(s.browser, { purpose: 'metadata', listing, error: null });
  s = reduce(s, { type: 'browserFailed', message: 'web mode opens only …' });
  assert.equal(s.browser?.error, 'web mode opens only …');
  assert.equal(s.browser?.listing, listing, 'the last listing stays under the error');
  s = reduce(s, { type: 'browserClosed' });
  assert.equal(s.browser, null);
});

test('a neighbour click shows as pending until its answer, and an overtaken answer is dropped', () => {
  let s = reduce(initialState(), { type: 'datasetOpened', source: 'a', dataset: summary('ds1') });
  s = reduce(s, { type: 'focusRequested', row: 1 });
  assert.equal(selectors.selectFocusPending(s), 1);
  // The user clicks another point before the first answer came.
  s = reduce(s, { type: 'focusRequested', row: 2 });
  const late = reduce(s, { type: 'focus', row: 1, ids: Int32Array.of(0), dists: Float32Array.of(0) });
  assert.equal(late, s, 'the answer for row 1 is dropped');
  s = reduce(s, { type: 'focus', row: 2, ids: Int32Array.of(3), dists: Float32Array.of(0.5) });
  assert.equal(s.focus?.row, 2);
  assert.equal(s.focusPending, null);
  // A failed request clears its own pending state only.
  s = reduce(s, { type: 'focusRequested', row: 3 });
  assert.equal(reduce(s, { type: 'focusFailed', row: 2 }).focusPending, 3);
  assert.equal(reduce(s, { type: 'focusFailed', row: 3 }).focusPending, null);
});
