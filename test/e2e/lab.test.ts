// The compression lab in headless Chromium against web mode, on the built-in sample: a small sweep
// with progress, the Pareto charts, selection repainting the map, exports, and queries on the map.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { after, before, test } from 'node:test';
import type { Download, Page } from 'playwright-core';
import { countNonBackground, decodePng, startApp, type App } from './harness.js';

let app: App;
let page: Page;
const PIPELINES = ['F32,Flat', 'PCA64,SQ8,Flat', 'PCA32,LVQ8,Flat'];

before(async () => {
  app = await startApp({ viewport: { width: 1600, height: 1000 } });
  page = app.page;
});

after(async () => {
  await app?.stop();
});

interface LabSnapshot {
  running: boolean;
  rows: number;
  fraction: number | null;
}

/** Splits one CSV line (RFC 4180 quoting, no embedded newlines). */
function csvCells(line: string): string[] {
  const out: string[] = [];
  const re = /("(?:[^"]|"")*"|[^,]*)(,|$)/g;
  // Every match ends at a comma or at the end of the line, so a trailing empty cell is read too.
  for (let m = re.exec(line); m; m = re.exec(line)) {
    const c = m[1]!;
    out.push(c.startsWith('"') ? c.slice(1, -1).replace(/""/g, '"') : c);
    if (m[2] === '') break;
  }
  return out;
}

async function downloaded(testid: string): Promise<{ name: string; bytes: Buffer }> {
  const [dl] = (await Promise.all([
    page.waitForEvent('download', { timeout: 20_000 }),
    page.getByTestId(testid).click(),
  ])) as [Download, unknown];
  const path = await dl.path();
  return { name: dl.suggestedFilename(), bytes: readFileSync(path) };
}

test('a small sweep runs with progress and streams its rows into the table', async () => {
  await page.getByTestId('lab-toggle').click();
  await page.getByTestId('sweep-text').fill(PIPELINES.join('\n'));
  await page.getByTestId('lab-k').fill('10');
  await page.getByTestId('lab-query-set').selectOption('ood');
  await page.getByTestId('lab-max-queries').fill('200');
  // Watch the store: progress of the study job, and rows arriving while it still runs.
  await page.evaluate(() => {
    type S = {
      lab: { study: { running: boolean; rows: unknown[] } | null };
      jobs: { label: string; fraction: number; status: string }[];
    };
    const store = window.__vecscope!.store as { subscribe(f: (s: S) => void): void };
    const seen: LabSnapshot[] = [];
    (window as unknown as { __labSeen: LabSnapshot[] }).__labSeen = seen;
    store.subscribe((s) => {
      const job = s.jobs.find((j) => j.label.startsWith('compression study') && j.status === 'running');
      seen.push({
        running: s.lab.study?.running ?? false,
        rows: s.lab.study?.rows.length ?? 0,
        fraction: job ? job.fraction : null,
      });
    });
  });
  await page.getByTestId('run-sweep').click();
  await page.waitForFunction(
    () => {
      const s = (
        window.__vecscope!.store as { getState(): { lab: { study: { running: boolean } | null } } }
      ).getState();
      return s.lab.study !== null && !s.lab.study.running;
    },
    null,
    { timeout: 180_000 },
  );
  const seen = await page.evaluate(() => (window as unknown as { __labSeen: LabSnapshot[] }).__labSeen);
  assert.ok(
    seen.some((x) => x.fraction !== null && x.fraction > 0 && x.fraction < 1),
    'the study job never showed progress between 0 and 1',
  );
  assert.ok(
    seen.some((x) => x.running && x.rows >= 1 && x.rows < PIPELINES.length),
    'rows did not stream in while the study ran',
  );
  const rows = page.getByTestId('study-row');
  assert.equal(await rows.count(), 3);
  const names = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-pipeline')));
  assert.deepEqual([...names].sort(), [...PIPELINES].sort());
  // The table sorts by recall, best first; the exact flat scan has recall 1.
  assert.equal(names[0], 'F32,Flat');
  await page.getByTestId('sort-bytesPerVector').click();
  const bySize = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-pipeline')));
  assert.equal(bySize[bySize.length - 1], 'F32,Flat');
  assert.deepEqual(app.pageErrors, []);
});

