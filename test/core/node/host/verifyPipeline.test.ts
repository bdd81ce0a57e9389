import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { connect } from '@lancedb/lancedb';
import { RpcClient, type RpcError } from '../../../../core/common/rpc/client.js';
import { EngineHost } from '../../../../core/node/host/engineHost.js';
import { connectInProcess } from '../../../../core/node/host/transports/inProcess.js';
import { rowMeta } from '../../../helpers/dbFixtures.js';
import { clusteredGaussian } from '../../../helpers/fixtures.js';

test('the app opens a LanceDB table (#max-rows sample) and verifies a pipeline in a scratch LanceDB dataset', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vecscope-host-lance-'));
  try {
    const m = clusteredGaussian(1200, 16, 6, 41);
    const db = await connect(dir);
    const rows = Array.from({ length: m.n }, (_, i) => ({
      ...rowMeta(i),
      vector: Array.from(m.data.subarray(i * 16, (i + 1) * 16)),
    }));
    (await db.createTable('items', rows)).close();
    db.close();
    const c = new RpcClient(connectInProcess(new EngineHost()));
    const opened = await c.call('open', { source: `${join(dir, 'items.lance')}#max-rows=1000` }).result;
    assert.equal(opened.n, 1000);
    assert.equal(opened.dim, 16);
    const r = await c.call('verifyPipeline', {
      dataset: opened.id,
      pipeline: 'F32,Flat',
      engine: 'lancedb',
      k: 10,
      metric: 'l2',
      querySet: 'base',
      maxQueries: 20,
    }).result;
    assert.equal(r.recall, 1);
    assert.equal(r.nq, 20);
    assert.equal(r.pointLoss.length, 1000);
    assert.ok(Array.from(r.pointLoss).every((x) => Number.isNaN(x) || x === 0));
    assert.match(r.scratch, /scratch LanceDB dataset/);
    c.close();
    // Web mode: a page may not point the engine at a PostgreSQL server.
    const w = new RpcClient(connectInProcess(new EngineHost({ openRoots: [dir] })));
    const ws = await w.call('open', { source: 'synthetic:300:8' }).result;
    const e = (await w
      .call('verifyPipeline', {
        dataset: ws.id,
        pipeline: 'F32,Flat',
        engine: 'postgres',
        url: 'postgres://127.0.0.1:1/x',
        k: 5,
        querySet: 'base',
        maxQueries: 5,
      })
      .result.catch((x: unknown) => x)) as RpcError;
    assert.match(e.message, /not offered in web mode/);
    w.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
