import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RpcError } from '../../../../core/common/rpc/client.js';
import { RpcClient } from '../../../../core/common/rpc/client.js';
import { EngineHost } from '../../../../core/node/host/engineHost.js';
import { connectInProcess } from '../../../../core/node/host/transports/inProcess.js';

test('mapQuality: a faithful map scores high, a shuffled one near chance; labels add the hit rate', async () => {
  const c = new RpcClient(connectInProcess(new EngineHost()));
  const { id, n } = await c.call('open', { source: 'synthetic:1500:8:5:2' }).result;
  const layout = await c.call('layout', { dataset: id, method: 'umap', dim: 2 }).result;
  const meta = await c.call('metadata', { dataset: id }).result;
  const cluster = meta.columns.find((col) => col.name === 'cluster');
  assert.ok(cluster && cluster.type === 'category');
  const fractions: number[] = [];
  const good = await c.call(
    'mapQuality',
    { dataset: id, dim: 2, positions: layout.positions, labels: cluster.codes },
    { onProgress: (p) => fractions.push(p.fraction) },
  ).result;
  assert.equal(good.evaluated, n);
  assert.ok(good.trustworthiness10 > 0.9, String(good.trustworthiness10));
  assert.ok(good.continuity10 > 0.9, String(good.continuity10));
  assert.ok(good.neighbourhoodHit10! > 0.9, String(good.neighbourhoodHit10));
  assert.ok(fractions.length >= 1);

  // The same positions given to the wrong rows: trustworthiness falls to about 0.5.
  const shuffled = new Float32Array(layout.positions.length);
  for (let i = 0; i < n; i++) {
    const j = (i * 7919) % n;
    shuffled[2 * i] = layout.positions[2 * j]!;
    shuffled[2 * i + 1] = layout.positions[2 * j + 1]!;
  }
  const bad = await c.call('mapQuality', { dataset: id, dim: 2, positions: shuffled }).result;
  assert.ok(bad.trustworthiness10 < 0.6, String(bad.trustworthiness10));
  assert.equal(bad.neighbourhoodHit10, undefined);

  await assert.rejects(
    c.call('mapQuality', { dataset: id, dim: 3, positions: layout.positions }).result,
    (e: RpcError) => e.code === 'user' && /not 1500 × 3/.test(e.message),
  );
  c.close();
});
