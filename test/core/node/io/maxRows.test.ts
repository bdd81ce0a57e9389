import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { f32ToF16 } from '../../../../core/common/io/f16.js';
import { encodeNpy } from '../../../../core/common/io/npy.js';
import { encodeFvecs } from '../../../../core/common/io/texmexVecs.js';
import { createRng, sampleIndices } from '../../../../core/common/random.js';
import { RpcClient } from '../../../../core/common/rpc/client.js';
import { EngineHost } from '../../../../core/node/host/engineHost.js';
import { connectInProcess } from '../../../../core/node/host/transports/inProcess.js';
import { loadDataset } from '../../../../core/node/io/loadDataset.js';
import { ROW_SAMPLE_SEED } from '../../../../core/node/io/rowSample.js';
import { assertUserErrorAsync, bytesOf, npyBytes, randomMatrix } from '../../common/io/helpers.js';
import { tempDir } from './fixtures.js';
import { loadInChild, npyHeader, writeSparse } from './sparseFiles.js';

const dir = tempDir('vecscope-maxrows-');
const p = (name: string) => join(dir, name);
const vecscope = fileURLToPath(new URL('../../../../../bin/vecscope.js', import.meta.url));

test('a 10 GB float16 .npy opens as a --max-rows sample: only those rows are read, in little memory', () => {
  // 5,000,000 × 1,024 halves = 10.24 GB on disk (sparse): 20 GB as float32, more than one array holds.
  const n = 5_000_000;
  const dim = 1_024;
  const header = npyHeader('<f2', [n, dim]);
  const rows = sampleIndices(n, 20_000, createRng(ROW_SAMPLE_SEED));
  // The first sampled rows hold values a float16 keeps exactly, different in each row.
  const planted = Array.from(rows.subarray(0, 40), (r) => r);
  const rowOf = (r: number) => Float32Array.from({ length: dim }, (_, j) => ((r % 97) + (j % 8)) / 64);
  writeSparse(
    p('big-f16.npy'),
    header,
    header.length + n * dim * 2,
    planted.map((r) => [header.length + r * dim * 2, bytesOf(f32ToF16(rowOf(r)))]),
  );
  const whole = loadInChild(p('big-f16.npy'));
  assert.match(whole.error ?? '', /values exceed .* --max-rows \d+ or fewer/);
  const r = loadInChild(p('big-f16.npy'), { maxRows: 20_000 });
  assert.equal(r.error, undefined);
  assert.deepEqual([r.n, r.dim], [20_000, dim]);
  // 20,000 × 1,024 float32 is 82 MB; the process itself needs ~50 MB more.
  assert.ok(r.maxRss < 400e6, `peak ${(r.maxRss / 1e6).toFixed(0)} MB`);
  assert.ok(r.seconds < 30, `${r.seconds} s`);
});

test('the sample is the same rows and metadata from every reader, seeded, in file order', async () => {
  const n = 1_000;
  const dim = 6;
  const data = randomMatrix(n, dim, 3);
  writeFileSync(p('a.npy'), encodeNpy(data, [n, dim]));
  writeFileSync(p('a.npy.gz'), gzipSync(encodeNpy(data, [n, dim])));
  writeFileSync(p('a.fvecs'), encodeFvecs(data, n, dim));
  writeFileSync(
    p('a.csv'),
    Array.from({ length: n }, (_, i) => Array.from(data.subarray(i * dim, (i + 1) * dim)).join(',')).join(
      '\n',
    ),
  );
  const meta = ['id\tkind', ...Array.from({ length: n }, (_, i) => `r${i}\tk${i % 7}`)].join('\n');
  for (const stem of ['a.npy', 'a.fvecs', 'a.csv']) writeFileSync(p(stem.replace(/\.[^.]+$/, '.tsv')), meta);
  const expected = sampleIndices(n, 120, createRng(ROW_SAMPLE_SEED));
  for (const file of ['a.npy', 'a.npy.gz', 'a.fvecs', 'a.csv']) {
    const ds = await loadDataset(p(file), { maxRows: 120, metadata: p('a.tsv') });
    assert.equal(ds.vectors.n, 120, file);
    assert.deepEqual(ds.sampled?.rows, expected, file);
    assert.equal(ds.sampled?.of, n);
    for (let i = 0; i < 120; i++) {
      const row = expected[i]!;
      assert.deepEqual(
        ds.vectors.data.subarray(i * dim, (i + 1) * dim),
        data.subarray(row * dim, (row + 1) * dim),
        `${file} row ${row}`,
      );
    }
    const ids = ds.metadata.find((c) => c.name === 'id');
    assert.ok(ids && ids.type === 'text');
    assert.deepEqual(
      ids.values.slice(0, 3),
      Array.from(expected.subarray(0, 3), (r) => `r${r}`),
    );
    const kind = ds.metadata.find((c) => c.name === 'kind');
    assert.ok(kind && kind.type === 'category');
    assert.equal(kind.categories[kind.codes[5]!], `k${expected[5]! % 7}`);
  }
  // A limit the file is within changes nothing.
  const all = await loadDataset(p('a.npy'), { maxRows: 5_000 });
  assert.equal(all.vectors.n, n);
  assert.equal(all.sampled, undefined);
  // A Fortran-ordered .npy stores columns: a sample of rows is refused in one line.
  writeFileSync(p('f.npy'), npyBytes('<f4', [n, dim], bytesOf(data), true));
  await assertUserErrorAsync(() => loadDataset(p('f.npy'), { maxRows: 10 }), p('f.npy'), /Fortran-ordered/);
});

