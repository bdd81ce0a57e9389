// Web mode on a temporary folder: the file browser attaches a labels file and colour-by offers it.
import assert from 'node:assert/strict';
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { openApp, startApp, startWebMode, type App } from './harness.js';

const N = 400;
const DIM = 8;
const tmp = realpathSync(mkdtempSync(join(tmpdir(), 'vecscope-e2e-attach-')));
let app: App;
let page: Page;

/** A C-order little-endian float32 .npy (version 1.0), written here since e2e tests import no engine code. */
function npyF32(data: Float32Array, shape: number[]): Buffer {
  let header = `{'descr': '<f4', 'fortran_order': False, 'shape': (${shape.join(', ')}${shape.length === 1 ? ',' : ''}), }`;
  header = header.padEnd(Math.ceil((10 + header.length + 1) / 64) * 64 - 10 - 1, ' ') + '\n';
  const head = Buffer.alloc(10);
  head.write('\x93NUMPY', 0, 'latin1');
  head[6] = 1;
  head[7] = 0;
  head.writeUInt16LE(header.length, 8);
  return Buffer.concat([head, Buffer.from(header, 'latin1'), Buffer.from(data.buffer)]);
}

before(async () => {
  // Four well separated groups; the labels file says which group each row is in.
  const labels = Uint8Array.from({ length: N }, (_, i) => i % 4);
  const data = new Float32Array(N * DIM);
  for (let i = 0; i < N; i++)
    for (let j = 0; j < DIM; j++)
      data[i * DIM + j] = (j === labels[i]! ? 5 : 0) + Math.sin(i * 7.1 + j * 1.3);
  writeFileSync(join(tmp, 'base.npy'), npyF32(data, [N, DIM]));
  writeFileSync(join(tmp, 'labels.u8'), labels);
  writeFileSync(join(tmp, 'short.u8'), labels.subarray(0, 10));
  app = await startApp({ source: join(tmp, 'base.npy'), extra: [tmp] });
  page = app.page;
});

after(async () => {
  await app?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

const colourOptions = () =>
  page.getByTestId('color-by').evaluate((s) => Array.from((s as HTMLSelectElement).options, (o) => o.value));

test('the file browser lists the allowed places and attaches a labels file as a colourable column', async () => {
  assert.equal(await page.getByTestId('dataset-n').innerText(), '400');
  assert.ok(!(await colourOptions()).includes('column:labels'));
  await page.getByTestId('attach-metadata').click();
  const dialog = page.getByTestId('file-browser');
  await dialog.waitFor();
  // The roots list: the file and the folder named on the command line, nothing else.
  await page.getByTestId(`browser-entry-${tmp}`).waitFor();
  const names = await page
    .getByTestId('browser-entries')
    .locator('button')
    .evaluateAll((bs) => bs.map((b) => b.getAttribute('data-testid')));
  assert.deepEqual(names.sort(), [`browser-entry-${join(tmp, 'base.npy')}`, `browser-entry-${tmp}`].sort());
  await page.getByTestId(`browser-entry-${tmp}`).click();
  await page.getByTestId('browser-entry-labels.u8').click();
  await dialog.waitFor({ state: 'detached' });
  await page.waitForFunction(() =>
    Array.from((document.querySelector('[data-testid=color-by]') as HTMLSelectElement).options).some(
      (o) => o.value === 'column:labels',
    ),
  );
  // Integer labels with few values are categories: colouring by them gives a four-entry legend.
  await page.getByTestId('color-by').selectOption('column:labels');
  await page.getByTestId('legend').waitFor();
  const legend = await page.getByTestId('legend').innerText();
  for (const v of ['0', '1', '2', '3']) assert.match(legend, new RegExp(`(^|\\s)${v}(\\s|$)`));
  assert.deepEqual(app.pageErrors, []);
});

test('a labels file with the wrong row count is one error line and the columns stay', async () => {
  await page.getByTestId('open-path').fill(join(tmp, 'short.u8'));
  await page.getByTestId('attach-metadata').click();
  const banner = page.getByTestId('error-banner').last();
  await banner.waitFor();
  const text = await banner.innerText();
  assert.match(text, /short\.u8 has 10 metadata rows but .*base\.npy has 400 vectors/);
  assert.ok((await colourOptions()).includes('column:labels'));
  await page.getByTestId('open-path').fill('');
});

test('up from a root goes back to the roots list, never to the folder above', async () => {
  await page.getByTestId('browse-button').click();
  await page.getByTestId(`browser-entry-${tmp}`).click();
  await page.getByTestId('browser-entry-labels.u8').waitFor();
  // Up from a root goes back to the roots list, never to the folder above it.
  await page.getByTestId('browser-up').click();
  await page.getByTestId(`browser-entry-${tmp}`).waitFor();
  assert.equal(await page.getByTestId('browser-dir').innerText(), 'places the engine may open');
  assert.equal(await page.getByTestId('browser-up').isDisabled(), true);
  await page.keyboard.press('Escape');
  await page.getByTestId('file-browser').waitFor({ state: 'detached' });
});

test('vecscope web --metadata attaches the file at start and allows it', async () => {
  const second = await startWebMode(join(tmp, 'base.npy'), ['--metadata', join(tmp, 'labels.u8')]);
  try {
    const config = (await (await fetch(`${second.url}config`)).json()) as { metadata?: string };
    assert.equal(config.metadata, join(tmp, 'labels.u8'));
    const other = await app.browser.context.newPage();
    try {
      await openApp(other, second.url);
      await other.waitForFunction(() =>
        Array.from((document.querySelector('[data-testid=color-by]') as HTMLSelectElement).options).some(
          (o) => o.value === 'column:labels',
        ),
      );
    } finally {
      await other.close();
    }
  } finally {
    await second.stop();
  }
});
