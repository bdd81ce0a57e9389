// Web mode on a table of texts: the engine embeds it (USE-lite, offline) and the map shows its rows; a
// semantic query lists sensible nearest rows; a table with two text columns asks which one to embed; a
// table opened from the path box can be embedded by a local ONNX sentence-transformer folder instead.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { repoRoot, startApp, waitForMap, type App } from './harness.js';

/** 60 short texts, 12 on each of five topics (e2e tests import no engine or helper code). */
const TOPICS: Record<string, string[]> = {
  animal: [
    'cat',
    'dog',
    'horse',
    'rabbit',
    'lion',
    'wolf',
    'kitten',
    'puppy',
    'cow',
    'sheep',
    'fox',
    'bear',
  ].map((a) => `the ${a} is an animal that sleeps, eats and runs in the field`),
  food: [
    'bread',
    'soup',
    'pasta',
    'cake',
    'rice',
    'salad',
    'pizza',
    'cheese',
    'curry',
    'pie',
    'stew',
    'noodles',
  ].map((f) => `a plate of ${f} served hot for dinner, delicious to eat`),
  weather: [
    'rain',
    'snow',
    'fog',
    'wind',
    'hail',
    'sleet',
    'thunder',
    'storms',
    'drizzle',
    'frost',
    'heat',
    'sunshine',
  ].map((w) => `the forecast says ${w} all day tomorrow, check the weather`),
  vehicle: [
    'car',
    'bus',
    'train',
    'truck',
    'bicycle',
    'tram',
    'van',
    'taxi',
    'motorcycle',
    'lorry',
    'scooter',
    'coach',
  ].map((v) => `he drives the ${v} along the road to the city every morning`),
  music: [
    'piano',
    'violin',
    'guitar',
    'flute',
    'drums',
    'cello',
    'trumpet',
    'harp',
    'organ',
    'banjo',
    'saxophone',
    'clarinet',
  ].map((m) => `she plays a song on the ${m} at the concert hall`),
};
const ROWS = Object.entries(TOPICS).flatMap(([topic, texts]) => texts.map((text) => ({ topic, text })));

const tmp = realpathSync(mkdtempSync(join(tmpdir(), 'vecscope-e2e-text-')));
let app: App;
let page: Page;

before(async () => {
  // The embedding cache goes to this test's folder (the web process inherits the environment).
  process.env['XDG_CACHE_HOME'] = join(tmp, 'cache');
  writeFileSync(join(tmp, 'texts.txt'), ROWS.map((r) => r.text).join('\n') + '\n');
  writeFileSync(
    join(tmp, 'two.tsv'),
    ['title\tbody', ...ROWS.map((r, i) => `entry ${i} about ${r.topic}\t${r.text}`)].join('\n') + '\n',
  );
  app = await startApp({ source: join(tmp, 'texts.txt'), extra: [tmp], timeout: 180_000 });
  page = app.page;
});

