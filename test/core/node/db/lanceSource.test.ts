import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { connect } from '@lancedb/lancedb';
import { runCli } from '../../../../core/node/cli/main.js';
import { verifyPipeline } from '../../../../core/node/db/verifyPipeline.js';
import { loadDataset } from '../../../../core/node/io/loadDataset.js';
import { folderHashes, recallFromIds, rowMeta } from '../../../helpers/dbFixtures.js';
import { clusteredGaussian, splitRows } from '../../../helpers/fixtures.js';

const N = 2000;
const DIM = 32;
const { base, queries } = splitRows(clusteredGaussian(N + 40, DIM, 8, 21), N);
let dir: string;

async function cli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vecscope-lance-test-'));
  const db = await connect(dir);
  const rows = Array.from({ length: N }, (_, i) => ({
    id: i,
    ...rowMeta(i),
    vector: Array.from(base.data.subarray(i * DIM, (i + 1) * DIM)),
  }));
  (await db.createTable('items', rows)).close();
  (await db.createTable('plain', [{ id: 1, name: 'a' }])).close();
  db.close();
});

after(() => rmSync(dir, { recursive: true, force: true }));

test('a LanceDB dataset (.lance path) opens as a data set: the same vectors and metadata, paged with progress', async () => {
  const progress: number[] = [];
  const ds = await loadDataset(join(dir, 'items.lance'), {
    db: { pageSize: 800, onProgress: (f) => progress.push(f) },
  });
  assert.equal(ds.format, 'lancedb');
  assert.equal(ds.vectors.n, N);
  assert.equal(ds.vectors.dim, DIM);
  assert.deepEqual(ds.vectors.data, base.data);
  assert.deepEqual(
    ds.metadata.map((c) => `${c.name}:${c.type}`),
    ['id:number', 'label:category', 'score:number'],
  );
  const score = ds.metadata[2]!;
  assert.ok(score.type === 'number');
  assert.equal(score.values[1234], rowMeta(1234).score);
  assert.deepEqual(progress, [800 / N, 1600 / N, 1]);
  const s = await loadDataset(join(dir, 'items.lance'), { maxRows: 50, db: { pageSize: 300 } });
  assert.equal(s.vectors.n, 50);
  // The sample is named as one, as a file's --max-rows sample is: the table's rows kept, of how many.
  assert.equal(s.sampled?.of, N);
  assert.deepEqual(
    Array.from(s.sampled!.rows),
    Array.from((s.metadata[0] as { values: Float64Array }).values),
  );
  const id = s.metadata[0]!;
  assert.ok(id.type === 'number');
  for (const [j, r] of Array.from(id.values).entries())
    assert.deepEqual(
      s.vectors.data.subarray(j * DIM, (j + 1) * DIM),
      base.data.subarray(r * DIM, (r + 1) * DIM),
    );
});

test('bad LanceDB input: one line each', async () => {
  const cases: [string[], RegExp][] = [
    [
      [join(dir, 'plain.lance')],
      /plain\.lance: has no vector column \(a fixed-size list of floats; columns: id Float64, name Utf8\)$/,
    ],
    [[join(dir, 'nope.lance')], /: no table "nope" \(tables: items, plain\)$/],
    [[join(dir, 'items.lance'), '--column', 'label'], /column "label" is Utf8, not a vector column$/],
    [[join(dir, 'missing', 'x.lance')], /missing: no LanceDB folder there$/],
  ];
  for (const [args, re] of cases) {
    const r = await cli(['info', ...args]);
    assert.notEqual(r.code, 0, args.join(' '));
    const lines = r.stderr.trimEnd().split('\n');
    assert.equal(lines.length, 1, r.stderr);
    assert.match(lines[0]!, re);
  }
});

test('verify in LanceDB: IVF_HNSW_SQ, IVF_PQ + refine and a flat scan, recall recomputed from the ids; the dataset untouched', async () => {
  const before = folderHashes(dir);
  const ds = await loadDataset(join(dir, 'items.lance'));
  const expect: [string, string | undefined, number][] = [
    ['SQ8,Vamana(R=16,L=64)|W=40', 'IVF_HNSW_SQ', 0.85],
    ['PQ8,Flat|rerank=50', 'IVF_PQ', 0.85],
    ['F32,Flat', undefined, 1],
  ];
  for (const [pipeline, type, bound] of expect) {
    const r = await verifyPipeline({
      base: ds.vectors,
      queries,
      metric: 'l2',
      k: 10,
      pipeline,
      engine: 'lancedb',
    });
    assert.equal((r.config['index'] as { type?: string } | undefined)?.type, type);
    assert.match(r.scratch, /scratch LanceDB dataset in .*vecscope-lance-/);
    assert.equal(r.recall, recallFromIds(r.ids, base, queries, 10, 'l2'), pipeline);
    assert.ok(r.recall >= bound, `${pipeline}: recall ${r.recall}`);
    assert.ok(r.latency.p50Ms > 0);
  }
  assert.deepEqual(folderHashes(dir), before, 'the Lance folder was written to');
  const db = await connect(dir);
  const t = await db.openTable('items');
  assert.equal(await t.countRows(), N);
  assert.deepEqual(await t.listIndices(), []);
  t.close();
  db.close();
});
