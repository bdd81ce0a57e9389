import assert from 'node:assert/strict';
import { test } from 'node:test';
import { QUERY_SETS, type WireStudyRow } from '../../../core/common/rpc/protocol.js';
import { expandBuilder, parseSweep, suggestDims } from '../../../renderer/src/lab/builder.js';
import {
  formatBytes,
  lossColoring,
  memoryAtScale,
  queryScreenPositions,
  quantileBins,
  recallByGroup,
  timingWarning,
} from '../../../renderer/src/lab/labMetrics.js';
import { activeRow, initialLabState, reduceLab, sortedRows } from '../../../renderer/src/lab/labState.js';
import {
  QUERY_SET_LABELS,
  effectiveMetric,
  effectiveQuerySet,
  querySetUsable,
} from '../../../renderer/src/lab/querySets.js';
import { reduce } from '../../../renderer/src/store/reducer.js';
import { createStudy } from '../../../core/common/study/createStudy.js';
import { clusteredGaussian, splitRows } from '../../helpers/fixtures.js';
import { initialState } from '../../../renderer/src/store/state.js';

function row(
  pipeline: string,
  recall: number,
  bytes: number,
  extra: Partial<WireStudyRow> = {},
): WireStudyRow {
  return {
    pipeline,
    recall,
    recallLow: recall,
    recallHigh: recall,
    bytesPerVector: bytes,
    primaryBytes: bytes,
    secondaryBytes: 0,
    graphBytes: 0,
    buildSeconds: 0.5,
    qps: 1000 / bytes,
    qpsSpread: 0.05,
    qpsBatch: null,
    evaluations: 10,
    decomposition: { reduction: 1 - recall, quantization: 0, traversal: 0, rerankRecovered: 0 },
    perQueryRecall: Float32Array.of(recall, recall),
    neighbourLoss: Float32Array.of(0, 1, NaN),
    neighbourSeen: Int32Array.of(1, 1, 0),
    ids: new Int32Array(4),
    ...extra,
  };
}

test('the builder expands comma lists into canonical pipelines', () => {
  const b = {
    reductions: 'none, PCA',
    dims: '32,64',
    quantizers: 'SQ8, LVQ8',
    indexes: 'Flat, Vamana',
    R: '16',
    L: '50',
    W: '20,40',
    rerank: '',
  };
  const out = expandBuilder(b);
  // (1 + 2 dims) × 2 quantizers × (Flat + Vamana × 2 windows) = 18.
  assert.equal(out.length, 18);
  assert.ok(out.includes('SQ8,Flat'));
  assert.ok(out.includes('PCA64,LVQ8,Flat'));
  assert.ok(
    out.some((p) => /^PCA32,SQ8,Vamana\(R=16,L=50.*\)\|W=40$/.test(p)),
    out.join(' '),
  );
  assert.equal(new Set(out).size, out.length);
  assert.throws(() => expandBuilder({ ...b, quantizers: 'ZZ9' }), /unknown quantizer/);
  assert.throws(() => expandBuilder({ ...b, dims: '' }), /needs a dimension/);
  assert.deepEqual(parseSweep('F32,Flat\n\n# a comment\n pca64 , sq8 , flat \nF32,Flat'), [
    'F32,Flat',
    'PCA64,SQ8,Flat',
  ]);
  assert.throws(() => parseSweep('F32,Tree'), /bad pipeline/);
  // The sweep takes FAISS words too, as their vecscope equivalent.
  assert.deepEqual(parseSweep('HNSW32\nOPQ16,PQ16'), ['F32,Vamana(R=64)', 'OPQ16,Flat']);
  assert.throws(() => parseSweep('IVF1024,PQ16'), /no inverted-file \(IVF\) index/);
});

test('suggested dimensions come from the intrinsic dimension estimates, rounded up to multiples of 8', () => {
  const s = suggestDims({ twoNN: 18.9, mle: 17.3, pca90: 141, pca95: 239 }, 512);
  assert.deepEqual(
    s.map((x) => x.dim),
    [40, 80, 144, 240],
  );
  assert.ok(s.every((x) => x.dim % 8 === 0 && x.dim < 512));
  assert.deepEqual(suggestDims(null, 512), []);
  // Nothing at or above the full dimension.
  assert.deepEqual(
    suggestDims({ twoNN: 10, mle: 10, pca90: 30, pca95: 40 }, 32).map((x) => x.dim),
    [24],
  );
});

