import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { encodeNpy } from '../../../../core/common/io/npy.js';
import { RpcClient } from '../../../../core/common/rpc/client.js';
import { LIST_DIR_LIMIT } from '../../../../core/common/rpc/protocol.js';
import { EngineHost } from '../../../../core/node/host/engineHost.js';
import { connectInProcess } from '../../../../core/node/host/transports/inProcess.js';

// realpath: macOS's /tmp is a symlink, and paths handed back are compared with the ones written here.
const top = realpathSync(mkdtempSync(join(tmpdir(), 'vecscope-attach-')));
const allowed = join(top, 'allowed');
const outside = join(top, 'outside');
const N = 30;
const labels = Uint8Array.from({ length: N }, (_, i) => i % 3);
mkdirSync(join(allowed, 'sub'), { recursive: true });
mkdirSync(join(allowed, 'many'));
mkdirSync(outside);
writeFileSync(
  join(allowed, 'base.npy'),
  encodeNpy(
    Float32Array.from({ length: N * 4 }, (_, i) => Math.cos(i * 0.37)),
    [N, 4],
  ),
);
writeFileSync(join(allowed, 'labels.u8'), labels);
writeFileSync(join(allowed, 'short.u8'), labels.subarray(0, 20));
writeFileSync(join(allowed, 'sub', 'inner.txt'), 'x\n');
writeFileSync(join(outside, 'secret.u8'), labels);
symlinkSync(outside, join(allowed, 'link-out'));
symlinkSync(join(outside, 'secret.u8'), join(allowed, 'secret-link.u8'));
symlinkSync(join(allowed, 'labels.u8'), join(allowed, 'labels-link.u8'));
for (let i = 0; i < LIST_DIR_LIMIT + 5; i++) writeFileSync(join(allowed, 'many', `f${i}.txt`), '');

const webHost = new EngineHost({ openRoots: [allowed] });
const desktopHost = new EngineHost();
const web = new RpcClient(connectInProcess(webHost));
const desktop = new RpcClient(connectInProcess(desktopHost));
after(async () => {
  web.close();
  desktop.close();
  await Promise.all([webHost.close(), desktopHost.close()]);
});

test('attachMetadata adds the labels as a category column and the metadata call sees it', async () => {
  const ds = await web.call('open', { source: join(allowed, 'base.npy') }).result;
  assert.deepEqual(ds.columns, []);
  const summary = await web.call('attachMetadata', { dataset: ds.id, path: join(allowed, 'labels.u8') })
    .result;
  assert.equal(summary.id, ds.id);
  assert.deepEqual(summary.columns, [{ name: 'labels', type: 'category', categories: ['0', '1', '2'] }]);
  const meta = await web.call('metadata', { dataset: ds.id }).result;
  const col = meta.columns[0]!;
  assert.equal(col.type, 'category');
  if (col.type === 'category') assert.deepEqual(Array.from(col.codes), Array.from(labels));
  // Search reads the attached column too.
  const hits = await web.call('search', { dataset: ds.id, text: '2', column: 'labels' }).result;
  assert.equal(hits.rows.length, labels.filter((x) => x === 2).length);
});

test('a bad or refused metadata file is one line and the data set keeps its metadata', async () => {
  const ds = await web.call('open', { source: join(allowed, 'base.npy') }).result;
  await web.call('attachMetadata', { dataset: ds.id, path: join(allowed, 'labels.u8') }).result;
  const short = web.call('attachMetadata', { dataset: ds.id, path: join(allowed, 'short.u8') }).result;
  await assert.rejects(short, (e: Error) => {
    assert.match(e.message, /short\.u8 has 20 metadata rows but .*base\.npy has 30 vectors/);
    assert.ok(!e.message.includes('\n'));
    return true;
  });
  for (const path of [
    join(outside, 'secret.u8'),
    join(allowed, 'secret-link.u8'),
    join(allowed, 'link-out', 'secret.u8'),
  ])
    await assert.rejects(
      web.call('attachMetadata', { dataset: ds.id, path }).result,
      /web mode opens only the files and folders named/,
    );
  const meta = await web.call('metadata', { dataset: ds.id }).result;
  assert.deepEqual(
    meta.columns.map((c) => c.name),
    ['labels'],
  );
});

test('listDir without a path lists the roots; inside a root it lists folders first and leaves out escaping links', async () => {
  const roots = await web.call('listDir', {}).result;
  assert.equal(roots.dir, null);
  assert.deepEqual(
    roots.entries.map((e) => [e.path, e.kind]),
    [[allowed, 'dir']],
  );
  const listing = await web.call('listDir', { path: allowed }).result;
  assert.equal(listing.dir, allowed);
  assert.equal(listing.parent, null, 'the folder above a root is not offered');
  assert.deepEqual(
    listing.entries.map((e) => `${e.kind}:${e.name}`),
    ['dir:many', 'dir:sub', 'file:base.npy', 'file:labels-link.u8', 'file:labels.u8', 'file:short.u8'],
  );
  assert.equal(listing.entries.find((e) => e.name === 'labels.u8')!.size, N);
  assert.equal(listing.truncated, false);
  const sub = await web.call('listDir', { path: join(allowed, 'sub') }).result;
  assert.equal(sub.parent, allowed);
  assert.deepEqual(
    sub.entries.map((e) => e.path),
    [join(allowed, 'sub', 'inner.txt')],
  );
});

test('listDir refuses folders outside the roots, links out of them and ".."', async () => {
  for (const path of [outside, join(allowed, 'link-out'), '/', top])
    await assert.rejects(web.call('listDir', { path }).result, /web mode opens only/, path);
  await assert.rejects(web.call('listDir', { path: `${allowed}/sub/..` }).result, /"\.\."/);
  await assert.rejects(web.call('listDir', { path: join(allowed, 'labels.u8') }).result, /not a folder/);
});

test('listDir stops at its limit and says so', async () => {
  const listing = await web.call('listDir', { path: join(allowed, 'many') }).result;
  assert.equal(listing.entries.length, LIST_DIR_LIMIT);
  assert.equal(listing.truncated, true);
});

test('outside web mode listDir starts in the working directory and expands ~', async () => {
  const here = await desktop.call('listDir', {}).result;
  assert.equal(here.dir, process.cwd());
  const home = await desktop.call('listDir', { path: '~' }).result;
  assert.equal(home.dir, homedir());
  const hello = await desktop.call('hello', {}).result;
  assert.equal(hello.cwd, process.cwd());
});
