// The closed loop in the app: open a LanceDB table through the Database… form (a seeded sample of its
// rows), run a sweep, verify the selected pipeline in a scratch pgvector (PGlite) database, and see the
// database's measured recall under the lab's prediction in the study table.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { connect } from '@lancedb/lancedb';
import type { Page } from 'playwright-core';
import { startApp, type App } from './harness.js';

let app: App;
let page: Page;
let dir: string;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vecscope-verify-e2e-'));
  // 1,500 rows in 5 clusters, 16-d, with a category column; the app opens a sample of 1,200.
  let seed = 9;
  const rand = () => ((seed = (seed * 1_103_515_245 + 12_345) >>> 0) / 2 ** 32) * 2 - 1;
  const rows = Array.from({ length: 1_500 }, (_, i) => ({
    id: i,
    kind: `k${i % 5}`,
    vector: Array.from({ length: 16 }, (_, j) => (j === i % 5 ? 5 : 0) + rand()),
  }));
  const db = await connect(dir);
  (await db.createTable('items', rows)).close();
  db.close();
  app = await startApp({ extra: [dir], viewport: { width: 1600, height: 1000 } });
  page = app.page;
});

after(async () => {
  await app?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('a LanceDB table opens from the Database… form, and a pipeline verified in PGlite shows beside its prediction', async () => {
  await page.getByTestId('open-db-toggle').click();
  await page.getByTestId('open-db-conn').fill(join(dir, 'items.lance'));
  await page.getByTestId('open-db-limit').fill('1200');
  await page.getByTestId('open-db-button').click();
  await page.waitForFunction(
    () => {
      const s = (
        window.__vecscope!.store as { getState(): { dataset: { n: number; format: string } | null } }
      ).getState();
      return s.dataset?.format === 'lancedb' && s.dataset.n === 1_200;
    },
    null,
    { timeout: 60_000 },
  );
  assert.equal(
    await page
      .getByTestId('dataset-n')
      .innerText()
      .then((t) => t.split(' ')[0]),
    '1,200',
  );

  await page.getByTestId('lab-toggle').click();
  await page.getByTestId('lab-query-set').selectOption('base');
  await page.getByTestId('sweep-text').fill('F32,Vamana(R=16,L=40)|W=20');
  await page.getByTestId('run-sweep').click();
  await page
    .locator('[data-testid=study-row][data-pipeline="F32,Vamana(R=16,L=40)|W=20"]')
    .waitFor({ timeout: 120_000 });
  await page.waitForFunction(
    () =>
      (window.__vecscope!.store as { getState(): { lab: { study: { running: boolean } | null } } }).getState()
        .lab.study?.running === false,
    null,
    { timeout: 120_000 },
  );
  await page.locator('[data-testid=study-row][data-pipeline="F32,Vamana(R=16,L=40)|W=20"]').click();
  await page.getByTestId('verify-engine').selectOption('pglite');
  await page.getByTestId('verify-run').click();
  const line = page.getByTestId('verified-row');
  await line.waitFor({ timeout: 180_000 });
  const text = await line.innerText();
  assert.match(
    text,
    /measured in pglite: recall@10 (0|1)\.\d{3} \(lab (0|1)\.\d{3}, [+-]\d\.\d{3}\), p50 [\d.]+ ms/,
  );
  const measured = Number(/recall@10 ([\d.]+)/.exec(text)![1]);
  // An HNSW graph with m = 8 on 1,200 clustered rows: a real index, nearly exact.
  assert.ok(measured > 0.8, text);
  assert.match(await page.getByTestId('verify-measured').innerText(), /\d\.\d{3}/);
  assert.deepEqual(app.pageErrors, []);
});
