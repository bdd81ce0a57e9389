import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite/vector';
import { encodeNpy } from '../../../../core/common/io/npy.js';
import type { Matrix } from '../../../../core/common/types.js';
import { runCli } from '../../../../core/node/cli/main.js';
import { verifyPipeline } from '../../../../core/node/db/verifyPipeline.js';
import { loadDataset } from '../../../../core/node/io/loadDataset.js';
import { folderHashes, recallFromIds, rowMeta, vectorLiteral } from '../../../helpers/dbFixtures.js';
import { clusteredGaussian, splitRows } from '../../../helpers/fixtures.js';

const N = 1500;
const DIM = 32;
const { base, queries } = splitRows(clusteredGaussian(N + 40, DIM, 8, 11), N);
let tmp: string;
let dir: string;
let source: string;
let queryPath: string;

async function cli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

// One PGlite data directory for the whole file (PGlite takes seconds to start): a table of seeded
// vectors with metadata, a table without vectors, closed so its files are complete on disk.
before(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'vecscope-pglite-test-'));
  dir = join(tmp, 'db');
  source = `pglite://${dir}`;
  const db = await PGlite.create(dir, { extensions: { vector } });
  await db.exec(
    `CREATE EXTENSION vector;
     CREATE TABLE items (id int PRIMARY KEY, label text, score float8, emb vector(${DIM}));
     CREATE TABLE plain (id int, name text);
     INSERT INTO plain VALUES (1, 'a');`,
  );
  for (let s = 0; s < N; s += 500) {
    const ids: number[] = [];
    const labels: string[] = [];
    const scores: number[] = [];
    const vecs: string[] = [];
    for (let i = s; i < Math.min(N, s + 500); i++) {
      ids.push(i);
      labels.push(rowMeta(i).label);
      scores.push(rowMeta(i).score);
      vecs.push(vectorLiteral(base, i));
    }
    await db.query(
      'INSERT INTO items SELECT * FROM unnest($1::int[], $2::text[], $3::float8[], $4::text[]::vector[])',
      [ids, labels, scores, vecs],
    );
  }
  await db.close();
  queryPath = join(tmp, 'q.npy');
  writeFileSync(queryPath, encodeNpy(queries.data, [queries.n, DIM]));
});

after(() => rmSync(tmp, { recursive: true, force: true }));

test('a pgvector table in PGlite opens as a data set: the same vectors, the other columns as metadata, paged with progress', async () => {
  const progress: number[] = [];
  const ds = await loadDataset(source, {
    db: { table: 'items', pageSize: 400, onProgress: (f) => progress.push(f) },
  });
  assert.equal(ds.format, 'pgvector');
  assert.equal(ds.file, `${source}#table=items&column=emb`);
  const again = await loadDataset(ds.file);
  assert.deepEqual(again.vectors.data, ds.vectors.data);
  assert.equal(ds.vectors.n, N);
  assert.equal(ds.vectors.dim, DIM);
  assert.deepEqual(ds.vectors.data, base.data);
  assert.deepEqual(
    ds.metadata.map((c) => `${c.name}:${c.type}`),
    ['id:number', 'label:category', 'score:number'],
  );
  const score = ds.metadata[2]!;
  assert.ok(score.type === 'number');
  assert.equal(score.values[777], rowMeta(777).score);
  const label = ds.metadata[1]!;
  assert.ok(label.type === 'category');
  assert.equal(label.categories[label.codes[13]!], rowMeta(13).label);
  assert.deepEqual(progress, [400 / N, 800 / N, 1200 / N, 1]);
});

test('--max-rows reads a seeded sample in table order, the same each time', async () => {
  const a = await loadDataset(source, { maxRows: 100, db: { table: 'items' } });
  const b = await loadDataset(source, { maxRows: 100, db: { table: 'items', pageSize: 77 } });
  assert.equal(a.vectors.n, 100);
  assert.deepEqual(a.vectors.data, b.vectors.data);
  const id = a.metadata[0]!;
  assert.ok(id.type === 'number');
  const rows = Array.from(id.values);
  assert.deepEqual(
    rows,
    [...rows].sort((x, y) => x - y),
  );
  assert.equal(new Set(rows).size, 100);
  for (const [j, r] of rows.entries())
    assert.deepEqual(
      a.vectors.data.subarray(j * DIM, (j + 1) * DIM),
      base.data.subarray(r * DIM, (r + 1) * DIM),
    );
});

test('bad database input: one line naming the database and the problem', async () => {
  const cases: [string[], RegExp][] = [
    [
      [source, '--table', 'plain'],
      /table "plain": has no vector column \(pgvector vector or halfvec; columns: id integer, name text\)$/,
    ],
    [[source, '--table', 'nope'], /: no table "nope"$/],
    [
      [source, '--table', 'items', '--column', 'label'],
      /column "label" is text, not a pgvector vector or halfvec$/,
    ],
    [[source], /give the table with --table <name>$/],
    [
      ['postgres://me:secret@127.0.0.1:1/x', '--table', 't'],
      /^vecscope info: postgres:\/\/me:\*\*\*@127\.0\.0\.1:1\/x: cannot reach the database \(.*ECONNREFUSED.*\)$/,
    ],
    [[`pglite://${join(tmp, 'missing')}`, '--table', 't'], /no PGlite data directory there$/],
  ];
  for (const [args, re] of cases) {
    const r = await cli(['info', ...args]);
    assert.notEqual(r.code, 0, args.join(' '));
    const lines = r.stderr.trimEnd().split('\n');
    assert.equal(lines.length, 1, r.stderr);
    assert.match(lines[0]!, re);
    assert.doesNotMatch(r.stderr, /secret/);
  }
});

