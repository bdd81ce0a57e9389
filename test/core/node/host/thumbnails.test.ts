import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { encodeNpy } from '../../../../core/common/io/npy.js';
import { RpcClient } from '../../../../core/common/rpc/client.js';
import { THUMBNAIL_BATCH } from '../../../../core/common/rpc/thumbnailsProtocol.js';
import { EngineHost } from '../../../../core/node/host/engineHost.js';
import { connectInProcess } from '../../../../core/node/host/transports/inProcess.js';
import { MAX_IMAGE_FILE_BYTES } from '../../../../core/node/images/readImageFile.js';
import { idxBars } from '../../../helpers/imageFixtures.js';

const top = realpathSync(mkdtempSync(join(tmpdir(), 'vecscope-thumbs-')));
const data = join(top, 'data');
const outside = join(top, 'outside');
mkdirSync(join(data, 'img'), { recursive: true });
mkdirSync(outside);
const PNG = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 1, 2, 3);
const JPEG = Uint8Array.of(0xff, 0xd8, 0xff, 0xe0, 1, 2, 3);

const bars = idxBars(20, 6, 5);
writeFileSync(join(data, 'bars-idx3-ubyte'), bars.bytes);
// RGB images in 0..1: pixel (y, x) of image i is (i/10, y/8, x/8).
const rgb = new Float32Array(10 * 8 * 8 * 3);
for (let i = 0; i < 10; i++)
  for (let y = 0; y < 8; y++)
    for (let x = 0; x < 8; x++) rgb.set([i / 10, y / 8, x / 8], ((i * 8 + y) * 8 + x) * 3);
writeFileSync(join(data, 'rgb.npy'), encodeNpy(rgb, [10, 8, 8, 3]));
// 40 × 40 grey images for the box-filter shrink.
writeFileSync(
  join(data, 'big.npy'),
  encodeNpy(
    Float32Array.from({ length: 2 * 1600 }, (_, i) => i % 2),
    [2, 40, 40],
  ),
);
// A flat data set whose metadata names image files: good ones, and every way a path can go wrong.
writeFileSync(join(data, 'img', 'a.png'), PNG);
writeFileSync(join(data, 'img', 'b.jpg'), JPEG);
writeFileSync(join(data, 'img', 'text.png'), 'not an image');
writeFileSync(join(data, 'img', 'huge.png'), new Uint8Array(MAX_IMAGE_FILE_BYTES + 1));
writeFileSync(join(outside, 'secret.png'), PNG);
symlinkSync(join(outside, 'secret.png'), join(data, 'img', 'link.png'));
const cells = [
  'img/a.png',
  join(data, 'img', 'b.jpg'),
  'img/text.png',
  'img/huge.png',
  '../outside/secret.png',
  'img/link.png',
  join(outside, 'secret.png'),
  'img/missing.png',
];
writeFileSync(
  join(data, 'paths.npy'),
  encodeNpy(
    Float32Array.from({ length: cells.length * 3 }, (_, i) => Math.sin(i + 1)),
    [cells.length, 3],
  ),
);
writeFileSync(join(data, 'paths.tsv'), `row\tpicture\n${cells.map((c, i) => `${i}\t${c}`).join('\n')}\n`);
writeFileSync(
  join(data, 'flat.npy'),
  encodeNpy(
    Float32Array.from({ length: 40 }, (_, i) => i),
    [10, 4],
  ),
);

const host = new EngineHost({ openRoots: [data] });
const client = new RpcClient(connectInProcess(host));
after(async () => {
  client.close();
  await host.close();
});

test('IDX images keep their shape and come back as their own pixels', async () => {
  const ds = await client.call('open', { source: join(data, 'bars-idx3-ubyte') }).result;
  assert.equal(ds.dim, 30);
  assert.deepEqual(ds.images, { source: 'pixels', height: 6, width: 5, channels: 1 });
  const { items } = await client.call('thumbnails', { dataset: ds.id, rows: Int32Array.of(3, 7) }).result;
  assert.deepEqual(
    items.map((t) => t.row),
    [3, 7],
  );
  for (const t of items) {
    assert.equal(t.kind, 'pixels');
    if (t.kind !== 'pixels') continue;
    assert.equal(t.width, 5);
    assert.equal(t.height, 6);
    for (let p = 0; p < 30; p++) {
      const v: number = bars.pixels[t.row * 30 + p]!;
      assert.deepEqual(Array.from(t.rgba.subarray(p * 4, p * 4 + 4)), [v, v, v, 255]);
    }
  }
});

