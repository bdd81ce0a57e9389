// A first sweep as a new user runs it: the lab opened and "run sweep" clicked with every default, on the
// sample and on the user's own file (which has none of the sample's query sets); then a pipeline that
// cannot run, which must cost only its own row, with an error in the app's words.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { Page } from 'playwright-core';
import { startApp } from './harness.js';

/** A float32 .npy file (format 1.0; the e2e tests build apart from core/). */
function npy(data: Float32Array, shape: number[]): Buffer {
  let header = `{'descr': '<f4', 'fortran_order': False, 'shape': (${shape.join(', ')}), }`;
  header = header.padEnd(Math.ceil((header.length + 11) / 64) * 64 - 11) + '\n';
  const head = Buffer.concat([
    Buffer.from([0x93]),
    Buffer.from('NUMPY'),
    Buffer.from([1, 0]),
    Buffer.from(Uint16Array.of(header.length).buffer),
    Buffer.from(header, 'latin1'),
  ]);
  return Buffer.concat([head, Buffer.from(data.buffer, data.byteOffset, data.byteLength)]);
}

const cleanups: (() => Promise<void> | void)[] = [];
after(async () => {
  for (const c of cleanups.reverse()) await c();
});

interface LabView {
  running: boolean;
  rows: { pipeline: string; recall: number | null; error: string | null }[];
  errors: string[];
  querySet: string | null;
  metric: string | null;
}

async function start(source: string, extra: string[] = []): Promise<Page> {
  const app = await startApp({ source, extra, viewport: { width: 1600, height: 1000 } });
  cleanups.push(() => app.stop());
  cleanups.push(() => assert.deepEqual(app.pageErrors, [], `page errors on ${source}`));
  await app.page.getByTestId('lab-toggle').click();
  return app.page;
}

/** Clicks "run sweep" and waits for that study to end (or to fail before it starts). */
async function runSweep(page: Page): Promise<LabView> {
  type Store = { getState(): { lab: { study: { running: boolean } | null } } };
  await page.evaluate(() => {
    const w = window as unknown as { __before: unknown };
    w.__before = (window.__vecscope!.store as Store).getState().lab.study;
  });
  await page.getByTestId('run-sweep').click();
  // Every study action makes a new study object: a different one that is not running is this sweep's end.
  await page.waitForFunction(
    () => {
      const study = (window.__vecscope!.store as Store).getState().lab.study;
      return (
        study !== null && study !== (window as unknown as { __before: unknown }).__before && !study.running
      );
    },
    null,
    { timeout: 180_000 },
  );
  return page.evaluate(() => {
    type S = {
      lab: {
        study: {
          running: boolean;
          rows: { pipeline: string; recall: number; error?: string }[];
          querySet: string;
        } | null;
      };
      errors: string[];
    };
    const s = (window.__vecscope!.store as { getState(): S }).getState();
    return {
      running: s.lab.study?.running ?? false,
      rows: (s.lab.study?.rows ?? []).map((r) => ({
        pipeline: r.pipeline,
        recall: Number.isFinite(r.recall) ? r.recall : null,
        error: r.error ?? null,
      })),
      errors: s.errors,
      querySet: s.lab.study?.querySet ?? null,
      metric: (document.querySelector('[data-testid=lab-metric]') as HTMLSelectElement | null)?.value ?? null,
    };
  });
}

const DEFAULT_SWEEP = ['F32,Flat', 'PCA64,SQ8,Flat', 'PCA32,LVQ8,Flat'];

test('a first sweep with every default succeeds on the sample', async () => {
  const page = await start('sample');
  assert.equal(await page.getByTestId('lab-metric').inputValue(), 'ip');
  const view = await runSweep(page);
  assert.deepEqual(view.errors, []);
  assert.equal(view.querySet, 'ood');
  assert.deepEqual(view.rows.map((r) => r.pipeline).sort(), [...DEFAULT_SWEEP].sort());
  for (const r of view.rows) assert.ok(r.error === null && r.recall !== null && r.recall > 0.3, r.pipeline);
  assert.equal(await page.getByTestId('study-row').count(), 3);
});

