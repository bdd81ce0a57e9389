// The cluster panel in headless Chromium on the built-in sample: choose the method and k, run, and the
// job's clusters colour the map with a legend of that many clusters.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { startApp, waitForMap, type App } from './harness.js';

let app: App;
let page: Page;

before(async () => {
  app = await startApp();
  page = app.page;
  await waitForMap(page);
});

after(async () => {
  await app?.stop();
});

const legendCount = (): Promise<number> => page.locator('[data-testid=legend] li').count();

test('the cluster panel sets k, runs k-means as a job, and the legend shows that many clusters', async () => {
  await page.getByTestId('cluster-settings').click();
  const panel = page.getByTestId('cluster-settings-panel');
  await panel.waitFor();
  await page.getByTestId('cluster-method').selectOption('kmeans');
  // The default k of the sample's 10,000 rows (√(n / 20) = 22) is the placeholder.
  assert.equal(await page.getByTestId('cluster-k').getAttribute('placeholder'), '22');
  // Out-of-range k cannot be run.
  await page.getByTestId('cluster-k').fill('1');
  assert.equal(await page.getByTestId('cluster-run').isDisabled(), true);
  await page.getByTestId('cluster-k').fill('4');
  await page.getByTestId('cluster-space').selectOption('original');
  await page.getByTestId('cluster-run').click();
  await panel.waitFor({ state: 'detached' });
  const done = () =>
    page.waitForFunction(
      () =>
        document
          .querySelector('[data-testid=job][data-label="kmeans clusters"]')
          ?.getAttribute('data-status') === 'done',
      null,
      { timeout: 240_000 },
    );
  await done();
  assert.equal(await page.getByTestId('color-by').inputValue(), 'cluster');
  assert.match(await page.getByTestId('legend').innerText(), /^cluster/);
  assert.equal(await legendCount(), 4);
  assert.match(await page.locator('[data-testid=color-by] option[value=cluster]').innerText(), /pca64/);

  // Again with k = 7: the legend follows.
  await page.getByTestId('cluster-settings').click();
  await page.getByTestId('cluster-k').fill('7');
  await page.getByTestId('cluster-run').click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=legend] li').length === 7, null, {
    timeout: 240_000,
  });
  assert.equal(await legendCount(), 7);

  // HDBSCAN on the map on screen.
  await page.getByTestId('cluster-settings').click();
  await page.getByTestId('cluster-method').selectOption('hdbscan');
  await page.getByTestId('cluster-space').selectOption('layout');
  await page.getByTestId('cluster-min-size').fill('50');
  await page.getByTestId('cluster-run').click();
  await page.waitForFunction(
    () =>
      /hdbscan, map/.test(
        document.querySelector('[data-testid=color-by] option[value=cluster]')?.textContent ?? '',
      ),
    null,
    { timeout: 240_000 },
  );
  assert.ok((await legendCount()) >= 2);
});