test('an RGB .npy of shape (n, h, w, 3) in 0..1 becomes RGB bytes; a large image shrinks by averaging', async () => {
  const ds = await client.call('open', { source: join(data, 'rgb.npy') }).result;
  assert.deepEqual(ds.images, { source: 'pixels', height: 8, width: 8, channels: 3 });
  const [t] = (await client.call('thumbnails', { dataset: ds.id, rows: Int32Array.of(4) }).result).items;
  assert.ok(t?.kind === 'pixels');
  const at = (y: number, x: number) => Array.from(t.rgba.subarray((y * 8 + x) * 4, (y * 8 + x) * 4 + 4));
  assert.deepEqual(at(2, 6), [102, 64, 191, 255]);
  const big = await client.call('open', { source: join(data, 'big.npy') }).result;
  const [s] = (
    await client.call('thumbnails', { dataset: big.id, rows: Int32Array.of(1), maxSide: 10 }).result
  ).items;
  assert.ok(s?.kind === 'pixels');
  assert.equal(s.width, 10);
  // Alternate 0/1 pixels average to grey, not to the black or white a point sample would pick.
  assert.ok(s.rgba.every((v, i) => (i % 4 === 3 ? v === 255 : v === 128)));
});

test('an image-path column serves only image files inside the data set folder, each refusal in one line', async () => {
  const ds = await client.call('open', { source: join(data, 'paths.npy') }).result;
  assert.deepEqual(ds.images, { source: 'paths', column: 'picture' });
  const rows = Int32Array.from(cells.keys());
  const { items } = await client.call('thumbnails', { dataset: ds.id, rows }).result;
  const a = items[0]!;
  assert.ok(a.kind === 'file' && a.mime === 'image/png');
  assert.deepEqual(Array.from(a.bytes), Array.from(PNG));
  const b = items[1]!;
  assert.ok(b.kind === 'file' && b.mime === 'image/jpeg');
  const reasons = items.slice(2).map((t) => (t.kind === 'none' ? t.reason : t.kind));
  assert.match(reasons[0]!, /text\.png: not a PNG, JPEG/);
  assert.match(reasons[1]!, /huge\.png: larger than 4 MB/);
  assert.match(reasons[2]!, /outside the data set's folder/);
  assert.match(reasons[3]!, /link\.png: outside the data set's folder/);
  assert.match(reasons[4]!, /outside the data set's folder/);
  assert.match(reasons[5]!, /missing\.png: cannot be read/);
  for (const r of reasons) assert.ok(!r.includes('\n'));
});

test('bad thumbnail requests are refused in one line', async () => {
  const flat = await client.call('open', { source: join(data, 'flat.npy') }).result;
  assert.equal(flat.images, undefined);
  await assert.rejects(
    client.call('thumbnails', { dataset: flat.id, rows: Int32Array.of(0) }).result,
    /flat\.npy: this data set has no pictures/,
  );
  const ds = await client.call('open', { source: join(data, 'bars-idx3-ubyte') }).result;
  await assert.rejects(
    client.call('thumbnails', { dataset: ds.id, rows: Int32Array.of(20) }).result,
    /row 20 is outside 0\.\.19/,
  );
  await assert.rejects(
    client.call('thumbnails', { dataset: ds.id, rows: new Int32Array(THUMBNAIL_BATCH + 1) }).result,
    /rows: more than 256 elements/,
  );
  await assert.rejects(
    client.call('thumbnails', { dataset: ds.id, rows: Int32Array.of(0), maxSide: 4 }).result,
    /maxSide: expected an integer in 8\.\.128, got 4/,
  );
});
