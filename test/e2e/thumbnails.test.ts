// Pictures where the data has them: an IDX file of images shows each row's picture in the hover card,
// in the selection table and, zoomed in, on the map; a metadata column of PNG paths does the same
// through the browser's own decoder; a missing picture or a broken file says why in one line.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { deflateSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { isolatedRow, startApp, waitForMap, type App } from './harness.js';

const N = 600;
const SIDE = 12;

/** N grey SIDE × SIDE images in IDX format: image i is a bright vertical bar in column i mod 12 on grey
 * noise, so rows fall into 12 groups on the map and each picture has exactly SIDE bright pixels. */
function idxImages(): Buffer {
  const px = new Uint8Array(N * SIDE * SIDE);
  let seed = 9;
  const rand = () => (seed = (seed * 1_103_515_245 + 12_345) >>> 0) / 2 ** 32;
  for (let i = 0; i < N; i++)
    for (let y = 0; y < SIDE; y++) {
      px[i * SIDE * SIDE + y * SIDE + (i % SIDE)] = 255;
      // Grey noise (under 100) spreads each group on the map without adding bright pixels.
      for (let x = 0; x < SIDE; x++)
        if (x !== i % SIDE) px[i * SIDE * SIDE + y * SIDE + x] = Math.floor(rand() * 100);
    }
  const head = Buffer.alloc(16);
  head.writeUInt32BE(0x803, 0);
  head.writeUInt32BE(N, 4);
  head.writeUInt32BE(SIDE, 8);
  head.writeUInt32BE(SIDE, 12);
  return Buffer.concat([head, Buffer.from(px)]);
}

const CRC = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(b: Buffer): number {
  let c = 0xffffffff;
  for (const x of b) c = CRC[(c ^ x) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
/** A w × h RGB PNG filled with one colour (8-bit, filter 0 on every line). */
function solidPng(w: number, h: number, rgb: [number, number, number]): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const raw = Buffer.alloc(h * (1 + 3 * w));
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) raw.set(rgb, y * (1 + 3 * w) + 1 + 3 * x);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

let app: App;
let page: Page;
let dir: string;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vecscope-thumbs-e2e-'));
  writeFileSync(join(dir, 'images-idx3-ubyte'), idxImages());
  writeFileSync(join(dir, 'broken-idx3-ubyte'), idxImages().subarray(0, 16 + 1000));
  // 40 rows whose pictures are PNG files named in the sidecar table; odd rows name a missing file.
  mkdirSync(join(dir, 'pics'));
  const rows = 40;
  const vec = new Float32Array(rows * 2);
  for (let i = 0; i < rows; i++) vec.set([Math.cos(i), Math.sin(i) + (i % 4)], i * 2);
  let header = `{'descr': '<f4', 'fortran_order': False, 'shape': (${rows}, 2), }`;
  header = header.padEnd(Math.ceil((header.length + 11) / 64) * 64 - 11) + '\n';
  writeFileSync(
    join(dir, 'photos.npy'),
    Buffer.concat([
      Buffer.from([0x93]),
      Buffer.from('NUMPY'),
      Buffer.from([1, 0]),
      Buffer.from(Uint16Array.of(header.length).buffer),
      Buffer.from(header, 'latin1'),
      Buffer.from(vec.buffer),
    ]),
  );
  const lines = ['row\tphoto'];
  for (let i = 0; i < rows; i++) {
    if (i % 2 === 0) writeFileSync(join(dir, 'pics', `p${i}.png`), solidPng(30, 20, [200, 40, 10]));
    lines.push(`${i}\tpics/p${i}.png`);
  }
  writeFileSync(join(dir, 'photos.tsv'), lines.join('\n') + '\n');
  app = await startApp({
    source: join(dir, 'images-idx3-ubyte'),
    extra: [dir],
    viewport: { width: 1280, height: 800 },
  });
  page = app.page;
  // Hover and zoom aim at points: the final map must be the one on screen.
  await page.locator('[data-testid=map-stage][data-layout-final=true]').waitFor({ timeout: 120_000 });
});