test('study rows stream into the lab slice, the first is selected, the end result replaces them', () => {
  let s = reduce(initialState(), { type: 'lab/toggle' });
  assert.equal(s.lab.open, true);
  s = reduce(s, { type: 'lab/studyStarted', datasetId: 'ds1', querySet: 'ood', maxQueries: 2, k: 2 });
  assert.equal(s.lab.study?.running, true);
  s = reduce(s, { type: 'lab/studyRow', datasetId: 'ds1', row: row('A', 0.9, 10), nq: 2 });
  s = reduce(s, { type: 'lab/studyRow', datasetId: 'other', row: row('X', 0.9, 10), nq: 2 });
  s = reduce(s, { type: 'lab/studyRow', datasetId: 'ds1', row: row('B', 0.5, 4), nq: 2 });
  assert.deepEqual(
    s.lab.study?.rows.map((r) => r.pipeline),
    ['A', 'B'],
  );
  assert.equal(s.lab.selected, 'A');
  assert.equal(activeRow(s.lab, 'ds1')?.pipeline, 'A');
  s = reduce(s, { type: 'lab/hover', pipeline: 'B' });
  assert.equal(activeRow(s.lab, 'ds1')?.pipeline, 'B', 'hovering shows a pipeline everywhere');
  assert.equal(activeRow(s.lab, 'ds2'), null, 'results of another data set are not shown');
  s = reduce(s, { type: 'lab/hover', pipeline: null });
  s = reduce(s, {
    type: 'lab/studyEnded',
    datasetId: 'ds1',
    result: {
      k: 2,
      n: 3,
      nq: 2,
      metric: 'ip',
      rows: [row('A', 0.9, 10), row('B', 0.5, 4)],
      frontier: { qps: ['B', 'A'], bytes: ['B', 'A'] },
    },
  });
  assert.equal(s.lab.study?.running, false);
  assert.deepEqual(s.lab.study?.frontier?.bytes, ['B', 'A']);
  // Sorting: by recall (default, best first), then bytes ascending on first click.
  assert.deepEqual(
    sortedRows(s.lab.study!.rows, s.lab.sort).map((r) => r.pipeline),
    ['A', 'B'],
  );
  s = reduce(s, { type: 'lab/sort', key: 'bytesPerVector' });
  assert.deepEqual(s.lab.sort, { key: 'bytesPerVector', desc: false });
  assert.deepEqual(
    sortedRows(s.lab.study!.rows, s.lab.sort).map((r) => r.pipeline),
    ['B', 'A'],
  );
  s = reduce(s, { type: 'lab/sort', key: 'bytesPerVector' });
  assert.equal(s.lab.sort.desc, true);
  // Batch QPS is null where it was not measured: such rows sort below every measured one.
  const batch = [row('C', 0.5, 4, { qpsBatch: 50 }), row('D', 0.5, 4), row('E', 0.5, 4, { qpsBatch: 80 })];
  assert.deepEqual(
    sortedRows(batch, { key: 'qpsBatch', desc: true }).map((r) => r.pipeline),
    ['E', 'C', 'D'],
  );
  assert.deepEqual(
    sortedRows(batch, { key: 'qpsBatch', desc: false }).map((r) => r.pipeline),
    ['D', 'C', 'E'],
  );
  assert.equal(
    reduceLab(initialLabState(), { type: 'lab/setMemoryCount', count: -5 }).memoryCount,
    10_000_000,
  );
});

test('loss colours, recall by group, memory at scale and query placement', () => {
  const c = lossColoring(Float32Array.of(0, 1, NaN, 0.5), 'loss');
  assert.equal(c.colors.length, 12);
  assert.equal(c.legend.kind, 'scale');
  // Kept and lost points get clearly different colours; never-neighbours are grey.
  const rgb = (i: number) => Array.from(c.colors.subarray(i * 3, i * 3 + 3));
  assert.notDeepEqual(rgb(0), rgb(1));
  const [r, g, b] = rgb(2);
  assert.ok(Math.abs(r! - g!) < 15 && Math.abs(g! - b!) < 15);

  // Point 0 is a true neighbour of 3 queries and always found, point 1 of one query and missed: group a
  // found 3 of its 4 pairs (the unweighted mean of the two points' losses would say 0.5).
  const groups = recallByGroup(
    Float32Array.of(0, 1, NaN, 0.5, 0),
    Int32Array.of(3, 1, 0, 2, 1),
    Int32Array.of(0, 0, 1, 1, 2),
    ['a', 'b', 'c', 'd'],
  );
  assert.deepEqual(groups, [
    { label: 'b', points: 1, pairs: 2, recall: 0.5 },
    { label: 'a', points: 2, pairs: 4, recall: 0.75 },
    { label: 'c', points: 1, pairs: 1, recall: 1 },
  ]);

  const m = memoryAtScale({ primaryBytes: 36, secondaryBytes: 64, graphBytes: 128 }, 1_000_000);
  assert.deepEqual(m, { vectors: 36e6, secondary: 64e6, graph: 128e6, total: 228e6 });
  assert.equal(formatBytes(228e6), '217 MiB');
  assert.equal(formatBytes(512), '512 B');

  const screen = Float32Array.of(0, 0, 10, 0, 10, 10, NaN, NaN);
  const pos = queryScreenPositions(screen, Int32Array.of(0, 1, 2, 3, 3, 3), 2, 3);
  assert.ok(Math.abs(pos[0]! - 20 / 3) < 1e-5 && Math.abs(pos[1]! - 10 / 3) < 1e-5);
  assert.ok(Number.isNaN(pos[2]!), 'a query whose neighbours are all off screen is not placed');
});