test("a first sweep with every default succeeds on the user's own file; a bad pipeline costs only its row", async () => {
  // 2,000 rows of 96-d vectors with no queries of their own and rows of norm far from 1 (so l2).
  const dir = mkdtempSync(join(tmpdir(), 'vecscope-first-sweep-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const n = 2_000;
  const dim = 96;
  const data = new Float32Array(n * dim);
  let seed = 7;
  const rand = () => ((seed = (seed * 1_103_515_245 + 12_345) >>> 0) / 2 ** 32) * 2 - 1;
  for (let i = 0; i < n; i++) {
    const centre = (i % 5) * 3;
    for (let j = 0; j < dim; j++) data[i * dim + j] = (j % 5 === i % 5 ? centre : 0) + rand() * (1 + (j % 7));
  }
  const file = join(dir, 'mine.npy');
  writeFileSync(file, npy(data, [n, dim]));
  const page = await start(file);

  // The query set shown is one this file has (the sample's sets are disabled), and the metric its guess.
  assert.equal(await page.getByTestId('lab-query-set').inputValue(), 'base');
  assert.equal(await page.getByTestId('lab-metric').inputValue(), 'l2');
  const first = await runSweep(page);
  assert.deepEqual(first.errors, []);
  assert.equal(first.querySet, 'base');
  assert.deepEqual(first.rows.map((r) => r.pipeline).sort(), [...DEFAULT_SWEEP].sort());
  for (const r of first.rows) assert.ok(r.error === null && r.recall !== null, r.pipeline);

  // LeanVec-OOD under l2 cannot run: its row says so in the app's words, the others are measured.
  await page.getByTestId('sweep-text').fill(['F32,Flat', 'LeanVecOOD32,F32,Flat', 'SQ8,Flat'].join('\n'));
  const second = await runSweep(page);
  assert.deepEqual(second.errors, []);
  const lean = second.rows.find((r) => r.pipeline === 'LeanVecOOD32,F32,Flat')!;
  assert.match(lean.error!, /LeanVec-OOD models inner products, not l2 distances/);
  assert.doesNotMatch(lean.error!, /--|leanvec-ood/);
  for (const p of ['F32,Flat', 'SQ8,Flat']) {
    const r = second.rows.find((x) => x.pipeline === p)!;
    assert.ok(r.error === null && r.recall !== null && r.recall > 0.5, p);
  }
  const failedRow = page.locator('[data-testid=study-row][data-failed=true]');
  assert.equal(await failedRow.count(), 1);
  assert.match((await failedRow.textContent()) ?? '', /LeanVec-OOD models inner products/);
  await failedRow.click();
  assert.match(
    (await page.getByTestId('selected-error').textContent()) ?? '',
    /could not be measured: .*LeanVec-OOD/,
  );

  // The metric can be changed in the lab: under ip the same pipeline runs.
  await page.getByTestId('lab-metric').selectOption('ip');
  const third = await runSweep(page);
  assert.deepEqual(third.errors, []);
  assert.equal(third.metric, 'ip');
  for (const r of third.rows) assert.ok(r.error === null && r.recall !== null, `${r.pipeline}: ${r.error}`);
});

test("the user's own query file (with texts) is the lab's query set, and the query panel names its queries", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vecscope-query-file-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const n = 1_500;
  const dim = 32;
  let seed = 11;
  const rand = () => ((seed = (seed * 1_103_515_245 + 12_345) >>> 0) / 2 ** 32) * 2 - 1;
  const rows = (count: number) => Float32Array.from({ length: count * dim }, rand);
  writeFileSync(join(dir, 'base.npy'), npy(rows(n), [n, dim]));
  writeFileSync(join(dir, 'queries.npy'), npy(rows(60), [60, dim]));
  writeFileSync(
    join(dir, 'queries.tsv'),
    ['question', ...Array.from({ length: 60 }, (_, i) => `what is thing ${i}?`)].join('\n'),
  );
  writeFileSync(join(dir, 'wide.npy'), npy(rows(4).subarray(0, 4 * 8), [4, 8]));
  // Web mode reads only what it was started with: the base, and the folder holding the query files.
  const page = await start(join(dir, 'base.npy'), [dir]);
  await page.locator('details.query-file summary').click();

  // A file of another width: one line, and the lab keeps its base-row queries.
  await page.getByTestId('query-file-path').fill(join(dir, 'wide.npy'));
  await page.getByTestId('attach-queries').click();
  await page
    .getByText(/wide\.npy.*(8-d|8 dimensions)/)
    .first()
    .waitFor({ timeout: 15_000 });
  assert.equal(await page.getByTestId('lab-query-set').inputValue(), 'base');

  await page.getByTestId('query-file-path').fill(join(dir, 'queries.npy'));
  await page.getByTestId('attach-queries').click();
  await page.getByTestId('query-file-status').waitFor({ timeout: 15_000 });
  assert.match(
    await page.getByTestId('query-file-status').innerText(),
    /60 queries from queries\.npy, named by "question"/,
  );
  assert.equal(await page.getByTestId('lab-query-set').inputValue(), 'file');
  await page.getByTestId('sweep-text').fill('F32,Flat\nSQ8,Flat');
  const view = await runSweep(page);
  assert.equal(view.querySet, 'file');
  for (const r of view.rows) assert.ok(r.error === null && r.recall !== null, `${r.pipeline}: ${r.error}`);
  // The query panel lists the file's own texts, not "query 12".
  await page.getByTestId('query-pick').first().waitFor({ timeout: 60_000 });
  const titles = await page
    .getByTestId('query-pick')
    .evaluateAll((els) => els.map((e) => e.getAttribute('title')));
  assert.ok(
    titles.length > 0 && titles.every((t) => /^what is thing \d+\?$/.test(t ?? '')),
    titles.join(' | '),
  );

  // A reload restores the last workspace, and with it the query file (attached again on the engine).
  await page.waitForTimeout(2_500);
  await page.reload();
  await page.waitForFunction(
    () => {
      const s = (
        window.__vecscope!.store as {
          getState(): {
            dataset: { id: string } | null;
            lab: { querySet: string; queryFile: { datasetId: string; n: number } | null };
          };
        }
      ).getState();
      return (
        s.lab.querySet === 'file' && s.lab.queryFile?.n === 60 && s.lab.queryFile.datasetId === s.dataset?.id
      );
    },
    undefined,
    { timeout: 30_000 },
  );
});
