import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RpcClient, type RpcError } from '../../../../core/common/rpc/client.js';
import { EngineHost } from '../../../../core/node/host/engineHost.js';
import { connectInProcess } from '../../../../core/node/host/transports/inProcess.js';
import { EXPORT_TARGETS } from '../../../../core/common/export/exportTypes.js';

const client = () => new RpcClient(connectInProcess(new EngineHost()));
const grid = {
  reductions: ['none', 'PCA'],
  dims: [16],
  quantizers: ['F16', 'LVQ8', 'LVQ4'],
  indexes: ['Flat', 'Vamana(R=16,L=40)'],
  W: [10, 20, 40],
  rerank: [0, 40],
};

test('recommend streams its trials, full rows for the searched ones, and answers within target and budget', async () => {
  const c = client();
  const { id, n } = await c.call('open', { source: 'synthetic:2000:32:8:3' }).result;
  const stages: string[] = [];
  let rows = 0;
  const res = await c.call(
    'recommend',
    { dataset: id, k: 10, querySet: 'base', maxQueries: 200, targetRecall: 0.9, maxBytes: 40, grid },
    {
      onPartial: (p) => {
        stages.push(p.stage);
        if (p.row) {
          rows++;
          assert.equal(p.stage, 'search');
          assert.equal(p.row.neighbourLoss.length, n);
        }
      },
    },
  ).result;
  assert.ok(res.recall >= 0.9 && res.primaryBytes <= 40, `${res.pipeline} ${res.recall}`);
  assert.equal(res.trials, stages.filter((s) => s !== 'trend').length);
  assert.ok(rows > 0 && stages.includes('screen') && stages.includes('trend'));
  assert.deepEqual(
    res.exports.map((e) => e.target),
    [...EXPORT_TARGETS],
  );
  assert.ok(res.trend && res.trend.points.at(-1)!.n === n);

  await assert.rejects(
    c.call('recommend', {
      dataset: id,
      k: 10,
      querySet: 'base',
      maxQueries: 100,
      targetRecall: 0.999,
      maxBytes: 12,
      grid,
    }).result,
    (e: RpcError) =>
      e.code === 'user' &&
      /^recall@10 ≥ 0\.999 is out of reach within 12 B per vector; closest: /.test(e.message),
  );
  c.close();
});

test('a recommendation can be cancelled', async () => {
  const c = client();
  const { id } = await c.call('open', { source: 'synthetic:3000:32:6:2' }).result;
  const call = c.call(
    'recommend',
    { dataset: id, k: 10, querySet: 'base', maxQueries: 200, targetRecall: 0.9, maxBytes: 64, grid },
    { onPartial: () => call.cancel() },
  );
  await assert.rejects(call.result, (e: RpcError) => e.code === 'cancelled');
  c.close();
});