test('number columns break down into quantile bins of about equal size', () => {
  const values = Float64Array.from({ length: 100 }, (_, i) => (i * 37) % 100);
  values[5] = NaN;
  const { codes, names } = quantileBins(values, 4);
  assert.equal(names.length, 4);
  const counts = [0, 0, 0, 0];
  for (let i = 0; i < 100; i++) if (codes[i]! >= 0) counts[codes[i]!]!++;
  assert.equal(codes[5], -1);
  assert.ok(
    counts.every((c) => c >= 23 && c <= 26),
    counts.join(','),
  );
  // Bins follow the values: a larger value never falls in a lower bin.
  for (let i = 0; i < 100; i++)
    for (let j = 0; j < 100; j++) if (values[i]! < values[j]!) assert.ok(codes[i]! <= codes[j]!);
  // A constant column is one bin.
  assert.deepEqual(quantileBins(Float64Array.of(2, 2, 2)).names.length, 1);
});

test('the lab never uses a query set the data set lacks, and keeps a metric chosen per data set', () => {
  const sample = { id: 's', file: '/x/sample/base.npy', hasQueries: false, metric: 'ip' as const };
  const own = { id: 'f', file: '/data/my.npy', hasQueries: false, metric: 'cos' as const };
  const hdf5 = { id: 'h', file: '/data/glove.hdf5', hasQueries: true, metric: 'cos' as const };
  // The default, the sample's OOD queries, on the user's own files: the first set the file has.
  assert.equal(initialLabState().querySet, 'ood');
  assert.equal(effectiveQuerySet('ood', sample), 'ood');
  assert.equal(effectiveQuerySet('ood', own), 'base');
  assert.equal(effectiveQuerySet('ood', hdf5), 'dataset');
  assert.equal(effectiveQuerySet('id', hdf5), 'dataset');
  assert.equal(effectiveQuerySet('base', sample), 'base');
  assert.equal(effectiveQuerySet('dataset', own), 'base');
  for (const ds of [sample, own, hdf5])
    for (const q of QUERY_SETS) assert.ok(querySetUsable(effectiveQuerySet(q, ds), ds), `${q} on ${ds.file}`);
  assert.deepEqual(
    QUERY_SETS.map((q) => QUERY_SET_LABELS[q]),
    ['sample OOD', 'sample ID', "file's queries", 'query file', 'base rows'],
  );
  // The user's query file: usable once attached, and then chosen over base rows.
  assert.equal(querySetUsable('file', own), false);
  assert.equal(effectiveQuerySet('file', own), 'base');
  assert.equal(effectiveQuerySet('file', own, true), 'file');
  assert.equal(effectiveQuerySet('ood', own, true), 'file');
  assert.equal(
    reduceLab(initialLabState(), {
      type: 'lab/queryFileAttached',
      queryFile: { datasetId: 'f', file: '/q.npy', n: 5, learnN: 0, labelColumn: '' },
    }).querySet,
    'file',
  );
  // The metric: the data set's guess until the user picks one for that data set.
  let s = initialLabState();
  assert.equal(effectiveMetric(s.metric, own), 'cos');
  s = reduceLab(s, { type: 'lab/setMetric', datasetId: 'f', metric: 'l2' });
  assert.equal(effectiveMetric(s.metric, own), 'l2');
  assert.equal(effectiveMetric(s.metric, hdf5), 'cos', 'a choice for one file does not carry to another');
});

test('a failed row is listed but never selected first, and sorts below the measured rows', () => {
  const failed = row('LeanVecOOD8,F32,Flat', NaN, NaN, {
    error: 'LeanVec-OOD needs learning queries',
    qps: NaN,
    qpsSpread: NaN,
    perQueryRecall: new Float32Array(0),
    ids: new Int32Array(0),
  });
  let s = reduce(initialState(), {
    type: 'lab/studyStarted',
    datasetId: 'ds1',
    querySet: 'base',
    maxQueries: 2,
    k: 2,
  });
  s = reduce(s, { type: 'lab/studyRow', datasetId: 'ds1', row: failed, nq: 2 });
  assert.equal(s.lab.selected, null);
  s = reduce(s, { type: 'lab/studyRow', datasetId: 'ds1', row: row('A', 0.9, 10), nq: 2 });
  assert.equal(s.lab.selected, 'A');
  const rows = [failed, row('A', 0.9, 10), row('B', 0.5, 4)];
  for (const desc of [true, false])
    for (const key of ['recall', 'qps', 'bytesPerVector'] as const) {
      const order = sortedRows(rows, { key, desc }).map((r) => r.pipeline);
      assert.equal(order.length, 3);
      assert.equal(order.indexOf(failed.pipeline), desc ? 2 : 0, `${key} ${desc ? 'desc' : 'asc'}`);
    }
  const ended = reduce(
    reduce(initialState(), {
      type: 'lab/studyStarted',
      datasetId: 'ds1',
      querySet: 'base',
      maxQueries: 2,
      k: 2,
    }),
    {
      type: 'lab/studyEnded',
      datasetId: 'ds1',
      result: {
        k: 2,
        n: 3,
        nq: 2,
        metric: 'ip',
        rows: [failed, row('B', 0.5, 4)],
        frontier: { qps: ['B'], bytes: ['B'] },
      },
    },
  );
  assert.equal(ended.lab.selected, 'B');
});

