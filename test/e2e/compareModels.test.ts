// Two embedding models of the same rows compared in the app: the agreement figures, the map painted
// by disagreement, and the rows that disagree most (a click shows that row's neighbours).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { isolatedRow, startApp, type App } from './harness.js';

/** A float32 .npy file (format 1.0; the e2e tests build apart from core/). */
function npy(data: Float32Array, shape: number[]): Buffer {
  let header = `{'descr': '<f4', 'fortran_order': False, 'shape': (${shape.join(', ')}), }`;
  header = header.padEnd(Math.ceil((header.length + 11) / 64) * 64 - 11) + '\n';
  return Buffer.concat([
    Buffer.from([0x93]),
    Buffer.from('NUMPY'),
    Buffer.from([1, 0]),
    Buffer.from(Uint16Array.of(header.length).buffer),
    Buffer.from(header, 'latin1'),
    Buffer.from(data.buffer, data.byteOffset, data.byteLength),
  ]);
}

let app: App;
let page: Page;
let dir: string;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vecscope-compare-e2e-'));
  // Model A: 1,200 rows in 6 clusters, 24-d. Model B: the first 8 coordinates of A plus noise, so the
  // two agree on the clusters but not on the finer neighbourhoods.
  const n = 1_200;
  let seed = 5;
  const rand = () => ((seed = (seed * 1_103_515_245 + 12_345) >>> 0) / 2 ** 32) * 2 - 1;
  const a = new Float32Array(n * 24);
  for (let i = 0; i < n; i++) for (let j = 0; j < 24; j++) a[i * 24 + j] = (j === i % 6 ? 6 : 0) + rand();
  const b = new Float32Array(n * 8);
  for (let i = 0; i < n; i++) for (let j = 0; j < 8; j++) b[i * 8 + j] = a[i * 24 + j]! + 0.5 * rand();
  writeFileSync(join(dir, 'a.npy'), npy(a, [n, 24]));
  writeFileSync(join(dir, 'b.npy'), npy(b, [n, 8]));
  app = await startApp({ source: join(dir, 'a.npy'), extra: [dir], viewport: { width: 1440, height: 900 } });
  page = app.page;
});

