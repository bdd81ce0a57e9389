import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { RpcClient, type RpcError } from '../../../../core/common/rpc/client.js';
import { encodeNpy } from '../../../../core/common/io/npy.js';
import { EngineHost } from '../../../../core/node/host/engineHost.js';
import { connectInProcess } from '../../../../core/node/host/transports/inProcess.js';
import { FIXTURE_TEXTS, writeTextFixture } from '../../../helpers/textFixture.js';

const dir = mkdtempSync(join(tmpdir(), 'vecscope-textopen-'));
process.env['XDG_CACHE_HOME'] = join(dir, 'cache');
const { tsv } = writeTextFixture(dir);

test('the app opens a table of texts: picker columns, embedding with progress, semantic search, query texts', async () => {
  const c = new RpcClient(connectInProcess(new EngineHost()));
  // Two prose columns: open refuses to guess, and textColumns lists them for the picker.
  const two = join(dir, 'two.tsv');
  writeFileSync(
    two,
    ['title\tbody', ...FIXTURE_TEXTS.map((r, i) => `item ${r.topic} number ${i}\t${r.text}`)].join('\n'),
  );
  await assert.rejects(c.call('open', { source: two }).result, (e: RpcError) => {
    assert.match(e.message, /several text columns qualify \(title, body\)/);
    return true;
  });
  assert.deepEqual((await c.call('textColumns', { path: two }).result).columns, ['title', 'body']);

  const stages: string[] = [];
  const summary = await c.call(
    'open',
    { source: tsv, textColumn: 'text' },
    { onProgress: (p) => stages.push(p.stage) },
  ).result;
  assert.equal(summary.n, 60);
  assert.equal(summary.dim, 512);
  assert.deepEqual(summary.textSource, { column: 'text', model: 'use-lite@0.2.0' });
  assert.ok(stages.includes('embedding texts'), stages.join(', '));

  const cases: [string, string][] = [
    ['a kitten playing with string', 'animal'],
    ['rain and thunder tonight', 'weather'],
    ['a song on the guitar', 'music'],
  ];
  for (const [text, topic] of cases) {
    const r = await c.call('semanticSearch', { dataset: summary.id, text, k: 5 }).result;
    assert.equal(r.ids.length, 5);
    const top = FIXTURE_TEXTS[r.ids[0]!]!;
    assert.equal(top.topic, topic, `"${text}" → "${top.text}"`);
    for (let i = 1; i < 5; i++) assert.ok(r.dists[i]! >= r.dists[i - 1]!, 'best first');
  }

  // A file of query texts becomes the lab's query set, embedded with the same model.
  const qfile = join(dir, 'questions.txt');
  writeFileSync(qfile, 'a loyal dog\nsnow in the mountains\nthe late train\n');
  const q = await c.call('attachQueries', { dataset: summary.id, path: qfile }).result;
  assert.deepEqual(q, { file: qfile, n: 3, learnN: 0, labelColumn: 'text' });
});

test('semantic search on vectors not embedded from text says so in one line', async () => {
  const c = new RpcClient(connectInProcess(new EngineHost()));
  const npy = join(dir, 'v.npy');
  writeFileSync(
    npy,
    encodeNpy(
      Float32Array.from({ length: 40 }, (_, i) => Math.sin(i)),
      [10, 4],
    ),
  );
  const { id } = await c.call('open', { source: npy }).result;
  await assert.rejects(
    c.call('semanticSearch', { dataset: id, text: 'hello', k: 3 }).result,
    (e: RpcError) => {
      assert.match(e.message, /semantic search needs a data set embedded from text/);
      return true;
    },
  );
  const qfile = join(dir, 'q.txt');
  writeFileSync(qfile, 'a question\nanother one\n');
  // The sample's vectors are USE-lite's own: query texts embedded with the built-in model fit them.
  const sample = await c.call('open', { source: 'sample' }).result;
  const onSample = await c.call('attachQueries', { dataset: sample.id, path: qfile }).result;
  assert.equal(onSample.n, 2);
  await assert.rejects(c.call('attachQueries', { dataset: id, path: qfile }).result, (e: RpcError) => {
    assert.match(e.message, /query texts need a data set embedded from text/);
    return true;
  });
});

test('cancelling an open that embeds texts ends it', async () => {
  const c = new RpcClient(connectInProcess(new EngineHost()));
  const big = join(dir, 'big.txt');
  writeFileSync(
    big,
    Array.from({ length: 3000 }, (_, i) => `sentence number ${i} about ${FIXTURE_TEXTS[i % 60]!.text}`).join(
      '\n',
    ),
  );
  const call = c.call(
    'open',
    { source: big },
    { onProgress: (p) => p.stage === 'embedding texts' && call.cancel() },
  );
  await assert.rejects(call.result, (e: Error) => {
    assert.match(e.message, /cancel/i);
    return true;
  });
});