test('recall by group brackets the overall recall: it is the pair-weighted mean of the groups', async () => {
  const { base, queries } = splitRows(clusteredGaussian(2_200, 24, 8, 3), 2_000);
  const study = createStudy({ base, queries, k: 10, metric: 'l2' });
  // A narrow graph search and coarse codes, so that recall is well below 1 and differs between groups.
  const row = await study.runPipeline('LVQ4,Vamana(R=8,L=16)|W=10');
  assert.ok(row.recall < 0.95, `${row.recall}`);
  // Groups: the row index mod 7, so that every group has points of every cluster and none is empty.
  const codes = Int32Array.from({ length: base.n }, (_, i) => i % 7);
  const names = Array.from({ length: 7 }, (_, g) => `g${g}`);
  const groups = recallByGroup(row.neighbourLoss, row.neighbourSeen, codes, names);
  const pairs = groups.reduce((s, g) => s + g.pairs, 0);
  assert.equal(pairs, queries.n * 10);
  const weighted = groups.reduce((s, g) => s + g.pairs * g.recall, 0) / pairs;
  assert.ok(Math.abs(weighted - row.recall) < 1e-6, `${weighted} vs ${row.recall}`);
  assert.ok(groups[0]!.recall <= row.recall && row.recall <= groups.at(-1)!.recall);
});

test('the lab warns about timings when the engine saw a busy machine or the passes spread widely', () => {
  const steady = [row('A', 0.9, 64), row('B', 0.8, 32)];
  assert.equal(timingWarning({ busy: null, rows: steady }), null);
  assert.match(timingWarning({ busy: 'the machine is busy (load 3.0 on 2 cores)', rows: steady })!, /busy/);
  const noisy = [...steady, row('C', 0.7, 16, { qpsSpread: 0.6 })];
  assert.match(timingWarning({ busy: null, rows: noisy })!, /up to 60 % between timed passes/);
  // A failed row's NaN spread says nothing about the machine.
  const failed = row('D', 0.7, 16, { qpsSpread: NaN, error: 'no' });
  assert.equal(timingWarning({ busy: null, rows: [...steady, failed] }), null);
});

test("model B's study streams beside the open model's and ignores rows of another data set", () => {
  let s = initialLabState();
  s = reduceLab(s, { type: 'lab/modelBStarted', datasetId: 'a', file: '/b.npy', querySet: 'base', k: 10 });
  s = reduceLab(s, { type: 'lab/modelBRow', datasetId: 'a', row: row('F32,Flat', 1, 64) });
  s = reduceLab(s, { type: 'lab/modelBRow', datasetId: 'other', row: row('SQ8,Flat', 0.9, 16) });
  s = reduceLab(s, { type: 'lab/modelBRow', datasetId: 'a', row: row('F32,Flat', 0.99, 64) });
  assert.deepEqual(
    s.modelB?.rows.map((r) => [r.pipeline, r.recall]),
    [['F32,Flat', 0.99]],
  );
  assert.equal(s.modelB?.running, true);
  s = reduceLab(s, {
    type: 'lab/modelBEnded',
    datasetId: 'a',
    rows: [row('F32,Flat', 0.98, 64), row('SQ8,Flat', 0.8, 16)],
  });
  assert.equal(s.modelB?.running, false);
  assert.equal(s.modelB?.rows.length, 2);
  // A row after the end changes nothing; a failed study keeps what arrived.
  assert.equal(reduceLab(s, { type: 'lab/modelBRow', datasetId: 'a', row: row('X', 0, 1) }), s);
  const failed = reduceLab(
    reduceLab(s, { type: 'lab/modelBStarted', datasetId: 'a', file: '/b.npy', querySet: 'base', k: 10 }),
    { type: 'lab/modelBEnded', datasetId: 'a', rows: null },
  );
  assert.deepEqual(failed.modelB?.rows, []);
});
