import assert from 'node:assert/strict';
import { statSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import {
  FixedSizeList,
  Field,
  Float32,
  makeData,
  makeVector,
  Table,
  tableToIPC,
  vectorFromArray,
  Utf8,
  List,
} from 'apache-arrow';
import h5wasm from 'h5wasm/node';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { encodeBigAnnBin } from '../../../../core/common/io/bigAnnBin.js';
import { f32ToF16 } from '../../../../core/common/io/f16.js';
import { encodeNpy } from '../../../../core/common/io/npy.js';
import { encodeFvecs, encodeIvecs } from '../../../../core/common/io/texmexVecs.js';
import { loadDataset, loadQueries } from '../../../../core/node/io/loadDataset.js';
import { assertUserErrorAsync, bytesOf, npyBytes, randomMatrix } from '../../common/io/helpers.js';
import { tempDir } from './fixtures.js';

const dir = tempDir();
const N = 12;
const D = 6;
const base = randomMatrix(N, D, 11);
const p = (name: string) => join(dir, name);

function approxEqual(a: Float32Array, b: Float32Array, tol = 0): void {
  assert.equal(a.length, b.length);
  for (let i = 0; i < a.length; i++)
    assert.ok(Math.abs(a[i]! - b[i]!) <= tol, `index ${i}: ${a[i]} vs ${b[i]}`);
}

test('.npy of every dtype loads as float32 with its stored dtype', async () => {
  writeFileSync(p('f32.npy'), encodeNpy(base, [N, D]));
  const ds = await loadDataset(p('f32.npy'));
  assert.deepEqual([ds.format, ds.dtype, ds.vectors.n, ds.vectors.dim], ['npy', 'f32', N, D]);
  approxEqual(ds.vectors.data, base);
  assert.ok(ds.vectors.data.buffer instanceof SharedArrayBuffer, 'vectors are shared with worker threads');
  writeFileSync(p('f16.npy'), npyBytes('<f2', [N, D], bytesOf(f32ToF16(base))));
  const h = await loadDataset(p('f16.npy'));
  assert.equal(h.dtype, 'f16');
  approxEqual(h.vectors.data, base, 1e-3);
  writeFileSync(p('f64.npy'), npyBytes('<f8', [N, D], bytesOf(Float64Array.from(base))));
  assert.equal((await loadDataset(p('f64.npy'))).dtype, 'f64');
  const i8 = Int8Array.from(base, (x) => Math.round(x * 100));
  writeFileSync(p('i8.npy'), npyBytes('|i1', [N, D], bytesOf(i8)));
  const li = await loadDataset(p('i8.npy'));
  assert.equal(li.dtype, 'i8');
  assert.deepEqual([...li.vectors.data], [...i8]);
  const u8 = Uint8Array.from(base, (x) => Math.round((x + 1) * 100));
  writeFileSync(p('u8.npy'), npyBytes('|u1', [N, D], u8));
  assert.deepEqual([...(await loadDataset(p('u8.npy'))).vectors.data], [...u8]);
});

test('fvecs / ivecs / bvecs and fbin / ibin / u8bin load', async () => {
  writeFileSync(p('a.fvecs'), encodeFvecs(base, N, D));
  approxEqual((await loadDataset(p('a.fvecs'))).vectors.data, base);
  const ints = Int32Array.from(base, (x) => Math.round(x * 1000));
  writeFileSync(p('a.ivecs'), encodeIvecs(ints, N, D));
  const iv = await loadDataset(p('a.ivecs'));
  assert.equal(iv.dtype, 'i32');
  assert.deepEqual([...iv.vectors.data], [...ints]);
  const bytes = Uint8Array.from(base, (x) => Math.round((x + 1) * 100));
  const bv = new Uint8Array(N * (4 + D));
  for (let i = 0; i < N; i++) {
    new DataView(bv.buffer).setInt32(i * (4 + D), D, true);
    bv.set(bytes.subarray(i * D, (i + 1) * D), i * (4 + D) + 4);
  }
  writeFileSync(p('a.bvecs'), bv);
  assert.deepEqual([...(await loadDataset(p('a.bvecs'))).vectors.data], [...bytes]);
  writeFileSync(p('a.fbin'), encodeBigAnnBin(base, N, D));
  approxEqual((await loadDataset(p('a.fbin'))).vectors.data, base);
  writeFileSync(p('a.ibin'), encodeBigAnnBin(ints, N, D));
  assert.deepEqual([...(await loadDataset(p('a.ibin'))).vectors.data], [...ints]);
  writeFileSync(p('a.u8bin'), encodeBigAnnBin(bytes, N, D));
  const u = await loadDataset(p('a.u8bin'));
  assert.deepEqual([u.format, u.dtype], ['u8bin', 'u8']);
  assert.deepEqual([...u.vectors.data], [...bytes]);
});

test('IDX loads gzipped and plain, and an IDX labels file attaches as a category', async () => {
  const n = 10;
  const img = new Uint8Array(16 + n * 4);
  const view = new DataView(img.buffer);
  img.set([0, 0, 8, 3]);
  view.setUint32(4, n, false);
  view.setUint32(8, 2, false);
  view.setUint32(12, 2, false);
  for (let i = 0; i < n * 4; i++) img[16 + i] = (i * 13) % 256;
  writeFileSync(p('train-images-idx3-ubyte'), img);
  writeFileSync(p('gz-images-idx3-ubyte.gz'), gzipSync(img));
  const lab = new Uint8Array(8 + n);
  lab.set([0, 0, 8, 1]);
  new DataView(lab.buffer).setUint32(4, n, false);
  for (let i = 0; i < n; i++) lab[8 + i] = i % 3;
  writeFileSync(p('train-labels-idx1-ubyte.gz'), gzipSync(lab));
  const plain = await loadDataset(p('train-images-idx3-ubyte'));
  const gz = await loadDataset(p('gz-images-idx3-ubyte.gz'), { metadata: p('train-labels-idx1-ubyte.gz') });
  assert.deepEqual([gz.format, gz.dtype, gz.vectors.n, gz.vectors.dim], ['idx', 'u8', n, 4]);
  assert.deepEqual(gz.vectors.data, plain.vectors.data);
  assert.equal(gz.vectors.data[5], (5 * 13) % 256);
  const label = gz.metadata[0]!;
  assert.ok(label.type === 'category');
  if (label.type === 'category') {
    assert.deepEqual(label.categories, ['0', '1', '2']);
    assert.equal(label.categories[label.codes[4]!], '1');
  }
});

test('ann-benchmarks HDF5: train, test, neighbors and the distance attribute', async () => {
  await h5wasm.ready;
  const queries = randomMatrix(3, D, 12);
  const f = new h5wasm.File(p('ann.hdf5'), 'w');
  f.create_dataset({ name: 'train', data: base, shape: [N, D], dtype: '<f' });
  f.create_dataset({ name: 'test', data: queries, shape: [3, D], dtype: '<f' });
  f.create_dataset({
    name: 'neighbors',
    data: Int32Array.from({ length: 6 }, (_, i) => i),
    shape: [3, 2],
    dtype: '<i',
  });
  f.create_dataset({ name: 'distances', data: new Float32Array(6), shape: [3, 2], dtype: '<f' });
  f.create_attribute('distance', 'angular');
  f.close();
  const ds = await loadDataset(p('ann.hdf5'));
  assert.deepEqual(
    [ds.format, ds.dtype, ds.vectors.n, ds.vectors.dim, ds.metric],
    ['hdf5', 'f32', N, D, 'cos'],
  );
  approxEqual(ds.vectors.data, base);
  approxEqual(ds.queries!.data, queries);
  assert.deepEqual([ds.groundTruth!.nq, ds.groundTruth!.k], [3, 2]);
  assert.deepEqual([...ds.groundTruth!.ids], [0, 1, 2, 3, 4, 5]);
  const q = await loadQueries(p('ann.hdf5'), ds.vectors);
  approxEqual(q.data, queries);
  writeFileSync(p('broken.hdf5'), readFileSync(p('ann.hdf5')).subarray(0, 600));
  await assertUserErrorAsync(() => loadDataset(p('broken.hdf5')), p('broken.hdf5'), /HDF5/);
});

test('Parquet: a list column is the vector, the other columns metadata', async () => {
  const rows = Array.from({ length: N }, (_, i) => Array.from(base.subarray(i * D, (i + 1) * D)));
  const ab = parquetWriteBuffer({
    columnData: [
      { name: 'title', data: rows.map((_, i) => `doc ${i}`) },
      { name: 'group', data: rows.map((_, i) => ['a', 'b'][i % 2]) },
      { name: 'embedding', data: rows },
    ],
    schema: [
      { name: 'root', num_children: 3 },
      { name: 'title', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' },
      { name: 'group', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' },
      { name: 'embedding', repetition_type: 'REQUIRED', converted_type: 'LIST', num_children: 1 },
      { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
      { name: 'element', type: 'FLOAT', repetition_type: 'REQUIRED' },
    ],
  });
  writeFileSync(p('docs.parquet'), new Uint8Array(ab));
  const ds = await loadDataset(p('docs.parquet'));
  assert.deepEqual([ds.format, ds.vectors.n, ds.vectors.dim], ['parquet', N, D]);
  approxEqual(ds.vectors.data, base);
  assert.deepEqual(
    ds.metadata.map((c) => [c.name, c.type]),
    [
      ['title', 'text'],
      ['group', 'category'],
    ],
  );
  writeFileSync(p('bad.parquet'), 'PAR1 this is not parquet PAR1');
  await assertUserErrorAsync(
    () => loadDataset(p('bad.parquet')),
    p('bad.parquet'),
    /not a readable Parquet file/,
  );
});

test('Arrow IPC: FixedSizeList and List<Float32> columns', async () => {
  const child = makeData({ type: new Float32(), length: N * D, data: base });
  const emb = makeVector(
    makeData({
      type: new FixedSizeList(D, new Field('item', new Float32(), false)),
      length: N,
      nullCount: 0,
      child,
    }),
  );
  const names = vectorFromArray(
    Array.from({ length: N }, (_, i) => `w${i}`),
    new Utf8(),
  );
  writeFileSync(p('t.arrow'), tableToIPC(new Table({ name: names, embedding: emb }), 'file'));
  const ds = await loadDataset(p('t.arrow'));
  assert.deepEqual([ds.format, ds.dtype, ds.vectors.n, ds.vectors.dim], ['arrow', 'f32', N, D]);
  approxEqual(ds.vectors.data, base);
  assert.deepEqual(
    ds.metadata.map((c) => [c.name, c.type]),
    [['name', 'text']],
  );
  const lists = vectorFromArray(
    Array.from({ length: N }, (_, i) => Array.from(base.subarray(i * D, (i + 1) * D))),
    new List(new Field('item', new Float32(), true)),
  );
  writeFileSync(p('l.arrow'), tableToIPC(new Table({ vec: lists }), 'stream'));
  approxEqual((await loadDataset(p('l.arrow'))).vectors.data, base);
  writeFileSync(p('bad.arrow'), 'ARROW1 nonsense');
  await assertUserErrorAsync(() => loadDataset(p('bad.arrow')), p('bad.arrow'), /not a readable Arrow/);
});

test('CSV / TSV vectors with a --metadata TSV, and a sidecar <stem>.tsv picked up by itself', async () => {
  const rows = Array.from({ length: N }, (_, i) => Array.from(base.subarray(i * D, (i + 1) * D)));
  writeFileSync(p('proj.tsv'), rows.map((r) => r.join('\t')).join('\n') + '\n');
  const meta = 'word\tkind\n' + rows.map((_, i) => `w${i}\t${['x', 'y', 'z'][i % 3]}`).join('\n') + '\n';
  writeFileSync(p('meta.tsv'), meta);
  const ds = await loadDataset(p('proj.tsv'), { metadata: p('meta.tsv') });
  assert.deepEqual([ds.format, ds.vectors.n, ds.vectors.dim], ['tsv', N, D]);
  approxEqual(ds.vectors.data, base);
  assert.deepEqual(
    ds.metadata.map((c) => [c.name, c.type]),
    [
      ['word', 'text'],
      ['kind', 'category'],
    ],
  );
  writeFileSync(
    p('vecs.csv'),
    'id,' +
      rows[0]!.map((_, j) => `d${j}`).join(',') +
      '\n' +
      rows.map((r, i) => `${i},${r.join(',')}`).join('\n'),
  );
  const csv = await loadDataset(p('vecs.csv'));
  assert.deepEqual([csv.format, csv.vectors.dim], ['csv', D]);
  approxEqual(csv.vectors.data, base);
  writeFileSync(p('side.fvecs'), encodeFvecs(base, N, D));
  writeFileSync(p('side.tsv'), meta);
  const side = await loadDataset(p('side.fvecs'));
  assert.deepEqual(
    side.metadata.map((c) => c.name),
    ['word', 'kind'],
  );
});

test('JSONL and raw float32 with --dim', async () => {
  const lines = Array.from({ length: N }, (_, i) =>
    JSON.stringify({ text: `t${i}`, embedding: Array.from(base.subarray(i * D, (i + 1) * D)) }),
  );
  writeFileSync(p('r.jsonl'), lines.join('\n') + '\n');
  const j = await loadDataset(p('r.jsonl'));
  assert.deepEqual([j.format, j.vectors.n, j.vectors.dim, j.metadata[0]!.name], ['jsonl', N, D, 'text']);
  approxEqual(j.vectors.data, base);
  writeFileSync(p('r.jsonl.gz'), gzipSync(lines.join('\n')));
  approxEqual((await loadDataset(p('r.jsonl.gz'))).vectors.data, base);
  writeFileSync(p('e.f32'), bytesOf(base));
  const r = await loadDataset(p('e.f32'), { dim: D });
  assert.deepEqual([r.format, r.vectors.n, r.vectors.dim], ['raw-f32', N, D]);
  approxEqual(r.vectors.data, base);
  await assertUserErrorAsync(() => loadDataset(p('e.f32')), p('e.f32'), /pass --dim/);
});

test('every bad input is a one-line error naming the file', async () => {
  const fv = encodeFvecs(base, N, D);
  writeFileSync(p('trunc.fvecs'), fv.subarray(0, fv.length - 5));
  await assertUserErrorAsync(
    () => loadDataset(p('trunc.fvecs')),
    p('trunc.fvecs'),
    /truncated: .* \(row 11 is cut off\)/,
  );
  const other = fv.slice();
  new DataView(other.buffer).setInt32(3 * (4 + 4 * D), D - 1, true);
  writeFileSync(p('other.fvecs'), other);
  await assertUserErrorAsync(
    () => loadDataset(p('other.fvecs')),
    p('other.fvecs'),
    /row 3 has dimension 5 but row 0 has 6/,
  );
  const nan = base.slice();
  nan[2 * D + 1] = NaN;
  nan[5 * D] = Infinity;
  writeFileSync(p('nan.npy'), encodeNpy(nan, [N, D]));
  await assertUserErrorAsync(
    () => loadDataset(p('nan.npy')),
    p('nan.npy'),
    /2 non-finite values .* first in row 2/,
  );
  const allowed = await loadDataset(p('nan.npy'), { allowNonfinite: true });
  assert.ok(Number.isNaN(allowed.vectors.data[2 * D + 1]!));
  writeFileSync(p('empty.npy'), new Uint8Array(0));
  await assertUserErrorAsync(() => loadDataset(p('empty.npy')), p('empty.npy'), /empty file/);
  writeFileSync(p('empty.gz'), gzipSync(new Uint8Array(0)));
  await assertUserErrorAsync(() => loadDataset(p('empty.gz')), p('empty.gz'), /empty file/);
  writeFileSync(p('what.xyz'), new Uint8Array([1, 2, 3, 250, 251, 0, 0, 0, 9]));
  await assertUserErrorAsync(() => loadDataset(p('what.xyz')), p('what.xyz'), /unknown format/);
  const zero = base.slice();
  zero.fill(0, 4 * D, 5 * D);
  writeFileSync(p('zero.npy'), encodeNpy(zero, [N, D]));
  await assertUserErrorAsync(
    () => loadDataset(p('zero.npy'), { metric: 'cos' }),
    p('zero.npy'),
    /1 all-zero row .* row 4/,
  );
  assert.equal((await loadDataset(p('zero.npy'), { metric: 'l2' })).vectors.n, N);
  writeFileSync(p('q.npy'), encodeNpy(randomMatrix(2, D + 1, 3), [2, D + 1]));
  await assertUserErrorAsync(
    () => loadQueries(p('q.npy'), { data: base, n: N, dim: D }),
    p('q.npy'),
    /queries are 7-d but the base is 6-d/,
  );
  writeFileSync(p('short.tsv'), 'word\nw0\nw1\n');
  await assertUserErrorAsync(
    () => loadDataset(p('zero.npy'), { metadata: p('short.tsv') }),
    p('short.tsv'),
    new RegExp(`has 2 metadata rows but .*zero\\.npy has 12 vectors`),
  );
  await assertUserErrorAsync(() => loadDataset(p('missing.npy')), p('missing.npy'), /file not found/);
  await assertUserErrorAsync(() => loadDataset(dir), dir, /is a directory/);
  writeFileSync(p('bad.gz'), gzipSync(encodeNpy(base, [N, D])).subarray(0, 40));
  await assertUserErrorAsync(() => loadDataset(p('bad.gz')), p('bad.gz'), /gzip/);
});

test('loading never changes the input files (bytes and mtime)', async () => {
  const files = [
    'f32.npy',
    'a.fvecs',
    'ann.hdf5',
    'docs.parquet',
    't.arrow',
    'proj.tsv',
    'meta.tsv',
    'r.jsonl',
    'e.f32',
  ];
  const before = files.map((f) => ({ bytes: readFileSync(p(f)), mtime: statSync(p(f)).mtimeMs }));
  for (const f of files.filter((f) => f !== 'meta.tsv'))
    await loadDataset(p(f), f === 'e.f32' ? { dim: D } : f === 'proj.tsv' ? { metadata: p('meta.tsv') } : {});
  files.forEach((f, i) => {
    assert.deepEqual(readFileSync(p(f)), before[i]!.bytes, f);
    assert.equal(statSync(p(f)).mtimeMs, before[i]!.mtime, f);
  });
});