after(async () => {
  await app?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Bright pixels (any channel over 128) of a canvas on the page, and its size. */
function canvasStats(selector: string) {
  return page.evaluate((selector) => {
    const c = document.querySelector(selector) as HTMLCanvasElement | null;
    if (!c) return null;
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let bright = 0;
    let red = 0;
    for (let i = 0; i < d.length; i += 4) {
      if (d[i]! > 128 || d[i + 1]! > 128 || d[i + 2]! > 128) bright++;
      if (d[i]! > 150 && d[i + 1]! < 100) red++;
    }
    return { width: c.width, height: c.height, bright, red };
  }, selector);
}

test('hovering a point of an IDX image set shows its picture in the hover card', async () => {
  const { row, x, y } = await isolatedRow(page);
  await page.mouse.move(x - 30, y - 30);
  await page.mouse.move(x, y);
  const thumb = page.locator(
    `[data-testid=tooltip] [data-testid=thumbnail][data-row="${row}"][data-state=ready]`,
  );
  await thumb.waitFor({ timeout: 30_000 });
  const stats = await canvasStats(`[data-testid=tooltip] [data-testid=thumbnail]`);
  // The picture itself: 12 × 12 with exactly one bright column.
  assert.deepEqual(stats && [stats.width, stats.height, stats.bright], [SIDE, SIDE, SIDE]);
  await page.mouse.move(5, 5);
});

test('the selection table shows each selected row with its picture', async () => {
  await page.evaluate(() => {
    const s = window.__vecscope!.session as { select(rows: Int32Array): Promise<void> };
    return s.select(Int32Array.of(3, 15, 27));
  });
  const table = page.getByTestId('selection-table');
  await table.locator('[data-testid=thumbnail][data-state=ready]').nth(2).waitFor({ timeout: 30_000 });
  const rows = await table.locator('[data-testid=thumbnail]').evaluateAll((els) =>
    els.map((e) => {
      const c = e as HTMLCanvasElement;
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let bright = 0;
      for (let i = 0; i < d.length; i += 4) if (d[i]! > 128) bright++;
      return [Number(c.dataset.row), bright];
    }),
  );
  assert.deepEqual(rows, [
    [3, SIDE],
    [15, SIDE],
    [27, SIDE],
  ]);
  await page.evaluate(() => (window.__vecscope!.session as { select(r: null): Promise<void> }).select(null));
});

test('zoomed in, the map draws the points in view as their pictures; the switch turns it off', async () => {
  await page.getByTestId('map-thumbnails-toggle').check();
  // All 600 points in view: too many, so nothing is drawn and the map says to zoom in.
  await page.getByTestId('map-thumbnails-note').waitFor({ timeout: 10_000 });
  assert.equal(await page.getByTestId('map-thumbnails').getAttribute('data-drawn'), '0');
  const { x, y } = await page.evaluate(() => {
    const scene = window.__vecscope!.scene as { projectRow(r: number): { x: number; y: number } };
    const box = document.querySelector('.map-canvas')!.getBoundingClientRect();
    const p = scene.projectRow(0);
    return { x: p.x + box.left, y: p.y + box.top };
  });
  await page.mouse.move(x, y);
  for (let i = 0; i < 40; i++) {
    await page.mouse.wheel(0, -400);
    await page.waitForTimeout(50);
    if ((await page.getByTestId('map-thumbnails-note').count()) === 0) break;
  }
  await page.waitForFunction(
    () => Number(document.querySelector('[data-testid=map-thumbnails]')?.getAttribute('data-drawn')) > 0,
    null,
    { timeout: 30_000 },
  );
  const stats = await canvasStats('[data-testid=map-thumbnails]');
  assert.ok(stats && stats.bright > 0, 'the thumbnail layer is empty');
  await page.getByTestId('map-thumbnails-toggle').uncheck();
  assert.equal(await page.getByTestId('map-thumbnails').getAttribute('data-drawn'), '0');
  assert.equal((await canvasStats('[data-testid=map-thumbnails]'))?.bright, 0);
  await page.getByTestId('fit-view').click();
});

test('a metadata column of PNG paths shows the pictures; a missing file says why in one line', async () => {
  await page.getByTestId('open-path').fill(join(dir, 'photos.npy'));
  await page.getByTestId('open-button').click();
  await page.waitForFunction(
    () => document.querySelector('[data-testid=map-stage]')?.getAttribute('data-points') === '40',
  );
  await waitForMap(page);
  await page.evaluate(() =>
    (window.__vecscope!.session as { select(r: Int32Array): Promise<void> }).select(Int32Array.of(4, 5)),
  );
  const table = page.getByTestId('selection-table');
  const good = table.locator('[data-testid=thumbnail][data-row="4"][data-state=ready]');
  await good.waitFor({ timeout: 30_000 });
  const size = await good.evaluate((e) => [(e as HTMLCanvasElement).width, (e as HTMLCanvasElement).height]);
  assert.deepEqual(size, [30, 20]);
  const red = await good.evaluate((e) => {
    const c = e as HTMLCanvasElement;
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i]! > 150 && d[i + 1]! < 100) n++;
    return n;
  });
  assert.equal(red, 30 * 20);
  const missing = table.locator('[data-testid=thumbnail][data-row="5"][data-state=none]');
  await missing.waitFor({ timeout: 30_000 });
  const reason = (await missing.getAttribute('title')) ?? '';
  assert.match(reason, /pics\/p5\.png: cannot be read/);
  assert.ok(!reason.includes('\n'));
});

test('a truncated IDX file gives one clear line', async () => {
  await page.getByTestId('open-path').fill(join(dir, 'broken-idx3-ubyte'));
  await page.getByTestId('open-button').click();
  const banner = page.getByTestId('error-banner');
  await banner.waitFor({ timeout: 15_000 });
  // The banner holds the message and its close button (×).
  const message = (await banner.innerText()).replace(/×\s*$/, '').trim();
  assert.match(message, /broken-idx3-ubyte: truncated: .* bytes do not hold the 600 rows/);
  assert.ok(!message.includes('\n'), message);
  assert.deepEqual(app.pageErrors, []);
});
