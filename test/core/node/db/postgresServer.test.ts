// Runs against a real PostgreSQL server with pgvector when VECSCOPE_TEST_POSTGRES_URL names one
// (e.g. postgres://postgres:pw@127.0.0.1:5432/postgres); the only test skipped without it.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import pg from 'pg';
import { verifyPipeline } from '../../../../core/node/db/verifyPipeline.js';
import { loadDataset } from '../../../../core/node/io/loadDataset.js';
import { recallFromIds, rowMeta, vectorLiteral } from '../../../helpers/dbFixtures.js';
import { clusteredGaussian, splitRows } from '../../../helpers/fixtures.js';

const url = process.env['VECSCOPE_TEST_POSTGRES_URL'];

test(
  'a PostgreSQL server: read a pgvector table, verify in a TEMP scratch table, the table unchanged',
  { skip: url ? false : 'VECSCOPE_TEST_POSTGRES_URL is not set' },
  async () => {
    const N = 1000;
    const DIM = 16;
    const { base, queries } = splitRows(clusteredGaussian(N + 20, DIM, 6, 31), N);
    const table = `vecscope_test_${randomBytes(4).toString('hex')}`;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query('CREATE EXTENSION IF NOT EXISTS vector');
      await client.query(`CREATE TABLE ${table} (id int PRIMARY KEY, label text, emb vector(${DIM}))`);
      for (let i = 0; i < N; i++)
        await client.query(`INSERT INTO ${table} VALUES ($1, $2, $3)`, [
          i,
          rowMeta(i).label,
          vectorLiteral(base, i),
        ]);
      const ds = await loadDataset(url!, { db: { table, pageSize: 300 } });
      assert.deepEqual(ds.vectors.data, base.data);
      const r = await verifyPipeline({
        base: ds.vectors,
        queries,
        metric: 'l2',
        k: 10,
        pipeline: 'F32,Vamana(R=16,L=64)|W=40',
        engine: 'postgres',
        url,
      });
      assert.match(r.scratch, /^temporary table vecscope_scratch_[0-9a-f]{12} on /);
      assert.equal(r.recall, recallFromIds(r.ids, base, queries, 10, 'l2'));
      assert.ok(r.recall >= 0.9, `recall ${r.recall}`);
      const n = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
      assert.equal(n.rows[0]!.n, N);
      const idx = await client.query<{ indexname: string }>(
        'SELECT indexname FROM pg_indexes WHERE tablename = $1',
        [table],
      );
      assert.deepEqual(
        idx.rows.map((x) => x.indexname),
        [`${table}_pkey`],
      );
      const left = await client.query("SELECT 1 FROM pg_class WHERE relname LIKE 'vecscope_scratch_%'");
      assert.equal(left.rows.length, 0);
    } finally {
      await client.query(`DROP TABLE IF EXISTS ${table}`);
      await client.end();
    }
  },
);
