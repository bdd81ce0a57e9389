// The explorer's metadata filter on the sample: a predicate typed in the filter box hides every other
// point, a bad one is one line, the legend writes one, and the lab measures recall under it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { startApp, type App } from './harness.js';

let app: App;
let page: Page;

before(async () => {
  app = await startApp({ viewport: { width: 1600, height: 1000 } });
  page = app.page;
});

after(async () => {
  await app?.stop();
  assert.deepEqual(app.pageErrors, []);
});

const visible = async () => Number(await page.getByTestId('map-stage').getAttribute('data-visible'));

test('a typed predicate shows only its rows; a bad one is one line; the legend filters by a category', async () => {
  assert.equal(await visible(), 10_000);
  await page.getByTestId('filter-input').fill("lexname = 'noun.animal'");
  await page.getByTestId('filter-input').press('Enter');
  await page.getByTestId('filter-count').waitFor();
  assert.equal(await page.getByTestId('filter-count').getAttribute('data-count'), '636');
  assert.equal(await visible(), 636);
  // The hidden points are flagged so the shader does not draw them.
  const hidden = await page.evaluate(() => {
    const scene = window.__vecscope!.scene as { props: { flags: Uint8Array } };
    return scene.props.flags.reduce((s, f) => s + (f === 6 ? 1 : 0), 0);
  });
  assert.equal(hidden, 10_000 - 636);

  await page.getByTestId('filter-input').fill("lexnam = 'noun.animal'");
  await page.getByTestId('filter-apply').click();
  await page.getByTestId('filter-error').waitFor();
  const err = await page.getByTestId('filter-error').innerText();
  assert.match(err, /unknown column "lexnam".*the columns are: .*lexname/);
  assert.equal(err.split('\n').length, 1);
  assert.equal(await visible(), 10_000);

  await page.getByTestId('color-by').selectOption('column:lexname');
  await page.getByTestId('legend-filter').first().click();
  await page.waitForFunction(
    () => Number(document.querySelector('[data-testid=map-stage]')?.getAttribute('data-visible')) < 10_000,
  );
  assert.match(await page.getByTestId('filter-input').inputValue(), /^"lexname" = '/);
});

test('the lab measures recall under the filter and the selectivity sweep, and charts it', async () => {
  await page.getByTestId('filter-input').fill("lexname = 'noun.animal'");
  await page.getByTestId('filter-input').press('Enter');
  await page.waitForFunction(
    () => document.querySelector('[data-testid=filter-count]')?.getAttribute('data-count') === '636',
  );
  await page.getByTestId('lab-toggle').click();
  await page.getByTestId('sweep-text').fill('F32,Vamana(R=16,L=40)|W=20');
  await page.getByTestId('lab-max-queries').fill('200');
  await page.getByTestId('lab-selectivity-sweep').check();
  assert.match(await page.getByTestId('lab-filter').innerText(), /noun\.animal/);
  await page.getByTestId('run-sweep').click();
  type S = {
    lab: {
      study: {
        running: boolean;
        rows: {
          pipeline: string;
          filter?: string;
          filteredRecall?: number;
          filteredRecallInGraph?: number;
          filtered?: { selectivity: number; recallPrefilter: number; recallInGraph?: number }[];
        }[];
      } | null;
    };
  };
  await page.waitForFunction(
    () => {
      const s = (window.__vecscope!.store as { getState(): S }).getState();
      return s.lab.study !== null && !s.lab.study.running && s.lab.study.rows.length === 1;
    },
    null,
    { timeout: 240_000 },
  );
  const row = await page.evaluate(
    () => (window.__vecscope!.store as { getState(): S }).getState().lab.study!.rows[0]!,
  );
  assert.equal(row.filter, "lexname = 'noun.animal'");
  assert.equal(row.filteredRecall, 1);
  assert.ok(row.filteredRecallInGraph! >= 0 && row.filteredRecallInGraph! < 1);
  assert.equal(row.filtered!.length, 5);
  assert.equal(row.filtered![0]!.selectivity, 1);
  // In-graph filtering loses recall as the sweep narrows; the pre-filter does not.
  assert.ok(row.filtered![0]!.recallInGraph! > row.filtered![3]!.recallInGraph!);
  for (const f of row.filtered!) assert.equal(f.recallPrefilter, 1);
  await page.getByTestId('selectivity-chart').waitFor();
  assert.equal(await page.getByTestId('selectivity-series').count(), 3);
  // The table's filter column and the map's filtered loss colouring.
  assert.match(
    await page.getByTestId('study-table').innerText(),
    /\[lexname = 'noun\.animal'\] 0\.0636 \/ 1\.000 \//,
  );
  // The study's queries on the map: those that lost filtered neighbours in-graph are outlined.
  await page.waitForFunction(
    () => document.querySelectorAll('[data-testid=query-mark][data-lost=true]').length > 0,
    null,
    { timeout: 60_000 },
  );
  await page.getByTestId('study-row').first().click();
  await page.waitForFunction(() =>
    /filtered neighbour loss/.test(document.querySelector('[data-testid=legend]')?.textContent ?? ''),
  );
});

test('a saved workspace keeps the filter in force and applies it again when opened', async () => {
  // The filter of the test before is still on: noun.animal.
  assert.equal(await visible(), 636);
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 20_000 }),
    page.getByTestId('save-workspace').click(),
  ]);
  const bytes = readFileSync((await download.path())!);
  const ws = JSON.parse(bytes.toString('utf8')) as { view: { filter?: string } };
  assert.equal(ws.view.filter, "lexname = 'noun.animal'");
  await page.getByTestId('filter-input').fill('');
  await page.getByTestId('filter-input').press('Enter');
  await page.waitForFunction(
    () => document.querySelector('[data-testid=map-stage]')?.getAttribute('data-visible') === '10000',
  );
  await page.getByTestId('open-workspace-file').setInputFiles({
    name: 'filtered.vecscope.json',
    mimeType: 'application/json',
    buffer: bytes,
  });
  await page.waitForFunction(
    () => document.querySelector('[data-testid=map-stage]')?.getAttribute('data-visible') === '636',
    null,
    { timeout: 30_000 },
  );
  assert.equal(await page.getByTestId('filter-input').inputValue(), "lexname = 'noun.animal'");
});
