// The lab in a 1440 × 900 window (a common laptop screen): every column on screen, the run button in
// view, the map keeping most of the height, loss painting kept when the lab closes, the map framed again
// when its canvas changes size, and a "fit view" button after panning away.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { startApp, type App } from './harness.js';

let app: App;
let page: Page;
const VIEW = { width: 1440, height: 900 };

before(async () => {
  app = await startApp({ viewport: VIEW });
  page = app.page;
});

after(async () => {
  await app?.stop();
});

const box = async (testid: string) => {
  const b = await page.getByTestId(testid).first().boundingBox();
  assert.ok(b, `${testid} is not shown`);
  return b;
};

/** Screen positions of every point, and the canvas size, from the scene. */
async function pointsOnCanvas(): Promise<{
  inside: number;
  n: number;
  spanX: number;
  spanY: number;
  w: number;
  h: number;
}> {
  return page.evaluate(() => {
    const scene = window.__vecscope!.scene as { screenPositions(): Float32Array };
    const canvas = document.querySelector('.map-canvas')!.getBoundingClientRect();
    const s = scene.screenPositions();
    let inside = 0;
    let minX = Infinity;
    let maxX = -Infinity;
    let minY = Infinity;
    let maxY = -Infinity;
    for (let i = 0; i < s.length; i += 2) {
      const x = s[i]!;
      const y = s[i + 1]!;
      if (x >= 0 && x <= canvas.width && y >= 0 && y <= canvas.height) inside++;
      minX = Math.min(minX, x);
      maxX = Math.max(maxX, x);
      minY = Math.min(minY, y);
      maxY = Math.max(maxY, y);
    }
    return {
      inside,
      n: s.length / 2,
      spanX: maxX - minX,
      spanY: maxY - minY,
      w: canvas.width,
      h: canvas.height,
    };
  });
}

test('at 1440 × 900 the open lab fits: no column off screen, run button in view, the map keeps its height', async () => {
  await page.getByTestId('lab-toggle').click();
  await page.getByTestId('sweep-text').fill('F32,Flat\nPCA32,LVQ8,Flat');
  await page.getByTestId('lab-max-queries').fill('100');
  const run = await box('run-sweep');
  assert.ok(run.y + run.height <= VIEW.height, `run button at ${run.y}`);
  await page.getByTestId('run-sweep').click();
  await page.waitForFunction(
    () => {
      const store = window.__vecscope!.store as {
        getState(): { lab: { study: { running: boolean } | null } };
      };
      const s = store.getState();
      return s.lab.study !== null && !s.lab.study.running;
    },
    null,
    { timeout: 120_000 },
  );
  const overflow = await page.evaluate(() => {
    const body = document.querySelector('.lab-body')!;
    return { scroll: body.scrollWidth, client: body.clientWidth, page: document.documentElement.scrollWidth };
  });
  assert.ok(overflow.scroll <= overflow.client + 1, `lab scrolls sideways: ${JSON.stringify(overflow)}`);
  assert.ok(overflow.page <= VIEW.width, `page scrolls sideways: ${overflow.page}`);
  for (const id of ['lab-builder', 'pareto-qps', 'pareto-bytes', 'lab-selected', 'lab-queries']) {
    const b = await box(id);
    assert.ok(b.x >= 0 && b.x + b.width <= VIEW.width + 1, `${id} off screen: ${JSON.stringify(b)}`);
  }
  const map = await box('map-stage');
  assert.ok(map.height >= 400, `map ${map.height} px tall`);
  assert.ok(map.width >= 1000, `map ${map.width} px wide`);
  const runAfter = await box('run-sweep');
  assert.ok(runAfter.y + runAfter.height <= VIEW.height, 'the run button stays in view');
  assert.deepEqual(app.pageErrors, []);
});

test('the dock resizes from its top edge, and the map follows', async () => {
  const before = await box('map-stage');
  const handle = await box('lab-resize');
  await page.mouse.move(handle.x + 200, handle.y + handle.height / 2);
  await page.mouse.down();
  await page.mouse.move(handle.x + 200, handle.y + 120, { steps: 5 });
  await page.mouse.up();
  await page.waitForFunction(
    (h) => document.querySelector('.map-stage')!.getBoundingClientRect().height > h + 100,
    before.height,
  );
  const after = await box('map-stage');
  assert.ok(after.height > before.height + 100, `${before.height} → ${after.height}`);
  // Double-click: back to the default height.
  await page.getByTestId('lab-resize').dblclick();
  await page.waitForFunction(
    (h) => Math.abs(document.querySelector('.map-stage')!.getBoundingClientRect().height - h) < 2,
    before.height,
  );
});

test('closing the lab keeps the loss painting, and the bigger map is framed again', async () => {
  const legend = () => page.getByTestId('legend').innerText();
  assert.match(await legend(), /neighbour loss/);
  const open = await pointsOnCanvas();
  await page.getByTestId('lab-toggle').click();
  await page.waitForFunction(
    (h) => document.querySelector('.map-canvas')!.getBoundingClientRect().height > h + 100,
    open.h,
  );
  await page.waitForTimeout(300);
  assert.match(await legend(), /neighbour loss/, 'the painting stays with the lab closed');
  const closed = await pointsOnCanvas();
  assert.equal(closed.inside, closed.n, 'every point on the canvas');
  // Framed for the taller canvas: the layout grows with it instead of keeping its old pixel size.
  assert.ok(closed.spanY > open.spanY * 1.15, `${open.spanY} → ${closed.spanY}`);
  // The switch in the header turns it off with the lab closed.
  await page.getByRole('checkbox', { name: /paint the map by neighbour loss/ }).uncheck();
  await page.waitForFunction(
    () => !/neighbour loss/.test(document.querySelector('[data-testid=legend]')?.textContent ?? ''),
  );
});

test('after panning the map away, "fit view" brings every point back', async () => {
  const canvas = await box('map-stage');
  const cx = canvas.x + canvas.width / 2;
  const cy = canvas.y + canvas.height / 2;
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  await page.mouse.move(cx + canvas.width * 0.45, cy + canvas.height * 0.4, { steps: 8 });
  await page.mouse.up();
  await page.waitForTimeout(200);
  const away = await pointsOnCanvas();
  assert.ok(away.inside < away.n * 0.8, `${away.inside} of ${away.n} still on the canvas after panning`);
  await page.getByTestId('fit-view').click();
  await page.waitForTimeout(200);
  const fitted = await pointsOnCanvas();
  assert.equal(fitted.inside, fitted.n);
  assert.deepEqual(app.pageErrors, []);
});
