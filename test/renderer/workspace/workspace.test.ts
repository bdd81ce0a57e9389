import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DatasetSummary } from '../../../core/common/rpc/protocol.js';
import { parseWorkspace, workspaceToJson } from '../../../core/common/workspace/workspaceFile.js';
import { reduce } from '../../../renderer/src/store/reducer.js';
import { initialState, type AppState } from '../../../renderer/src/store/state.js';
import { captureWorkspace } from '../../../renderer/src/workspace/captureWorkspace.js';
import { selectionCsv, selectionNpy } from '../../../renderer/src/workspace/selectionExport.js';
import { parseNpyHeader } from '../../../core/common/io/npy.js';

const N = 6;
const summary = (id: string): DatasetSummary => ({
  id,
  file: '/data/x.npy',
  format: 'npy',
  dtype: 'f32',
  n: N,
  dim: 3,
  metric: 'l2',
  hasQueries: false,
  columns: [{ name: 'kind', type: 'category', categories: ['a', 'b'] }],
});
const columns = [
  { name: 'kind', type: 'category' as const, codes: Int32Array.of(0, 1, 0, 1, 0, 1), categories: ['a', 'b'] },
];

/** A data set opened with its metadata, as the session leaves the store before a workspace applies. */
function opened(id: string): AppState {
  let s = reduce(initialState(), { type: 'datasetOpened', source: '/data/x.npy', dataset: summary(id) });
  s = reduce(s, { type: 'metadataLoaded', datasetId: id, columns });
  return s;
}

/** What the user did on the first visit: a UMAP map, clusters, colours, a selection, lab settings. */
function worked(): AppState {
  let s = opened('ds1');
  s = reduce(s, { type: 'setLayout', method: 'umap' });
  s = reduce(s, {
    type: 'layoutReceived',
    datasetId: 'ds1',
    method: 'umap',
    dim: 2,
    positions: Float32Array.from({ length: N * 2 }, (_, i) => i),
    final: true,
    params: 'n15:d0.1',
  });
  s = reduce(s, {
    type: 'clustersReceived',
    datasetId: 'ds1',
    method: 'kmeans',
    space: 'pca32',
    labels: Int32Array.of(0, 0, 1, 1, 2, 2),
    names: ['x', 'y', 'z'],
  });
  s = reduce(s, { type: 'setColorBy', colorBy: { kind: 'cluster' } });
  s = reduce(s, { type: 'setPointStyle', pointSize: 7, opacity: 0.5 });
  s = reduce(s, { type: 'select', rows: Int32Array.of(1, 4) });
  s = reduce(s, { type: 'lab/setSweepText', text: 'F32,Flat\nPCA2,SQ8,Flat' });
  s = reduce(s, { type: 'lab/setSettings', k: 3, maxQueries: 4 });
  s = reduce(s, {
    type: 'lab/queryFileAttached',
    queryFile: {
      datasetId: 'ds1',
      file: '/data/q.npy',
      learnFile: '/data/learn.npy',
      n: 4,
      learnN: 8,
      labelColumn: '',
    },
  });
  return s;
}

test('a workspace captured from the app and applied to the reopened file restores the view and results', () => {
  const before = worked();
  const ws = captureWorkspace(before, '6x3:0123456789abcdef')!;
  assert.equal(ws.dataset.source, '/data/x.npy');
  // Through the file, onto a fresh app that reopened the same file (a new data set id).
  const read = parseWorkspace(workspaceToJson(ws), 'w.json');
  const after = reduce(opened('ds2'), {
    type: 'workspaceRestored',
    datasetId: 'ds2',
    workspace: read,
    withResults: true,
  });
  assert.equal(after.layoutMethod, 'umap');
  assert.deepEqual(after.layouts['umap:2']?.positions, before.layouts['umap:2']?.positions);
  assert.equal(after.layouts['umap:2']?.final, true, 'a saved map is not computed again');
  assert.deepEqual(after.clusters, before.clusters);
  assert.deepEqual(after.colorBy, { kind: 'cluster' });
  assert.equal(after.pointSize, 7);
  assert.equal(after.opacity, 0.5);
  assert.deepEqual(after.selection, Int32Array.of(1, 4));
  assert.equal(after.lab.sweepText, 'F32,Flat\nPCA2,SQ8,Flat');
  assert.equal(after.lab.k, 3);
  assert.equal(after.lab.maxQueries, 4);
  // The query file is named in the workspace, for the session to attach again on the new data set.
  assert.deepEqual(read.lab.queryFile, { path: '/data/q.npy', learnPath: '/data/learn.npy' });
  assert.equal(read.lab.querySet, 'file');
});

