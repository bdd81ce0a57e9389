import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { RpcClient, type RpcError } from '../../../../core/common/rpc/client.js';
import { encodeNpy } from '../../../../core/common/io/npy.js';
import { EngineHost } from '../../../../core/node/host/engineHost.js';
import { connectInProcess } from '../../../../core/node/host/transports/inProcess.js';
import { clusteredGaussian, splitRows } from '../../../helpers/fixtures.js';

/** A base, a query file with a text column naming each query, a learning file, and a wrong-width file. */
function files() {
  const dir = mkdtempSync(join(tmpdir(), 'vecscope-queries-'));
  const { base, queries } = splitRows(clusteredGaussian(1_700, 16, 5, 8), 1_500);
  const path = (name: string) => join(dir, name);
  writeFileSync(path('base.npy'), encodeNpy(base.data, [base.n, base.dim]));
  const q = { data: queries.data.subarray(0, 120 * 16), n: 120 };
  writeFileSync(path('queries.npy'), encodeNpy(q.data, [q.n, 16]));
  writeFileSync(
    path('queries.tsv'),
    ['text', ...Array.from({ length: q.n }, (_, i) => `question ${i}`)].join('\n'),
  );
  writeFileSync(path('learn.npy'), encodeNpy(queries.data.subarray(120 * 16), [80, 16]));
  writeFileSync(path('wide.npy'), encodeNpy(new Float32Array(10 * 20).fill(1), [10, 20]));
  return { dir, path };
}

test("a query file becomes the lab's query set, named by its text column, with its own learning queries", async () => {
  const { path } = files();
  const c = new RpcClient(connectInProcess(new EngineHost()));
  const { id } = await c.call('open', { source: path('base.npy') }).result;
  const info = await c.call('attachQueries', {
    dataset: id,
    path: path('queries.npy'),
    learnPath: path('learn.npy'),
  }).result;
  assert.deepEqual(info, { file: path('queries.npy'), n: 120, learnN: 80, labelColumn: 'text' });

  const placed = await c.call('studyQueries', { dataset: id, querySet: 'file', maxQueries: 50, k: 10 })
    .result;
  assert.equal(placed.labels.length, 50);
  assert.equal(placed.labels[7], 'question 7');

  // LeanVec-OOD learns from the learning file; the study runs on the file's queries.
  const res = await c.call('study', {
    dataset: id,
    pipelines: ['F32,Flat', 'LeanVecOOD8,F32,Flat'],
    k: 10,
    metric: 'ip',
    querySet: 'file',
    maxQueries: 50,
  }).result;
  assert.equal(res.nq, 50);
  assert.equal(res.rows[0]!.recall, 1);
  assert.ok(
    res.rows[1]!.error === undefined && res.rows[1]!.recall > 0.3,
    JSON.stringify(res.rows[1]!.error),
  );

  // Attaching another file replaces the set; nothing cached for the first one answers for it.
  const again = await c.call('attachQueries', { dataset: id, path: path('learn.npy') }).result;
  assert.deepEqual(again, { file: path('learn.npy'), n: 80, learnN: 0, labelColumn: '' });
  const placed2 = await c.call('studyQueries', { dataset: id, querySet: 'file', maxQueries: 50, k: 10 })
    .result;
  assert.equal(placed2.labels[7], 'query 7');
  c.close();
});

test('a query file of another width, a missing one, or none attached: one clear line, the data set stays', async () => {
  const { path } = files();
  const c = new RpcClient(connectInProcess(new EngineHost()));
  const { id } = await c.call('open', { source: path('base.npy') }).result;
  const refused = async (p: Promise<unknown>, want: RegExp) => {
    const e = (await p.then(
      () => assert.fail('expected a refusal'),
      (x: unknown) => x,
    )) as RpcError;
    assert.match(e.message, want);
    assert.ok(!e.message.includes('\n'));
  };
  await refused(
    c.call('study', { dataset: id, pipelines: ['F32,Flat'], k: 5, querySet: 'file' }).result,
    /no query file attached to this data set/,
  );
  await refused(
    c.call('attachQueries', { dataset: id, path: path('wide.npy') }).result,
    /wide\.npy.*20-d.*16-d|16-d.*20-d/,
  );
  await refused(c.call('attachQueries', { dataset: id, path: path('nope.npy') }).result, /nope\.npy/);
  // The data set is still open and usable.
  const k = await c.call('knn', { dataset: id, row: 0, k: 3 }).result;
  assert.equal(k.ids.length, 3);
  c.close();
});

test('in web mode a query file must lie where the server may open files', async () => {
  const { dir, path } = files();
  const other = mkdtempSync(join(tmpdir(), 'vecscope-elsewhere-'));
  writeFileSync(join(other, 'q.npy'), encodeNpy(new Float32Array(16 * 4), [4, 16]));
  const c = new RpcClient(connectInProcess(new EngineHost({ openRoots: [dir] })));
  const { id } = await c.call('open', { source: path('base.npy') }).result;
  const e = (await c
    .call('attachQueries', { dataset: id, path: join(other, 'q.npy') })
    .result.catch((x: unknown) => x)) as RpcError;
  assert.match(e.message, /web mode opens only the files and folders named when it started/);
  c.close();
});