after(async () => {
  await app?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

test('a .txt of texts opens as a map of its embedded rows', async () => {
  assert.equal(await page.getByTestId('dataset-n').innerText(), '60');
  const points = await page.getByTestId('map-stage').getAttribute('data-points');
  assert.equal(Number(points), 60);
  await page.getByTestId('semantic-panel').waitFor();
});

test('a semantic query lists its nearest rows, best first, and selects them on the map', async () => {
  await page.getByTestId('semantic-query').fill('a kitten and a puppy playing');
  await page.getByTestId('semantic-go').click();
  const hits = page.getByTestId('semantic-hits').locator('li');
  await hits.first().waitFor({ timeout: 60_000 });
  assert.equal(await hits.count(), 10);
  const rows = await hits.evaluateAll((ls) => ls.map((l) => Number(l.getAttribute('data-row'))));
  assert.equal(ROWS[rows[0]!]!.topic, 'animal', `top hit: ${ROWS[rows[0]!]!.text}`);
  assert.ok(rows.slice(0, 5).filter((r) => ROWS[r]!.topic === 'animal').length >= 4, JSON.stringify(rows));
  assert.match(await hits.first().innerText(), /animal/);
  await page.getByTestId('selection-count').waitFor();
  assert.match(await page.getByTestId('selection-count').innerText(), /10/);
});

test('a table with two text columns asks which one to embed, then opens it', async () => {
  await page.getByTestId('open-path').fill(join(tmp, 'two.tsv'));
  await page.getByTestId('open-button').click();
  const picker = page.getByTestId('text-column-picker');
  await picker.waitFor();
  const names = await picker.getByTestId('text-column').allInnerTexts();
  assert.deepEqual(names, ['title', 'body']);
  await picker.getByTestId('text-column').nth(1).click();
  await picker.waitFor({ state: 'detached' });
  await page.waitForFunction(
    () =>
      document.querySelector('[data-testid=semantic-query]')?.getAttribute('placeholder')?.includes('"body"'),
    null,
    { timeout: 180_000 },
  );
  await waitForMap(page, 180_000);
  assert.equal(await page.getByTestId('dataset-n').innerText(), '60');
  assert.deepEqual(app.pageErrors, []);
});

test('opened from the path box, a table of texts is embedded by the ONNX model folder typed in the dialog', async () => {
  // A tiny BERT-shaped model with its WordPiece tokenizer, written by the test helper's script (built
  // to dist/test with the rest of the tests): real onnxruntime-node, real tokenizer, seeded weights.
  const model = join(tmp, 'tiny-onnx');
  execFileSync(process.execPath, [join(repoRoot, 'dist/test/helpers/tinyOnnxModel.js'), model, '64']);
  await page.getByTestId('open-path').fill(join(tmp, 'texts.txt'));
  await page.getByTestId('open-button').click();
  const picker = page.getByTestId('text-column-picker');
  await picker.waitFor();
  assert.deepEqual(await picker.getByTestId('text-column').allInnerTexts(), ['embed "text"']);
  await picker.getByTestId('text-model').fill(model);
  await picker.getByTestId('text-column').click();
  await picker.waitFor({ state: 'detached' });
  await page.waitForFunction(
    () =>
      document.querySelector('[data-testid=semantic-query]')?.getAttribute('placeholder')?.includes('onnx:'),
    null,
    { timeout: 120_000 },
  );
  await waitForMap(page, 120_000);
  assert.equal(await page.getByTestId('dataset-n').innerText(), '60');
  // The query is embedded by the same model: texts sharing its words come first.
  await page.getByTestId('semantic-query').fill('she plays the violin at the concert hall');
  await page.getByTestId('semantic-go').click();
  const hits = page.getByTestId('semantic-hits').locator('li');
  // Waits for this query's answer (the earlier query's list may still be shown until it comes).
  await page.waitForFunction(
    () => document.querySelector('[data-testid=semantic-hits] li')?.textContent?.includes('concert hall'),
    null,
    { timeout: 60_000 },
  );
  assert.equal(await hits.count(), 10);
  const rows = await hits.evaluateAll((ls) => ls.map((l) => Number(l.getAttribute('data-row'))));
  assert.equal(ROWS[rows[0]!]!.topic, 'music', `top hit: ${ROWS[rows[0]!]!.text}`);
  assert.ok(
    rows.slice(0, 5).every((r) => ROWS[r]!.topic === 'music'),
    JSON.stringify(rows),
  );
  assert.deepEqual(app.pageErrors, []);
});

test('compare panel: the same texts by the other model (USE-lite as B against the ONNX model open as A)', async () => {
  await page.locator('[data-testid=compare-panel] summary').click();
  await page.getByTestId('compare-path').fill(join(tmp, 'texts.txt'));
  // Empty model field: B is the built-in USE-lite.
  await page.getByTestId('compare-run').click();
  await page.getByTestId('compare-result').waitFor({ timeout: 120_000 });
  assert.match(await page.getByTestId('compare-result').innerText(), /embedded by use-lite@.*512-d/s);
  const jaccard = Number(await page.getByTestId('compare-jaccard').innerText());
  assert.ok(jaccard > 0 && jaccard < 0.95, `mean Jaccard ${jaccard}`);
  // Side by side: B opens again as a table of texts by the same model, and its map is drawn.
  await page.getByTestId('compare-side-by-side').check();
  await page.getByTestId('compare-map-b').waitFor({ timeout: 60_000 });
  assert.deepEqual(app.pageErrors, []);
});
