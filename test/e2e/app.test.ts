// The app in headless Chromium against web mode, on the built-in sample.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import {
  countNonBackground,
  decodePng,
  isolatedRow,
  repoRoot,
  startApp,
  waitForMap,
  type App,
} from './harness.js';

let app: App;
let page: Page;
const tmp = mkdtempSync(join(tmpdir(), 'vecscope-e2e-files-'));

/** The sample's metadata table (sample/base.tsv), row-aligned with the vectors. */
const sampleTsv = readFileSync(join(repoRoot, 'sample/base.tsv'), 'utf8').trimEnd().split('\n');
const tsvHeader = sampleTsv[0]!.split('\t');
const tsvCell = (row: number, column: string) => sampleTsv[row + 1]!.split('\t')[tsvHeader.indexOf(column)]!;

before(async () => {
  // The folder the tests write their files to is named at start: web mode opens nothing else.
  app = await startApp({ extra: [tmp] });
  page = app.page;
});

after(async () => {
  await app?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

async function clearHighlights(): Promise<void> {
  await page.evaluate(() => {
    const store = window.__vecscope!.store as { dispatch(a: object): void };
    store.dispatch({ type: 'clearFocus' });
    store.dispatch({ type: 'select', rows: null });
    store.dispatch({ type: 'setTool', tool: 'pan' });
  });
}

test('the sample opens and the map renders its points', async () => {
  assert.equal(await page.getByTestId('dataset-n').innerText(), '10,000');
  assert.equal(await page.getByTestId('dataset-dim').innerText(), '512');
  const png = await page.getByTestId('map-stage').screenshot();
  writeFileSync(join(tmpdir(), 'vecscope-e2e-map.png'), png);
  const img = decodePng(png);
  const lit = countNonBackground(img);
  // 10,000 points of 4 px: thousands of lit pixels; an empty or failed canvas has (almost) none.
  assert.ok(lit > 3000, `only ${lit} non-background pixels in the map screenshot`);
  assert.ok(lit < img.width * img.height * 0.9, 'the map is not a blank wall of colour');
  // The legend shows the sample's lexical classes.
  assert.match(await page.getByTestId('legend').innerText(), /noun\.\w+/);
  assert.deepEqual(app.pageErrors, []);
});

test('hovering a point shows its metadata in a tooltip', async () => {
  const { row, x, y } = await isolatedRow(page);
  await page.mouse.move(x - 30, y - 30);
  await page.mouse.move(x, y);
  const tooltip = page.getByTestId('tooltip');
  await tooltip.waitFor({ timeout: 30_000 });
  assert.equal(await tooltip.getAttribute('data-row'), String(row));
  const text = await tooltip.innerText();
  assert.ok(text.includes(tsvCell(row, 'synset_id')), `tooltip "${text}" lacks the row's synset id`);
  assert.ok(text.includes(tsvCell(row, 'lexname')));
  await page.mouse.move(5, 5);
});

test('clicking a point lists the same neighbours as `vecscope knn`', async () => {
  await clearHighlights();
  const { row, x, y } = await isolatedRow(page);
  await page.mouse.click(x, y);
  const list = page.getByTestId('neighbour-ids');
  await list.waitFor({ state: 'attached', timeout: 10_000 });
  const shown = await list
    .locator('li')
    .evaluateAll((els) => els.map((e) => Number((e as HTMLElement).dataset.row)));
  assert.equal(shown.length, 10);

  // The same row as a one-row query file, searched by the CLI over the whole sample.
  const npy = readFileSync(join(repoRoot, 'sample/base.npy'));
  const headerLen = npy.readUInt16LE(8);
  const header = npy.toString('latin1', 10, 10 + headerLen);
  const descr = /'descr':\s*'([^']+)'/.exec(header)![1]!;
  const dim = Number(/'shape':\s*\(\s*\d+\s*,\s*(\d+)\s*\)/.exec(header)![1]);
  const itemSize = Number(/\d+$/.exec(descr)![0]);
  const rowBytes = npy.subarray(
    10 + headerLen + row * dim * itemSize,
    10 + headerLen + (row + 1) * dim * itemSize,
  );
  let h = `{'descr': '${descr}', 'fortran_order': False, 'shape': (1, ${dim}), }`;
  h = h.padEnd(Math.ceil((10 + h.length + 1) / 64) * 64 - 10 - 1, ' ') + '\n';
  const lenBuf = Buffer.alloc(2);
  lenBuf.writeUInt16LE(h.length);
  const query = join(tmp, 'query.npy');
  writeFileSync(query, Buffer.concat([npy.subarray(0, 8), lenBuf, Buffer.from(h, 'latin1'), rowBytes]));
  const out = join(tmp, 'knn.ivecs');
  execFileSync(
    process.execPath,
    [
      join(repoRoot, 'bin/vecscope.js'),
      'knn',
      'sample',
      '--queries',
      query,
      '--k',
      '11',
      '--out',
      out,
      '--json',
    ],
    {
      cwd: repoRoot,
    },
  );
  const ivecs = readFileSync(out);
  const k = ivecs.readInt32LE(0);
  const cli = Array.from({ length: k }, (_, i) => ivecs.readInt32LE(4 + 4 * i))
    .filter((id) => id !== row)
    .slice(0, 10);
  assert.deepEqual(shown, cli);
  // The neighbours are highlighted: the table lists the clicked row and its 10 neighbours.
  await page.getByTestId('neighbour-table').waitFor({ timeout: 10_000 });
  assert.equal(await page.getByTestId('neighbour-table').locator('tbody tr').count(), 11);
});

