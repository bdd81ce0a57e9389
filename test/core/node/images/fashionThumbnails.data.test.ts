import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { RpcClient } from '../../../../core/common/rpc/client.js';
import { EngineHost } from '../../../../core/node/host/engineHost.js';
import { connectInProcess } from '../../../../core/node/host/transports/inProcess.js';
import { sharedData } from '../../../helpers/sharedData.js';

const host = new EngineHost();
const client = new RpcClient(connectInProcess(host));
after(async () => {
  client.close();
  await host.close();
});

test('Fashion-MNIST (gzipped IDX) opens as 28 × 28 pictures whose thumbnails are the raw bytes', async () => {
  const file = sharedData('fashion-mnist/t10k-images-idx3-ubyte.gz');
  const ds = await client.call('open', { source: file }).result;
  assert.deepEqual([ds.n, ds.dim], [10000, 784]);
  assert.deepEqual(ds.images, { source: 'pixels', height: 28, width: 28, channels: 1 });
  const raw = gunzipSync(readFileSync(file));
  const rows = Int32Array.of(0, 4321, 9999);
  const { items } = await client.call('thumbnails', { dataset: ds.id, rows }).result;
  for (const t of items) {
    assert.ok(t.kind === 'pixels' && t.width === 28 && t.height === 28);
    for (let p = 0; p < 784; p++) assert.equal(t.rgba[p * 4], raw[16 + t.row * 784 + p]);
  }
});