test('a table of texts keeps its column and model folder in the workspace; a vector file has neither', () => {
  let s = reduce(initialState(), {
    type: 'datasetOpened',
    source: '/data/notes.tsv',
    dataset: {
      ...summary('t1'),
      file: '/data/notes.tsv',
      textSource: {
        column: 'body',
        model: 'onnx:/models/minilm#0123456789abcdef',
        modelDir: '/models/minilm',
      },
    },
  });
  s = reduce(s, { type: 'metadataLoaded', datasetId: 't1', columns });
  const read = parseWorkspace(workspaceToJson(captureWorkspace(s, 'fp')!), 'w.json');
  assert.equal(read.dataset.textColumn, 'body');
  assert.equal(read.dataset.textModel, '/models/minilm');
  const plain = captureWorkspace(worked(), 'fp')!;
  assert.equal(plain.dataset.textColumn, undefined);
  assert.equal(plain.dataset.textModel, undefined);
  assert.equal(plain.dataset.maxRows, undefined);
});

test('a sample (--max-rows, or the row limit by the path box) is saved as its row count, to be taken again', () => {
  const s = reduce(initialState(), {
    type: 'datasetOpened',
    source: '/data/x.npy',
    dataset: { ...summary('s1'), sampledFrom: 60 },
  });
  const read = parseWorkspace(workspaceToJson(captureWorkspace(s, 'fp')!), 'w.json');
  assert.equal(read.dataset.maxRows, N);
  // The toolbar's limit is a store setting of its own; clearing it gives every row again.
  const limited = reduce(s, { type: 'setOpenMaxRows', maxRows: 500 });
  assert.equal(limited.openMaxRows, 500);
  assert.equal(reduce(limited, { type: 'setOpenMaxRows', maxRows: null }).openMaxRows, null);
});

test('the filter in force is saved as its predicate and comes back in the filter box', () => {
  const s = reduce(worked(), {
    type: 'filterResult',
    datasetId: 'ds1',
    predicate: "kind = 'a'",
    rows: Int32Array.of(0, 2, 4),
    error: null,
  });
  const read = parseWorkspace(workspaceToJson(captureWorkspace(s, 'fp')!), 'w.json');
  assert.equal(read.view.filter, "kind = 'a'");
  const after = reduce(opened('ds2'), {
    type: 'workspaceRestored',
    datasetId: 'ds2',
    workspace: read,
    withResults: true,
  });
  assert.equal(after.filter.text, "kind = 'a'");
  assert.equal(captureWorkspace(worked(), 'fp')!.view.filter, undefined);
});

test('a changed file gets the view settings back but none of the results', () => {
  const ws = captureWorkspace(worked(), 'fp')!;
  const after = reduce(opened('ds2'), {
    type: 'workspaceRestored',
    datasetId: 'ds2',
    workspace: ws,
    withResults: false,
  });
  assert.equal(after.layoutMethod, 'umap');
  assert.equal(after.pointSize, 7);
  assert.deepEqual(after.layouts, {});
  assert.equal(after.clusters, null);
  assert.equal(after.selection, null);
  // Colour by clusters needs the clusters: the column colouring stays.
  assert.deepEqual(after.colorBy, { kind: 'column', name: 'kind' });
  // A workspace for another data set than the one open is not applied.
  const other = reduce(opened('ds3'), {
    type: 'workspaceRestored',
    datasetId: 'ds2',
    workspace: ws,
    withResults: true,
  });
  assert.equal(other.layoutMethod, 'pca');
});

test('no data set, no workspace; a running study is not saved', () => {
  assert.equal(captureWorkspace(initialState(), 'fp'), null);
  let s = worked();
  s = reduce(s, { type: 'lab/studyStarted', datasetId: 'ds1', querySet: 'base', maxQueries: 4, k: 3 });
  assert.equal(captureWorkspace(s, 'fp')!.lab.study, null);
});

test('a selection exports as CSV with its metadata (in bounded chunks) and as an int32 .npy of ids', async () => {
  const rows = Int32Array.from({ length: 25_003 }, (_, i) => i * 2);
  const asked: number[] = [];
  const csv = (await selectionCsv(rows, async (ids) => {
    asked.push(ids.length);
    return {
      columns: ['name', 'note'],
      values: Array.from(ids, (r) => [`row ${r}`, r === 4 ? 'a, "b"' : '']),
    };
  }))!;
  assert.deepEqual(asked, [10_000, 10_000, 5_003]);
  const lines = csv.split('\r\n');
  assert.equal(lines[0], 'row,name,note');
  assert.equal(lines.length, rows.length + 2, 'a header, one line per row, a final CRLF');
  assert.equal(lines[3], '4,row 4,"a, ""b"""');
  assert.equal(lines[rows.length], `${rows.at(-1)},row ${rows.at(-1)},`);
  assert.equal(await selectionCsv(rows, async () => undefined), null, 'no engine, no file');
  const bytes = selectionNpy(Int32Array.of(3, 1, 4));
  const h = parseNpyHeader(bytes, 'selection.npy');
  assert.equal(h.dtype, 'i32');
  assert.deepEqual(h.shape, [3]);
  assert.deepEqual(Array.from(new Int32Array(bytes.slice(bytes.length - 12).buffer)), [3, 1, 4]);
});
