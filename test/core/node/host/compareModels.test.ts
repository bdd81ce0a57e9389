import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { RpcClient, type RpcError } from '../../../../core/common/rpc/client.js';
import { encodeNpy } from '../../../../core/common/io/npy.js';
import { EngineHost } from '../../../../core/node/host/engineHost.js';
import { connectInProcess } from '../../../../core/node/host/transports/inProcess.js';
import { clusteredGaussian, randomMatrix } from '../../../helpers/fixtures.js';

test('the app compares two models of the same rows: a rotated copy agrees fully, unrelated rows barely', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vecscope-compare-'));
  const a = clusteredGaussian(800, 12, 4, 5);
  // B: A's rows with two coordinates swapped and negated (an isometry), then padded to 16 dimensions.
  const b = new Float32Array(800 * 16);
  for (let i = 0; i < 800; i++)
    for (let j = 0; j < 12; j++)
      b[i * 16 + (j === 0 ? 1 : j === 1 ? 0 : j)] = (j < 2 ? -1 : 1) * a.data[i * 12 + j]!;
  const other = randomMatrix(800, 8, 9);
  writeFileSync(join(dir, 'a.npy'), encodeNpy(a.data, [800, 12]));
  writeFileSync(
    join(dir, 'a.tsv'),
    ['kind', ...Array.from({ length: 800 }, (_, i) => `c${i % 4}`)].join('\n'),
  );
  writeFileSync(join(dir, 'b.npy'), encodeNpy(b, [800, 16]));
  writeFileSync(join(dir, 'other.npy'), encodeNpy(other.data, [800, 8]));
  writeFileSync(join(dir, 'short.npy'), encodeNpy(other.data.subarray(0, 799 * 8), [799, 8]));

  const c = new RpcClient(connectInProcess(new EngineHost({ openRoots: [dir] })));
  const { id } = await c.call('open', { source: join(dir, 'a.npy') }).result;
  const same = await c.call('compareModels', {
    dataset: id,
    path: join(dir, 'b.npy'),
    k: 10,
    labelColumn: 'kind',
  }).result;
  assert.equal(same.dimB, 16);
  assert.equal(same.jaccard.length, 800);
  assert.equal(same.meanJaccard, 1);
  assert.ok(same.cka! > 0.999, `${same.cka}`);
  assert.ok(same.labels && same.labels.a.knnAccuracy === same.labels.b.knnAccuracy);

  const unrelated = await c.call('compareModels', { dataset: id, path: join(dir, 'other.npy') }).result;
  assert.ok(unrelated.meanJaccard! < 0.1, `${unrelated.meanJaccard}`);
  assert.ok(unrelated.disagree.length > 0 && unrelated.disagree[0]!.jaccard <= unrelated.meanJaccard!);

  const e = (await c
    .call('compareModels', { dataset: id, path: join(dir, 'short.npy') })
    .result.catch((x: unknown) => x)) as RpcError;
  assert.match(e.message, /short\.npy.*holds 799 rows but the open data set holds 800/);
  const outside = (await c
    .call('compareModels', { dataset: id, path: join(tmpdir(), 'x.npy') })
    .result.catch((x: unknown) => x)) as RpcError;
  assert.match(outside.message, /web mode opens only/);
  c.close();
});
