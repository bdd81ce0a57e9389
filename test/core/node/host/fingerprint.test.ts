import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { encodeNpy } from '../../../../core/common/io/npy.js';
import { RpcClient } from '../../../../core/common/rpc/client.js';
import { vectorFingerprint } from '../../../../core/common/workspace/fingerprint.js';
import { EngineHost } from '../../../../core/node/host/engineHost.js';
import { connectInProcess } from '../../../../core/node/host/transports/inProcess.js';
import { randomMatrix } from '../../../helpers/fixtures.js';

test('the fingerprint call (run on the compute thread) is the rows’ hash, and a changed row changes it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vecscope-fp-'));
  const m = randomMatrix(3_000, 24, 4);
  writeFileSync(join(dir, 'a.npy'), encodeNpy(m.data, [3_000, 24]));
  const changed = m.data.slice();
  changed[1_234 * 24 + 5]! += 1e-3;
  writeFileSync(join(dir, 'b.npy'), encodeNpy(changed, [3_000, 24]));
  const c = new RpcClient(connectInProcess(new EngineHost({ openRoots: [dir] })));
  const a = await c.call('open', { source: join(dir, 'a.npy') }).result;
  const b = await c.call('open', { source: join(dir, 'b.npy') }).result;
  const [fa, fa2, fb] = await Promise.all([
    c.call('fingerprint', { dataset: a.id }).result,
    c.call('fingerprint', { dataset: a.id }).result,
    c.call('fingerprint', { dataset: b.id }).result,
  ]);
  assert.equal(fa.fingerprint, vectorFingerprint({ n: 3_000, dim: 24, data: m.data }));
  assert.equal(fa2.fingerprint, fa.fingerprint);
  assert.notEqual(fb.fingerprint, fa.fingerprint);
});
