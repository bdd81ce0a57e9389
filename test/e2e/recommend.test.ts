// The lab's recommend panel end to end in headless Chromium: a target and a budget, the job's trials
// streaming into the panel and the study table, the answer (pipeline, interval, runner-up, trend,
// exports), an unreachable target as one error line, and a cancel from the panel.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { startApp, type App } from './harness.js';

let app: App;
let page: Page;

before(async () => {
  app = await startApp({ source: 'synthetic:3000:32:8:3', viewport: { width: 1440, height: 900 } });
  page = app.page;
});

after(async () => {
  await app?.stop();
});

async function ask(target: string, maxBytes: string): Promise<void> {
  if ((await page.getByTestId('recommend-panel').count()) === 0) await page.getByTestId('lab-toggle').click();
  await page.getByTestId('lab-k').fill('10');
  await page.getByTestId('lab-query-set').selectOption('base');
  await page.getByTestId('lab-max-queries').fill('200');
  await page.getByTestId('recommend-target').fill(target);
  await page.getByTestId('recommend-max-bytes').fill(maxBytes);
  await page.getByTestId('recommend-production-n').fill('1000000');
  await page.getByTestId('recommend-run').click();
}

test('recommend: trials stream into the panel and the study table, then the answer and its trend', async () => {
  await ask('0.9', '40');
  // Trials stream while the job runs, into the panel and, once searched on every query, the table.
  await page.getByTestId('recommend-trials').locator('li').first().waitFor({ timeout: 120_000 });
  await page.getByTestId('study-row').first().waitFor({ timeout: 180_000 });
  await page.getByTestId('recommend-answer').waitFor({ timeout: 300_000 });
  const pipeline = (await page.getByTestId('recommend-pipeline').textContent()) ?? '';
  assert.match(pipeline, /,(Flat|Vamana)/);
  const text = (await page.getByTestId('recommend-answer').textContent()) ?? '';
  const recall = Number(/recall@10 (\d\.\d{3})/.exec(text)?.[1]);
  assert.ok(recall >= 0.9, text);
  const primary = Number(/(\d+) B\/vector in RAM/.exec(text)?.[1]);
  assert.ok(primary <= 40, text);
  const [trials, grid] = /(\d+) trials; the full grid holds (\d+)/
    .exec((await page.getByTestId('recommend-trial-count').textContent()) ?? '')!
    .slice(1)
    .map(Number) as [number, number];
  assert.ok(trials < grid, `${trials} of ${grid}`);
  // The recall-vs-n chart, predicted far beyond the base: said to be weak.
  const trend = (await page.getByTestId('recommend-trend').textContent()) ?? '';
  assert.match(trend, /predicted at 1,000,000 vectors: \d\.\d{3} \[/);
  assert.match(trend, /weak extrapolation/);
  assert.equal(await page.getByTestId('recommend-trend').locator('circle').count(), 5);
  // The searched pipelines are the study table's rows, the recommendation among them.
  const rows = await page.getByTestId('study-row').allTextContents();
  assert.ok(
    rows.some((r) => r.includes(pipeline)),
    `${pipeline} not in ${rows.join(' | ')}`,
  );
  await page.getByTestId('recommend-exports').locator('summary').click();
  assert.match((await page.getByTestId('recommend-exports').textContent()) ?? '', /faiss[\s\S]*usearch/);
  assert.deepEqual(app.pageErrors, []);
});

test('recommend: an unreachable target is one error line naming the target and the closest', async () => {
  await ask('0.999', '12');
  const banner = page.getByTestId('error-banner').filter({ hasText: 'out of reach' });
  await banner.waitFor({ timeout: 180_000 });
  assert.match(
    (await banner.textContent()) ?? '',
    /recall@10 ≥ 0\.999 is out of reach within 12 B per vector; closest: \S+ at recall 0\.\d{3}/,
  );
  assert.equal(await page.getByTestId('recommend-answer').count(), 0);
});

test('recommend: cancel from the panel ends the job', async () => {
  await ask('0.95', '64');
  await page.getByTestId('recommend-trials').locator('li').first().waitFor({ timeout: 120_000 });
  const t0 = Date.now();
  await page.getByTestId('recommend-cancel').click();
  await page.getByTestId('recommend-run').filter({ hasText: 'recommend' }).waitFor({ timeout: 60_000 });
  const seconds = (Date.now() - t0) / 1000;
  assert.equal(await page.getByTestId('recommend-answer').count(), 0);
  const jobs = await page.evaluate(() =>
    (
      window.__vecscope as unknown as { store: { getState(): { jobs: { label: string; status: string }[] } } }
    ).store
      .getState()
      .jobs.filter((j) => j.label.startsWith('recommend'))
      .map((j) => j.status),
  );
  assert.equal(jobs.at(-1), 'cancelled', `${jobs.join(',')} after ${seconds} s`);
});