after(async () => {
  await app?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('comparing with a second model shows its figures, paints the map and lists the rows that disagree', async () => {
  await page.locator('[data-testid=compare-panel] summary').click();
  await page.getByTestId('compare-path').fill(join(dir, 'b.npy'));
  await page.getByTestId('compare-run').click();
  await page.getByTestId('compare-result').waitFor({ timeout: 60_000 });
  const jaccard = Number(await page.getByTestId('compare-jaccard').innerText());
  assert.ok(jaccard > 0.05 && jaccard < 0.95, `mean Jaccard ${jaccard}`);
  assert.match(await page.getByTestId('legend').innerText(), /neighbours model B does not share/);
  const worst = page.getByTestId('compare-worst');
  assert.ok((await worst.count()) > 0);
  const label = await worst.first().innerText();
  const row = Number(/row (\d+)/.exec(label)![1]);
  await worst.first().click();
  await page.getByTestId('neighbours-panel').waitFor();
  assert.match(
    await page.getByTestId('neighbours-panel').innerText(),
    new RegExp(`neighbours of row ${row}\\b`),
  );
  // Turning the painting off gives the map its colours back.
  await page.getByRole('checkbox', { name: /paint the map by disagreement/ }).uncheck();
  await page.waitForFunction(
    () => !/does not share/.test(document.querySelector('[data-testid=legend]')?.textContent ?? ''),
  );
  assert.deepEqual(app.pageErrors, []);
});

test("model B's map beside A's: hover and selection are linked both ways", async () => {
  await page.getByTestId('compare-side-by-side').check();
  await page.locator('[data-testid=map-stage-b][data-points="1200"]').waitFor({ timeout: 90_000 });
  await page.waitForFunction(
    () => ((window.__vecscope?.sceneB as { frames: number } | undefined)?.frames ?? 0) > 0,
  );
  // A row drawn apart from the others on B's map, in page coordinates.
  const target = await page.evaluate(() => {
    const scene = window.__vecscope!.sceneB as { screenPositions(): Float32Array };
    const s = scene.screenPositions();
    const box = document.querySelector('[data-testid=map-stage-b] .map-canvas')!.getBoundingClientRect();
    for (let i = 0; i < s.length / 2; i++) {
      const x = s[2 * i]!;
      const y = s[2 * i + 1]!;
      if (!(x > 40 && y > 40 && x < box.width - 40 && y < box.height - 40)) continue;
      let alone = true;
      for (let j = 0; j < s.length / 2 && alone; j++)
        if (j !== i && Math.hypot(s[2 * j]! - x, s[2 * j + 1]! - y) < 10) alone = false;
      if (alone) return { row: i, x: x + box.left, y: y + box.top };
    }
    return null;
  });
  assert.ok(target, 'no isolated point on the map of model B');
  await page.mouse.move(target.x - 30, target.y - 30);
  await page.mouse.move(target.x, target.y);
  // Hovering on B shows the row's card on A and rings it on B.
  await page.locator(`[data-testid=tooltip][data-row="${target.row}"]`).waitFor({ timeout: 15_000 });
  assert.equal(await page.getByTestId('compare-b-hover').getAttribute('data-row'), String(target.row));
  // Hovering on A rings the same row on B.
  const a = await isolatedRow(page);
  await page.mouse.move(a.x - 30, a.y - 30);
  await page.mouse.move(a.x, a.y);
  await page.locator(`[data-testid=compare-b-hover][data-row="${a.row}"]`).waitFor({ timeout: 15_000 });
  // A box drawn on B selects B's points inside it, and A's selection is the same rows.
  await page.getByTestId('tool-box').click();
  const box = (await page.locator('[data-testid=map-stage-b] .map-canvas').boundingBox())!;
  const [x0, y0, x1, y1] = [
    box.x + box.width * 0.3,
    box.y + box.height * 0.3,
    box.x + box.width * 0.7,
    box.y + box.height * 0.7,
  ];
  const expected = await page.evaluate(
    ([x0, y0, x1, y1, left, top]) => {
      const s = (window.__vecscope!.sceneB as { screenPositions(): Float32Array }).screenPositions();
      const rows: number[] = [];
      for (let i = 0; i < s.length / 2; i++) {
        const x = s[2 * i]! + left!;
        const y = s[2 * i + 1]! + top!;
        if (x >= x0! && x <= x1! && y >= y0! && y <= y1!) rows.push(i);
      }
      return rows;
    },
    [x0, y0, x1, y1, box.x, box.y],
  );
  assert.ok(expected.length > 5, `${expected.length} points in the box`);
  await page.mouse.move(x0, y0);
  await page.mouse.down();
  await page.mouse.move(x1, y1, { steps: 6 });
  await page.mouse.up();
  await page.getByTestId('selection-count').waitFor({ timeout: 10_000 });
  const selected = await page.evaluate(() =>
    Array.from(
      (window.__vecscope!.store as { getState(): { selection: Int32Array | null } }).getState().selection ??
        [],
    ),
  );
  // Points on the box's edge may fall either way by a pixel's rounding.
  const inBoth = expected.filter((r) => selected.includes(r)).length;
  assert.ok(
    inBoth >= expected.length - 2 && selected.length <= expected.length + 2,
    `${selected.length} vs ${expected.length}`,
  );
  assert.equal(
    Number((await page.getByTestId('selection-count').innerText()).replace(/,/g, '')),
    selected.length,
  );
  await page.getByTestId('tool-pan').click();
  await page.getByTestId('compare-side-by-side').uncheck();
  await page.getByTestId('compare-map-b').waitFor({ state: 'detached' });
  assert.deepEqual(app.pageErrors, []);
});

test('the lab runs its sweep on both models and draws both frontiers on one chart', async () => {
  await page.getByTestId('lab-toggle').click();
  await page.getByTestId('sweep-text').fill('F32,Flat\nSQ8,Flat\nPCA4,F32,Flat');
  await page.getByTestId('run-model-b').click();
  await page.waitForFunction(
    () => {
      type S = {
        lab: { modelB: { running: boolean; rows: unknown[] } | null; study: { running: boolean } | null };
      };
      const s = (window.__vecscope!.store as { getState(): S }).getState();
      return (
        s.lab.modelB !== null &&
        !s.lab.modelB.running &&
        s.lab.modelB.rows.length === 3 &&
        s.lab.study?.running === false
      );
    },
    null,
    { timeout: 180_000 },
  );
  const view = await page.evaluate(() => {
    type Row = { pipeline: string; recall: number };
    type S = {
      lab: {
        querySet: string;
        study: { querySet: string; rows: Row[] };
        modelB: { querySet: string; rows: Row[] };
      };
    };
    const s = (window.__vecscope!.store as { getState(): S }).getState();
    return {
      querySet: s.lab.study.querySet,
      b: s.lab.modelB.querySet,
      a: s.lab.study.rows,
      rowsB: s.lab.modelB.rows,
    };
  });
  // Both models measured on held-out base rows, the one query set they share.
  assert.equal(view.querySet, 'base');
  assert.equal(view.b, 'base');
  const chart = page.getByTestId('pareto-bytes');
  assert.equal(await chart.getByTestId('pareto-point').count(), 3);
  assert.equal(await chart.getByTestId('pareto-point-b').count(), 3);
  await chart.getByTestId('frontier-b').waitFor();
  assert.match(await page.getByTestId('model-b-status').innerText(), /B: 3 pipelines measured/);
  // B (8-d, noisier) and A (24-d) keep different recall for the same pipeline: two real measurements.
  const recallA = view.a.find((r) => r.pipeline === 'F32,Flat')!.recall;
  const recallB = view.rowsB.find((r) => r.pipeline === 'F32,Flat')!.recall;
  assert.ok(recallA > 0.99 && recallB > 0.99, `exact search is exact on both: ${recallA}, ${recallB}`);
  const pcaA = view.a.find((r) => r.pipeline === 'PCA4,F32,Flat')!.recall;
  const pcaB = view.rowsB.find((r) => r.pipeline === 'PCA4,F32,Flat')!.recall;
  assert.notEqual(pcaA, pcaB);
  assert.deepEqual(app.pageErrors, []);
});