test('the frontier charts show every point, and clicking one repaints the map and the decomposition', async () => {
  for (const x of ['qps', 'bytes']) {
    const chart = page.getByTestId(`pareto-${x}`);
    assert.equal(await chart.getByTestId('pareto-point').count(), 3);
    // Points carry their pipeline as a label where it fits, so a chart reads without hovering.
    const labels = await chart.getByTestId('point-label').allTextContents();
    assert.ok(labels.length >= 1, `${x}: no point labels`);
    for (const l of labels) assert.ok(PIPELINES.includes(l), `${x}: label "${l}"`);
  }
  // On recall vs bytes, the exact scan (most recall) and the smallest pipeline are both on the frontier.
  assert.equal(await page.getByTestId('pareto-bytes').getByTestId('frontier').count(), 1);

  const selected = async () => (await page.getByTestId('selected-pipeline').innerText()).trim();
  const pick = async (name: string) => {
    await page.getByTestId('pareto-bytes').locator(`[data-pipeline="${name}"] circle`).click();
    await page.mouse.move(5, 5);
    await page.waitForFunction(
      (n) => document.querySelector('[data-testid=selected-pipeline]')?.textContent === n,
      name,
    );
  };
  await pick('F32,Flat');
  assert.equal(await selected(), 'F32,Flat');
  assert.equal(await page.getByTestId('decomp-recall').innerText(), '1.000');
  assert.match(await page.getByTestId('legend').innerText(), /neighbour loss/);
  const before = decodePng(await page.getByTestId('map-stage').screenshot());

  await pick('PCA32,LVQ8,Flat');
  assert.equal(await page.getByTestId('decomposition').getAttribute('data-pipeline'), 'PCA32,LVQ8,Flat');
  const recall = Number(await page.getByTestId('decomp-recall').innerText());
  const red = Number(await page.getByTestId('decomp-reduction').innerText());
  const quant = Number(await page.getByTestId('decomp-quantization').innerText());
  assert.ok(recall < 1 && recall > 0.2, `recall ${recall}`);
  // Reduction to 32 of 512 dimensions loses recall; the stages add up to 1 − recall (3 decimals).
  assert.ok(red > 0);
  assert.ok(Math.abs(recall + red + quant - 1) < 0.004, `${recall} + ${red} + ${quant}`);
  const after = decodePng(await page.getByTestId('map-stage').screenshot());
  let changed = 0;
  for (let i = 0; i < before.rgba.length; i += 4)
    if (Math.abs(before.rgba[i]! - after.rgba[i]!) + Math.abs(before.rgba[i + 1]! - after.rgba[i + 1]!) > 40)
      changed++;
  assert.ok(changed > 200, `only ${changed} pixels changed when the selection moved to a lossy pipeline`);
  // The table row and the other chart follow the selection.
  assert.equal(
    await page.locator('[data-testid=study-row].active').getAttribute('data-pipeline'),
    'PCA32,LVQ8,Flat',
  );
  assert.equal(
    await page.getByTestId('pareto-qps').locator('[data-active=true]').getAttribute('data-pipeline'),
    'PCA32,LVQ8,Flat',
  );
  // Memory at production size: 10 million vectors × bytes per vector.
  await page.getByTestId('memory-count').fill('1000000');
  const bytes = Number(await page.getByTestId('memory-total').getAttribute('data-bytes'));
  const table = await page
    .locator('[data-testid=study-row][data-pipeline="PCA32,LVQ8,Flat"] td')
    .allInnerTexts();
  assert.equal(bytes, Number(table[2]) * 1_000_000);
  assert.ok((await page.getByTestId('breakdown-row').count()) > 3, 'recall by lexical class is listed');
  assert.deepEqual(app.pageErrors, []);
});