test('the CLI: info names the sample, knn writes file row numbers, study refuses truth of the whole file', () => {
  const run = (...args: string[]) => spawnSync(process.execPath, [vecscope, ...args], { encoding: 'utf8' });
  const info = run('info', p('a.npy'), '--max-rows', '50', '--json');
  assert.equal(info.status, 0, info.stderr);
  const report = JSON.parse(info.stdout) as { n: number; sampledFrom: { rows: number; seed: number } };
  assert.equal(report.n, 50);
  assert.deepEqual(report.sampledFrom, { rows: 1_000, seed: ROW_SAMPLE_SEED });
  writeFileSync(p('q.npy'), encodeNpy(randomMatrix(3, 6, 9), [3, 6]));
  const knn = run(
    'knn',
    p('a.npy'),
    '--queries',
    p('q.npy'),
    '--k',
    '5',
    '--metric',
    'l2',
    '--out',
    p('nn.ivecs'),
    '--max-rows',
    '50',
  );
  assert.equal(knn.status, 0, knn.stderr);
  const sample = new Set(sampleIndices(1_000, 50, createRng(ROW_SAMPLE_SEED)));
  const ivecs = new Int32Array(new Uint8Array(readFileSync(p('nn.ivecs'))).buffer);
  const ids = Array.from({ length: 3 * 5 }, (_, i) => ivecs[Math.floor(i / 5) * 6 + 1 + (i % 5)]!);
  assert.ok(
    ids.every((id) => sample.has(id)),
    `ids ${ids.join(',')}`,
  );
  assert.ok(
    ids.some((id) => id >= 50),
    'ids are file rows, not sample positions',
  );
  writeFileSync(p('t.ivecs'), new Uint8Array(0));
  const study = run(
    'study',
    p('a.npy'),
    '--queries',
    p('q.npy'),
    '--truth',
    p('t.ivecs'),
    '--max-rows',
    '50',
    '--metric',
    'l2',
    '--pipelines',
    'F32,Flat',
    '--out',
    p('s.json'),
  );
  assert.equal(study.status, 1, study.stdout);
  assert.match(study.stderr, /--truth names rows of the whole file.*--max-rows/);
  // recommend reads its inputs the same way, so it refuses the same.
  const rec = run(
    'recommend',
    p('a.npy'),
    '--queries',
    p('q.npy'),
    '--truth',
    p('t.ivecs'),
    '--max-rows',
    '50',
    '--metric',
    'l2',
    '--target-recall',
    '0.9',
    '--max-bytes',
    '64',
  );
  assert.equal(rec.status, 1, rec.stdout);
  assert.match(rec.stderr, /--truth names rows of the whole file.*--max-rows/);
  const bad = run('info', p('a.npy'), '--max-rows', '0');
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /--max-rows must be a positive integer/);
});

test('the engine host (vecscope web --max-rows) opens files as samples and says so in the summary', async () => {
  const host = new EngineHost({ openRoots: [dir], maxRows: 100 });
  const c = new RpcClient(connectInProcess(host));
  const s = await c.call('open', { source: p('a.npy') }).result;
  assert.equal(s.n, 100);
  assert.equal(s.sampledFrom, 1_000);
  assert.ok(
    s.columns.some((col) => col.name === 'kind'),
    'the sidecar metadata rows come with the sample',
  );
  const full = new RpcClient(connectInProcess(new EngineHost({ openRoots: [dir] })));
  const f = await full.call('open', { source: p('a.npy') }).result;
  assert.equal(f.n, 1_000);
  assert.equal(f.sampledFrom, undefined);
  // The app's row limit (open's maxRows) overrides the host's and is another data set than every row.
  const some = await full.call('open', { source: p('a.npy'), maxRows: 300 }).result;
  assert.equal(some.n, 300);
  assert.equal(some.sampledFrom, 1_000);
  assert.notEqual(some.id, f.id);
  const fewer = await c.call('open', { source: p('a.npy'), maxRows: 40 }).result;
  assert.equal(fewer.n, 40);
});