test('lasso selects exactly the points inside the drawn shape', async () => {
  await clearHighlights();
  await page.getByTestId('tool-lasso').click();
  const canvas = (await page.locator('.map-canvas').boundingBox())!;
  const cx = canvas.x + canvas.width * 0.45;
  const cy = canvas.y + canvas.height * 0.5;
  const shape: [number, number][] = [];
  for (let i = 0; i < 24; i++) {
    const a = (i / 24) * 2 * Math.PI;
    const r = 110 + 40 * Math.sin(3 * a); // a non-convex, flower-like outline
    shape.push([cx + r * Math.cos(a), cy + r * Math.sin(a)]);
  }
  await page.mouse.move(shape[0]![0], shape[0]![1]);
  await page.mouse.down();
  for (const [x, y] of shape.slice(1)) await page.mouse.move(x, y, { steps: 2 });
  await page.mouse.up();
  await page.getByTestId('selection-count').waitFor({ timeout: 10_000 });
  const count = Number((await page.getByTestId('selection-count').innerText()).replace(/,/g, ''));

  // Expected: every drawn point whose screen position is inside the polygon (the page's mouse path
  // includes the intermediate steps, so use the same path), computed here independently.
  const screen = await page.evaluate(() =>
    Array.from((window.__vecscope!.scene as { screenPositions(): Float32Array }).screenPositions()),
  );
  const path: [number, number][] = [];
  for (let i = 0; i < shape.length; i++) {
    if (i === 0) {
      path.push([shape[0]![0] - canvas.x, shape[0]![1] - canvas.y]);
      continue;
    }
    const [px, py] = shape[i - 1]!;
    const [x, y] = shape[i]!;
    path.push([(px + x) / 2 - canvas.x, (py + y) / 2 - canvas.y], [x - canvas.x, y - canvas.y]);
  }
  let expected = 0;
  for (let r = 0; r < screen.length / 2; r++) {
    const x = screen[2 * r]!;
    const y = screen[2 * r + 1]!;
    let inside = false;
    for (let i = 0, j = path.length - 1; i < path.length; j = i++) {
      const [xi, yi] = path[i]!;
      const [xj, yj] = path[j]!;
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
    if (inside) expected++;
  }
  assert.ok(expected > 20, `the lasso should catch a good number of points (caught ${expected})`);
  // Mouse positions are rounded to whole pixels by the browser; allow the points on the outline.
  assert.ok(
    Math.abs(count - expected) <= Math.max(2, expected * 0.01),
    `selected ${count}, expected ${expected}`,
  );
  await page.getByTestId('selection-table').waitFor({ timeout: 10_000 });
  assert.equal(await page.getByTestId('selection-table').locator('tbody tr').count(), Math.min(count, 500));
  await clearHighlights();
});

test('searching the metadata highlights the matching rows', async () => {
  await page.getByTestId('search').fill('basic unit of money');
  await page.getByTestId('search-count').waitFor({ timeout: 10_000 });
  const expected = sampleTsv.slice(1).filter((l) => l.toLowerCase().includes('basic unit of money')).length;
  assert.ok(expected > 0);
  assert.equal(await page.getByTestId('search-count').innerText(), `${expected} matches`);
  await page.getByTestId('search').fill('');
});

test('a truncated file gives a clear error and the open data set stays usable', async () => {
  const npy = readFileSync(join(repoRoot, 'sample/base.npy'));
  const bad = join(tmp, 'truncated.npy');
  writeFileSync(bad, npy.subarray(0, 4096 + 333));
  await page.getByTestId('open-path').fill(bad);
  await page.getByTestId('open-button').click();
  const banner = page.getByTestId('error-banner');
  await banner.waitFor({ timeout: 15_000 });
  const message = await banner.innerText();
  assert.match(message, /truncated\.npy/);
  assert.doesNotMatch(message, /internal error|stack|at \w+ \(/);
  // The sample is still open and the map still answers.
  assert.equal(await page.getByTestId('dataset-n').innerText(), '10,000');
  const { row, x, y } = await isolatedRow(page);
  await page.mouse.move(x, y);
  await page.getByTestId('tooltip').waitFor({ timeout: 30_000 });
  assert.equal(await page.getByTestId('tooltip').getAttribute('data-row'), String(row));
  await banner.getByRole('button', { name: 'dismiss' }).click();
});

test('the 3-D map renders and orbits when dragged', async () => {
  await clearHighlights();
  await page.getByTestId('dim-toggle').click();
  await page.waitForFunction(
    () => {
      const s = (
        window.__vecscope!.store as {
          getState(): { layoutDim: number; layouts: Record<string, { final: boolean }> };
        }
      ).getState();
      return s.layoutDim === 3 && s.layouts['pca:3']?.final === true;
    },
    null,
    { timeout: 60_000 },
  );
  await page.waitForTimeout(900); // the transition from 2-D
  const before = await page.evaluate(() =>
    Array.from(
      (window.__vecscope!.scene as { screenPositions(): Float32Array }).screenPositions().subarray(0, 20),
    ),
  );
  const canvas = (await page.locator('.map-canvas').boundingBox())!;
  await page.mouse.move(canvas.x + 200, canvas.y + 300);
  await page.mouse.down();
  await page.mouse.move(canvas.x + 320, canvas.y + 340, { steps: 6 });
  await page.mouse.up();
  await page.waitForTimeout(100);
  const after = await page.evaluate(() =>
    Array.from(
      (window.__vecscope!.scene as { screenPositions(): Float32Array }).screenPositions().subarray(0, 20),
    ),
  );
  const moved = before.reduce((s, v, i) => s + Math.abs(v - after[i]!), 0);
  assert.ok(moved > 20, `orbiting moved the points by only ${moved} px in total`);
  const img = decodePng(await page.getByTestId('map-stage').screenshot());
  assert.ok(countNonBackground(img) > 3000);
  await page.getByTestId('dim-toggle').click();
});

test('a UMAP job shows progress and finishes with a new map', async () => {
  const fractions: number[] = [];
  assert.equal(
    await page.evaluate(
      () => (window.__vecscope!.store as { getState(): { layoutDim: number } }).getState().layoutDim,
    ),
    2,
  );
  await page.getByTestId('layout-umap').click();
  const job = page.locator('[data-testid=job][data-label="UMAP 2-D map"]');
  await job.waitFor({ timeout: 10_000 });
  const deadline = Date.now() + 240_000;
  let status = 'running';
  while (Date.now() < deadline) {
    status = (await job.getAttribute('data-status')) ?? '';
    fractions.push(Number(await job.getByTestId('job-progress').getAttribute('value')));
    if (status !== 'running') break;
    await page.waitForTimeout(250);
  }
  assert.equal(status, 'done');
  assert.ok(
    fractions.some((f) => f > 0 && f < 1),
    `progress between 0 and 1 was never shown: ${fractions.slice(0, 20).join(', ')}`,
  );
  await waitForMap(page);
  const method = await page.evaluate(
    () => (window.__vecscope!.store as { getState(): { layoutMethod: string } }).getState().layoutMethod,
  );
  assert.equal(method, 'umap');
  const img = decodePng(await page.getByTestId('map-stage').screenshot());
  assert.ok(countNonBackground(img) > 3000);
});

test('the faithfulness panel measures the map on screen, with the hit rate of the colouring', async () => {
  const panel = page.getByTestId('map-faithfulness');
  await panel.getByTestId('trustworthiness').waitFor({ timeout: 120_000 });
  assert.match(await panel.locator('h3').innerText(), /UMAP 2-D map/);
  const value = async (id: string) => Number((await panel.getByTestId(id).innerText()).trim());
  const t = await value('trustworthiness');
  const c = await value('continuity');
  // UMAP of the sample: far from a random map's 0.5 (the CLI measures about 0.9 on the same data).
  assert.ok(t > 0.8 && t <= 1, `trustworthiness ${t}`);
  assert.ok(c > 0.8 && c <= 1, `continuity ${c}`);
  // The sample is coloured by its lexical class, so the hit rate of that category is shown too.
  await panel.getByTestId('neighbourhood-hit').waitFor({ timeout: 10_000 });
  assert.match(await panel.innerText(), /hit rate: lexname/);
  const hit = await value('neighbourhood-hit');
  assert.ok(hit > 0 && hit <= 1, `hit ${hit}`);
  assert.equal(
    await page
      .locator('[data-testid=job][data-label="faithfulness of the UMAP map"]')
      .getAttribute('data-status'),
    'done',
  );
});

test('painting the neighbours the map lost recolours the map, and unpainting restores the colouring', async () => {
  const panel = page.getByTestId('map-faithfulness');
  const before = decodePng(await page.getByTestId('map-stage').screenshot());
  await panel.getByTestId('paint-lost').click();
  await page.waitForFunction(
    () => /neighbours the map lost/.test(document.querySelector('[data-testid=legend]')?.textContent ?? ''),
    null,
    { timeout: 120_000 },
  );
  assert.equal(await panel.getByTestId('paint-lost').isChecked(), true);
  const after = decodePng(await page.getByTestId('map-stage').screenshot());
  let changed = 0;
  for (let i = 0; i < before.rgba.length; i += 4)
    if (before.rgba[i] !== after.rgba[i] || before.rgba[i + 1] !== after.rgba[i + 1]) changed++;
  assert.ok(changed > 1000, `only ${changed} pixels changed colour`);
  await panel.getByTestId('paint-lost').click();
  await page.waitForFunction(
    () => /noun\.\w+/.test(document.querySelector('[data-testid=legend]')?.textContent ?? ''),
    null,
    { timeout: 10_000 },
  );
});

test('map settings: the "tight clusters" UMAP preset recomputes the map, and the defaults come back from the cache', async () => {
  const umapPositions = () =>
    page.evaluate(() =>
      Array.from(
        (
          window.__vecscope!.store as {
            getState(): { layouts: Record<string, { positions: Float32Array }> };
          }
        )
          .getState()
          .layouts['umap:2']!.positions.subarray(0, 200),
      ),
    );
  const waitForUmap = (params: string) =>
    page.waitForFunction(
      (params) => {
        const el = document.querySelector('[data-testid=map-stage]');
        return (
          el?.getAttribute('data-layout') === 'umap:2' &&
          el.getAttribute('data-layout-params') === params &&
          el.getAttribute('data-layout-final') === 'true'
        );
      },
      params,
      { timeout: 240_000 },
    );
  await waitForUmap('n15:d0.1');
  const defaults = await umapPositions();

  await page.getByTestId('map-settings').click();
  const neighbors = page.getByTestId('map-param-neighbors');
  const minDist = page.getByTestId('map-param-minDist');
  const apply = page.getByTestId('map-apply-umap');
  assert.equal(await neighbors.inputValue(), '15');
  assert.equal(await minDist.inputValue(), '0.1');
  // Out-of-range values cannot be sent.
  await neighbors.fill('500');
  assert.equal(await apply.isDisabled(), true);
  assert.match(await page.getByTestId('map-settings-panel').innerText(), /a whole number from 2 to 200/);
  await page.getByTestId('map-preset-tight').click();
  assert.equal(await neighbors.inputValue(), '10');
  assert.equal(await minDist.inputValue(), '0');
  assert.equal(await apply.isDisabled(), false);
  await apply.click();
  assert.equal(await page.getByTestId('map-settings-panel').count(), 0, 'the panel closes on Apply');

  const job = page.locator('[data-testid=job][data-label="UMAP 2-D map (n_neighbors 10, min_dist 0)"]');
  await job.waitFor({ timeout: 10_000 });
  await waitForUmap('n10:d0');
  assert.equal(await job.getAttribute('data-status'), 'done');
  const tight = await umapPositions();
  const moved = tight.reduce((s, v, i) => s + Math.abs(v - defaults[i]!), 0) / tight.length;
  assert.ok(moved > 0.01, `the tight-clusters map equals the default one (mean change ${moved})`);
  await waitForMap(page);

  // Back to the defaults: the engine has that map cached and sends it straight back.
  await page.getByTestId('map-settings').click();
  assert.equal(await neighbors.inputValue(), '10');
  await page.getByTestId('map-preset-defaults').click();
  await apply.click();
  await waitForUmap('n15:d0.1');
  assert.deepEqual(await umapPositions(), defaults);
  assert.deepEqual(app.pageErrors, []);
});

test('a running job can be cancelled from the job panel', async () => {
  // A 3-D UMAP of the sample runs long enough to be cancelled.
  const label = 'UMAP 3-D map';
  await page.evaluate(() =>
    (window.__vecscope!.session as { setLayout(m: string, d: number): void }).setLayout('umap', 3),
  );
  const job = page.locator(`[data-testid=job][data-label="${label}"]`);
  await job.waitFor({ timeout: 10_000 });
  await job.getByTestId('job-cancel').click();
  await page.waitForFunction(
    (label) =>
      document.querySelector(`[data-testid=job][data-label="${label}"]`)?.getAttribute('data-status') ===
      'cancelled',
    label,
    {
      timeout: 60_000,
    },
  );
  // The app is still responsive afterwards.
  await page.evaluate(() =>
    (window.__vecscope!.session as { setLayout(m: string, d: number): void }).setLayout('pca', 2),
  );
  await waitForMap(page);
  assert.equal(await page.getByTestId('dataset-n').innerText(), '10,000');
});

test('k-means clusters colour the map and their names are drawn on it', async () => {
  await page.getByTestId('cluster-kmeans').click();
  const job = page.locator('[data-testid=job][data-label="kmeans clusters"]');
  await job.waitFor({ timeout: 10_000 });
  await page.waitForFunction(
    () =>
      document
        .querySelector('[data-testid=job][data-label="kmeans clusters"]')
        ?.getAttribute('data-status') === 'done',
    null,
    { timeout: 240_000 },
  );
  assert.equal(await page.getByTestId('color-by').inputValue(), 'cluster');
  assert.match(await page.getByTestId('legend').innerText(), /^cluster/);
  await page.waitForSelector('.map-label', { timeout: 10_000 });
  const labels = await page.locator('.map-label').allInnerTexts();
  assert.ok(labels.length >= 2, `only ${labels.length} cluster labels drawn`);
  assert.ok(labels.every((l) => l.trim().length > 0));
});

test('when the engine host dies the app says so, restarts it and reopens the data set', async () => {
  await page.getByTestId('layout-pca').click();
  await page.evaluate(
    () => void (window.__vecscope!.session as { crashEngine(): Promise<void> }).crashEngine(),
  );
  await page.getByTestId('connection-banner').waitFor({ timeout: 10_000 });
  assert.match(await page.getByTestId('connection-banner').innerText(), /engine stopped/i);
  await page.getByTestId('connection-banner').waitFor({ state: 'detached', timeout: 30_000 });
  await page.waitForFunction(
    () => {
      const s = (
        window.__vecscope!.store as {
          getState(): { dataset: { n: number } | null; layouts: Record<string, { final: boolean }> };
        }
      ).getState();
      return s.dataset?.n === 10000 && s.layouts['pca:2']?.final === true;
    },
    null,
    { timeout: 30_000 },
  );
  // Settings survive: still the PCA map, and clicking still finds neighbours on the new host.
  await clearHighlights();
  const { x, y } = await isolatedRow(page);
  await page.mouse.click(x, y);
  await page
    .getByTestId('neighbour-ids')
    .waitFor({ state: 'attached', timeout: 30_000 })
    .catch(async (e: Error) => {
      writeFileSync(join(tmpdir(), 'vecscope-e2e-restart.png'), await page.screenshot());
      const s = await page.evaluate(() => {
        const st = (window.__vecscope!.store as { getState(): Record<string, unknown> }).getState();
        return JSON.stringify({
          focus: st.focus !== null,
          hovered: st.hovered,
          errors: st.errors,
          connection: st.connection,
          tool: st.tool,
        });
      });
      throw new Error(`${e.message}; state ${s}`);
    });
  assert.equal(await page.getByTestId('neighbour-ids').locator('li').count(), 10);
});

test('the web-mode server refuses requests and WebSockets without the token, and sets no cookie', async () => {
  const base = `http://127.0.0.1:${app.web.port}`;
  assert.equal(app.web.url, `${base}/${app.web.token}/`);
  assert.equal((await fetch(`${base}/`)).status, 403);
  assert.equal((await fetch(`${base}/config`)).status, 403);
  assert.equal((await fetch(`${base}/?token=not-the-token`)).status, 403);
  const page200 = await fetch(app.web.url);
  assert.equal(page200.status, 200);
  assert.equal(page200.headers.get('set-cookie'), null);
  // The page itself keeps the token in its address only: no cookie another local server could read.
  assert.equal(await page.evaluate(() => document.cookie), '');
  assert.equal((await page.context().cookies()).length, 0);
  assert.equal(new URL(page.url()).pathname, `/${app.web.token}/`);
  const { WebSocket } = await import('ws');
  const status = await new Promise<number | string>((ok) => {
    const ws = new WebSocket(`ws://127.0.0.1:${app.web.port}/rpc`);
    ws.on('open', () => ok('open'));
    ws.on('unexpected-response', (_req, res) => ok(res.statusCode ?? 0));
    ws.on('error', (e) => ok(e.message));
  });
  assert.equal(status, 403);
});

test('web mode opens only what was named at start: a file elsewhere gets one line and the data set stays', async () => {
  const outside = mkdtempSync(join(tmpdir(), 'vecscope-e2e-outside-'));
  try {
    const file = join(outside, 'elsewhere.npy');
    writeFileSync(file, readFileSync(join(repoRoot, 'sample/base.npy')));
    await page.getByTestId('open-path').fill(file);
    await page.getByTestId('open-button').click();
    const banner = page.getByTestId('error-banner');
    await banner.waitFor({ timeout: 15_000 });
    const message = await banner.innerText();
    assert.match(message, /elsewhere\.npy/);
    assert.match(message, /web mode opens only the files and folders named when it started/);
    assert.equal(await page.getByTestId('dataset-n').innerText(), '10,000');
    await banner.getByRole('button', { name: 'dismiss' }).click();
  } finally {
    rmSync(outside, { recursive: true, force: true });
  }
});

test('the row limit beside the path box opens a larger file as a seeded sample, and the panel says so', async () => {
  const file = join(tmp, 'big.npy');
  writeFileSync(file, readFileSync(join(repoRoot, 'sample/base.npy')));
  await page.getByTestId('open-max-rows').fill('2500');
  await page.getByTestId('open-path').fill(file);
  await page.getByTestId('open-button').click();
  await page.getByTestId('dataset-sampled').waitFor({ timeout: 60_000 });
  assert.match(await page.getByTestId('dataset-n').innerText(), /^2,500/);
  assert.match(await page.getByTestId('dataset-sampled').innerText(), /a sample of 10,000/);
  await page.waitForFunction(
    () => document.querySelector('[data-testid=map-stage]')?.getAttribute('data-points') === '2500',
    null,
    { timeout: 60_000 },
  );
  await page.getByTestId('open-max-rows').fill('');
});
