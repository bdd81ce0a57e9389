import assert from 'node:assert/strict';
import { mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { encodeNpy } from '../../../../core/common/io/npy.js';
import { RpcClient } from '../../../../core/common/rpc/client.js';
import { EngineHost } from '../../../../core/node/host/engineHost.js';
import { connectInProcess } from '../../../../core/node/host/transports/inProcess.js';

const dir = realpathSync(mkdtempSync(join(tmpdir(), 'vecscope-filterrows-')));
const N = 300;
writeFileSync(
  join(dir, 'base.npy'),
  encodeNpy(
    Float32Array.from(
      { length: N * 6 },
      (_, i) => Math.sin(i * 0.7) + (i % 6 === Math.floor(i / 6) % 3 ? 3 : 0),
    ),
    [N, 6],
  ),
);
writeFileSync(
  join(dir, 'labels.u8'),
  Uint8Array.from({ length: N }, (_, i) => i % 3),
);
writeFileSync(
  join(dir, 'other.u8'),
  Uint8Array.from({ length: N }, (_, i) => i % 5),
);

const host = new EngineHost({ openRoots: [dir] });
const client = new RpcClient(connectInProcess(host));
after(async () => {
  client.close();
  await host.close();
});

test('filterRows runs a predicate over the metadata, follows attached columns, refuses bad ones in one line', async () => {
  const ds = await client.call('open', { source: join(dir, 'base.npy') }).result;
  await client.call('attachMetadata', { dataset: ds.id, path: join(dir, 'labels.u8') }).result;
  const r = await client.call('filterRows', { dataset: ds.id, predicate: "labels = '1' AND row_id < 30" })
    .result;
  assert.equal(r.n, N);
  assert.deepEqual(Array.from(r.rows), [1, 4, 7, 10, 13, 16, 19, 22, 25, 28]);
  // A column attached later is seen by the next filter (a new copy of the metadata).
  await assert.rejects(
    client.call('filterRows', { dataset: ds.id, predicate: "other = '4'" }).result,
    /unknown column "other".*the columns are: labels, row_id/,
  );
  await client.call('attachMetadata', { dataset: ds.id, path: join(dir, 'other.u8') }).result;
  const o = await client.call('filterRows', { dataset: ds.id, predicate: "other = '4'" }).result;
  assert.equal(o.rows.length, N / 5);
  await assert.rejects(
    client.call('filterRows', { dataset: ds.id, predicate: "labels = '7'" }).result,
    /matches no row/,
  );
  // The wire refuses an over-long predicate before the engine sees it.
  await assert.rejects(client.call('filterRows', { dataset: ds.id, predicate: 'x'.repeat(2001) }).result);
});

test('the study job measures every pipeline under the filter and the sweep', async () => {
  const ds = await client.call('open', { source: join(dir, 'base.npy') }).result;
  await client.call('attachMetadata', { dataset: ds.id, path: join(dir, 'labels.u8') }).result;
  const res = await client.call('study', {
    dataset: ds.id,
    pipelines: ['F32,Vamana(R=8,L=20)|W=10'],
    k: 5,
    querySet: 'base',
    maxQueries: 20,
    filter: "labels = '2'",
    selectivitySweep: true,
  }).result;
  const row = res.rows[0]!;
  assert.equal(row.error, undefined);
  assert.equal(row.filter, "labels = '2'");
  assert.equal(row.selectivity, 100 / N);
  assert.equal(row.filteredRecall, 1);
  // 0.1 % of 300 rows is less than a row: that level is left out.
  assert.ok(row.filtered!.length >= 4);
  assert.equal(row.filtered!.at(-1)!.neighbourLoss.length, N);
});