test('vecscope study takes a pglite:// source with --table', async () => {
  const out = join(tmp, 'study.json');
  const r = await cli([
    'study',
    source,
    '--table',
    'items',
    '--column',
    'emb',
    '--queries',
    queryPath,
    '--metric',
    'l2',
    '--pipelines',
    'F32,Flat',
    '--out',
    out,
    '--json',
  ]);
  assert.equal(r.code, 0, r.stderr);
  const res = JSON.parse(r.stdout) as { n: number; nq: number; rows: { recall: number }[] };
  assert.equal(res.n, N);
  assert.equal(res.nq, queries.n);
  assert.equal(res.rows[0]!.recall, 1);
});

interface VerifyRow {
  pipeline: string;
  predictedRecall: number;
  measuredRecall: number;
  ids: number[];
  perQueryRecall: number[];
  lost: number[][];
  latency: { p50Ms: number; p95Ms: number; qps: number };
  scratch: string;
  config: Record<string, unknown>;
}

test('vecscope verify on PGlite: HNSW, halfvec and bit + rerank measured in pgvector, recall recomputed from the ids, the source untouched', async () => {
  const before = folderHashes(dir);
  const r = await cli([
    'verify',
    source,
    '--table',
    'items',
    '--queries',
    queryPath,
    '--metric',
    'l2',
    '--json',
    '--pipelines',
    'F32,Vamana(R=16,L=64)|W=40',
    'F16,Flat',
    'BIN,Flat|rerank=100',
  ]);
  assert.equal(r.code, 0, r.stderr);
  const res = JSON.parse(r.stdout) as { engine: string; rows: VerifyRow[] };
  assert.equal(res.engine, 'pglite');
  const [hnsw, half, bits] = res.rows as [VerifyRow, VerifyRow, VerifyRow];
  assert.deepEqual(hnsw.config['hnsw'], { m: 8, efConstruction: 64, efSearch: 40 });
  assert.equal(half.config['type'], 'halfvec');
  assert.equal(bits.config['type'], 'bit');
  assert.equal(bits.config['candidates'], 100);
  for (const row of res.rows) {
    assert.match(row.scratch, /scratch in-memory PGlite/);
    assert.equal(row.measuredRecall, recallFromIds(row.ids, base, queries, 10, 'l2'), row.pipeline);
    const lostCount = row.lost.reduce((a, l) => a + l.length, 0);
    assert.equal(lostCount, Math.round((1 - row.measuredRecall) * queries.n * 10));
    assert.ok(row.latency.p50Ms > 0 && row.latency.p95Ms >= row.latency.p50Ms && row.latency.qps > 0);
    assert.ok(row.predictedRecall > 0 && row.predictedRecall <= 1);
  }
  assert.ok(hnsw.measuredRecall >= 0.9, `HNSW recall ${hnsw.measuredRecall}`);
  assert.ok(half.measuredRecall >= 0.99, `halfvec recall ${half.measuredRecall}`);
  assert.ok(bits.measuredRecall >= 0.7, `bit recall ${bits.measuredRecall}`);
  // Flat over halfvec is exact up to float16 rounding: the lab predicts the same.
  assert.ok(Math.abs(half.measuredRecall - half.predictedRecall) <= 0.02);
  assert.deepEqual(folderHashes(dir), before, 'the PGlite directory was written to');
  // And the table itself: same rows, no index beyond its primary key.
  const db = await PGlite.create(dir, { extensions: { vector } });
  try {
    const n = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM items');
    assert.equal(n.rows[0]!.n, N);
    const idx = await db.query<{ indexname: string }>(
      "SELECT indexname FROM pg_indexes WHERE tablename = 'items'",
    );
    assert.deepEqual(
      idx.rows.map((x) => x.indexname),
      ['items_pkey'],
    );
    const scratch = await db.query("SELECT 1 FROM pg_tables WHERE tablename LIKE 'vecscope_scratch%'");
    assert.equal(scratch.rows.length, 0);
  } finally {
    await db.close();
  }
});

test('verifyPipeline: per-point loss matches the lost lists; unsupported stages and reductions are one line', async () => {
  const sub: Matrix = { data: base.data.slice(0, 600 * DIM), n: 600, dim: DIM };
  const q: Matrix = { data: queries.data.slice(0, 10 * DIM), n: 10, dim: DIM };
  const r = await verifyPipeline({
    base: sub,
    queries: q,
    metric: 'ip',
    k: 5,
    pipeline: 'BIN,Flat',
    engine: 'pglite',
  });
  assert.equal(r.ids.length, 50);
  assert.equal(r.recall, recallFromIds(r.ids, sub, q, 5, 'ip'));
  let lostPairs = 0;
  let lossSum = 0;
  for (const l of r.lost) lostPairs += l.length;
  for (const x of r.pointLoss) if (!Number.isNaN(x)) lossSum += x;
  assert.ok(lostPairs === 0 ? lossSum === 0 : lossSum > 0);
  await assert.rejects(
    verifyPipeline({ base: sub, queries: q, metric: 'l2', k: 5, pipeline: 'LVQ8,Vamana', engine: 'pglite' }),
    /^UnsupportedExportError: pgvector has no equivalent of LVQ8 \(pgvector stores float32/,
  );
  await assert.rejects(
    verifyPipeline({
      base: sub,
      queries: q,
      metric: 'l2',
      k: 5,
      pipeline: 'PCA16,F32,Flat',
      engine: 'pglite',
    }),
    /a pipeline with a reduction \(PCA16\) is not verified/,
  );
});
