import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { RpcClient } from '../../../../core/common/rpc/client.js';
import { encodeNpy } from '../../../../core/common/io/npy.js';
import { EngineHost } from '../../../../core/node/host/engineHost.js';
import { connectInProcess } from '../../../../core/node/host/transports/inProcess.js';

test('the study job streams rows with progress and returns the frontier', async () => {
  const c = new RpcClient(connectInProcess(new EngineHost()));
  const summary = await c.call('open', { source: 'synthetic:1500:16:4:2' }).result;
  const dir = mkdtempSync(join(tmpdir(), 'vecscope-host-study-'));
  const q = new Float32Array(30 * 16);
  for (let i = 0; i < q.length; i++) q[i] = Math.sin(i * 0.7) * 2;
  writeFileSync(join(dir, 'q.npy'), encodeNpy(q, [30, 16]));
  const partial: string[] = [];
  const fractions: number[] = [];
  const res = await c.call(
    'study',
    {
      dataset: summary.id,
      queries: join(dir, 'q.npy'),
      pipelines: ['F32,Flat', 'LVQ8,Vamana(R=16,L=40)|W=20'],
      k: 5,
    },
    { onPartial: (r) => partial.push(r.pipeline), onProgress: (p) => fractions.push(p.fraction) },
  ).result;
  assert.deepEqual(partial, ['F32,Flat', 'LVQ8,Vamana(R=16,L=40)|W=20']);
  assert.equal(res.rows[0]!.recall, 1);
  assert.equal(res.rows[1]!.perQueryRecall.length, 30);
  assert.equal(res.rows[1]!.neighbourLoss.length, 1500);
  assert.ok(res.frontier.qps.length >= 1);
  assert.ok(fractions.length > 2);
  await assert.rejects(
    c.call('study', { dataset: summary.id, pipelines: ['F32,Flat'], k: 5 }).result,
    /no queries/,
  );
  c.close();
});