test('exports are written and valid', async () => {
  const csv = await downloaded('export-csv');
  assert.equal(csv.name, 'study.csv');
  const lines = csv.bytes.toString('utf8').trimEnd().split(/\r?\n/);
  assert.equal(lines.length, 4);
  const header = csvCells(lines[0]!);
  assert.equal(header[0], 'pipeline');
  const ri = header.indexOf('recall');
  for (const l of lines.slice(1)) {
    const cells = csvCells(l);
    assert.equal(cells.length, header.length);
    assert.ok(PIPELINES.includes(cells[0]!), cells[0]);
    const r = Number(cells[ri]);
    assert.ok(r >= 0 && r <= 1);
  }
  const json = JSON.parse((await downloaded('export-json')).bytes.toString('utf8')) as {
    pipeline: string;
    recall: number;
    decomposition: { reduction: number };
  }[];
  assert.deepEqual(json.map((r) => r.pipeline).sort(), [...PIPELINES].sort());
  assert.ok(
    json.every((r) => r.recall >= 0 && r.recall <= 1 && typeof r.decomposition.reduction === 'number'),
  );

  // A pipeline FAISS can express, as engine configurations and its projection matrices.
  await page.locator('[data-testid=study-row][data-pipeline="PCA64,SQ8,Flat"]').click();
  await page.mouse.move(5, 5);
  assert.equal(await page.getByTestId('selected-pipeline').innerText(), 'PCA64,SQ8,Flat');
  assert.match(await page.getByTestId('faiss-factory').innerText(), /PCA64.*SQ8/);
  const faiss = JSON.parse((await downloaded('export-faiss')).bytes.toString('utf8')) as { factory: string };
  assert.match(faiss.factory, /PCA64/);
  for (const t of ['qdrant', 'weaviate', 'usearch']) {
    const b = page.getByTestId(`export-${t}`);
    if (await b.isEnabled()) {
      const cfg = JSON.parse((await downloaded(`export-${t}`)).bytes.toString('utf8')) as {
        pipeline: string;
      };
      assert.equal(cfg.pipeline, 'PCA64,SQ8,Flat');
    } else assert.match((await b.getAttribute('title')) ?? '', new RegExp(`^${t} has no equivalent`));
  }
  const npy = (await downloaded('export-npy-data')).bytes;
  assert.equal(npy.subarray(1, 6).toString('latin1'), 'NUMPY');
  const headerLen = npy.readUInt16LE(8);
  assert.match(npy.subarray(10, 10 + headerLen).toString('latin1'), /'shape': \(512, 64\)/);
  assert.equal(npy.length - 10 - headerLen, 512 * 64 * 4);

  const svg = (await downloaded('export-svg-bytes')).bytes.toString('utf8');
  assert.match(svg, /^<svg /);
  assert.match(svg, /<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  assert.equal((svg.match(/<circle/g) ?? []).length, 3);

  const chartPng = decodePng((await downloaded('export-png-qps')).bytes);
  assert.equal(chartPng.width, 720);
  assert.ok(countNonBackground(chartPng) > 1000);
  const mapPng = decodePng((await downloaded('export-map')).bytes);
  assert.ok(mapPng.width > 100 && countNonBackground(mapPng) > 1000);
  await page.screenshot({ path: `${tmpdir()}/vecscope-e2e-lab.png` });
  assert.deepEqual(app.pageErrors, []);
});

test('the queries sit on the map with OOD scores; one query shows exact and compressed neighbours', async () => {
  const overlay = page.getByTestId('query-overlay');
  await overlay.waitFor({ timeout: 60_000 });
  assert.equal(await overlay.getAttribute('data-queries'), '200');
  assert.ok((await page.getByTestId('query-mark').count()) > 150);
  const ood = await page.evaluate(() => {
    const s = (
      window.__vecscope!.store as { getState(): { lab: { queries: { result: { ood: Float32Array } } } } }
    ).getState();
    return Array.from(s.lab.queries.result.ood);
  });
  assert.equal(ood.length, 200);
  assert.ok(ood.every((v) => Number.isFinite(v) && v > 0));
  assert.match(await page.getByTestId('ood-summary').innerText(), /OOD score/);

  await page.getByTestId('query-pick').first().click();
  const detail = page.getByTestId('query-detail');
  await detail.waitFor();
  const q = Number(await detail.getAttribute('data-query'));
  assert.equal(await detail.getByTestId('exact-neighbours').locator('li').count(), 10);
  const compressed = detail.getByTestId('compressed-neighbours').locator('li');
  assert.equal(await compressed.count(), 10);
  const hits = await detail.getByTestId('compressed-neighbours').locator('li.hit').count();
  const perQuery = await page.evaluate((q) => {
    const s = (
      window.__vecscope!.store as {
        getState(): {
          lab: { selected: string; study: { rows: { pipeline: string; perQueryRecall: Float32Array }[] } };
        };
      }
    ).getState();
    return s.lab.study.rows.find((r) => r.pipeline === s.lab.selected)!.perQueryRecall[q]!;
  }, q);
  assert.equal(hits, Math.round(perQuery * 10));
  // The most out-of-distribution query is listed first.
  assert.equal(Math.max(...ood), ood[q]);
  assert.deepEqual(app.pageErrors, []);
});
