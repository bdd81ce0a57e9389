// Work survives a reload in web mode (the last workspace, restored from the browser's storage), a
// workspace saved to a file opens again, and a selection exports as CSV and .npy; search matches can
// become the selection.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Download, Page } from 'playwright-core';
import { startApp, waitForMap, type App } from './harness.js';

let app: App;
let page: Page;

before(async () => {
  app = await startApp({ viewport: { width: 1600, height: 1000 } });
  page = app.page;
});

after(async () => {
  await app?.stop();
});

interface Snapshot {
  selection: number[];
  colorBy: string;
  pointSize: number;
  searchText: string;
  rows: string[];
  selected: string | null;
  jobs: string[];
}

const snapshot = () =>
  page.evaluate((): Snapshot => {
    const s = (
      window.__vecscope!.store as {
        getState(): {
          selection: Int32Array | null;
          colorBy: { kind: string; name?: string };
          pointSize: number;
          searchText: string;
          lab: { study: { rows: { pipeline: string }[] } | null; selected: string | null };
          jobs: { label: string }[];
        };
      }
    ).getState();
    return {
      selection: s.selection ? Array.from(s.selection) : [],
      colorBy: `${s.colorBy.kind}:${s.colorBy.name ?? ''}`,
      pointSize: s.pointSize,
      searchText: s.searchText,
      rows: s.lab.study ? s.lab.study.rows.map((r) => r.pipeline) : [],
      selected: s.lab.selected,
      jobs: s.jobs.map((j) => j.label),
    };
  });

async function downloaded(testid: string): Promise<{ name: string; bytes: Buffer }> {
  const [dl] = (await Promise.all([
    page.waitForEvent('download', { timeout: 20_000 }),
    page.getByTestId(testid).click(),
  ])) as [Download, unknown];
  return { name: dl.suggestedFilename(), bytes: readFileSync(await dl.path()) };
}

let saved: Snapshot;

test('search matches become the selection, which exports as CSV rows and an .npy of ids', async () => {
  await page.getByTestId('search').fill('bird');
  await page.getByTestId('select-matches').waitFor({ timeout: 10_000 });
  const matches = Number((await page.getByTestId('search-count').innerText()).replace(/[^0-9]/g, ''));
  assert.ok(matches > 0);
  await page.getByTestId('select-matches').click();
  await page.getByTestId('selection-count').waitFor();
  assert.equal(Number((await page.getByTestId('selection-count').innerText()).replace(/,/g, '')), matches);

  const csv = await downloaded('export-selection-csv');
  assert.equal(csv.name, 'selection.csv');
  const lines = csv.bytes.toString('utf8').split('\r\n');
  assert.match(lines[0]!, /^row,/);
  assert.equal(lines.length, matches + 2);
  assert.ok(
    lines.slice(1, -1).every((l) => /bird/i.test(l)),
    'every exported row matches the search',
  );

  const npy = await downloaded('export-selection-npy');
  assert.equal(npy.name, 'selection.npy');
  assert.equal(npy.bytes.subarray(1, 6).toString('latin1'), 'NUMPY');
  assert.match(npy.bytes.toString('latin1', 10, 80), new RegExp(`'shape': \\(${matches},\\)`));
  const end = npy.bytes.byteOffset + npy.bytes.length;
  const ids = new Int32Array(npy.bytes.buffer.slice(end - matches * 4, end));
  assert.deepEqual(Array.from(ids), (await snapshot()).selection);
});

test('a reload brings back the file, view, selection and a finished study without recomputing them', async () => {
  await page.getByTestId('color-by').selectOption({ index: 1 });
  await page.evaluate(() =>
    (window.__vecscope!.store as { dispatch(a: object): void }).dispatch({
      type: 'setPointStyle',
      pointSize: 6,
    }),
  );
  await page.getByTestId('lab-toggle').click();
  await page.getByTestId('sweep-text').fill('F32,Flat\nPCA32,SQ8,Flat');
  await page.getByTestId('lab-max-queries').fill('30');
  await page.getByTestId('run-sweep').click();
  await page.waitForFunction(
    () => {
      const s = (
        window.__vecscope!.store as { getState(): { lab: { study: { running: boolean } | null } } }
      ).getState();
      return s.lab.study !== null && !s.lab.study.running;
    },
    null,
    { timeout: 120_000 },
  );
  saved = await snapshot();
  assert.equal(saved.rows.length, 2);
  // The workspace is saved a moment after the last change.
  await page.waitForTimeout(2500);

  await page.reload();
  await waitForMap(page);
  await page.waitForFunction(
    (n) => {
      const s = (
        window.__vecscope!.store as { getState(): { lab: { study: { rows: unknown[] } | null } } }
      ).getState();
      return (s.lab.study?.rows.length ?? 0) === n;
    },
    saved.rows.length,
    { timeout: 30_000 },
  );
  const back = await snapshot();
  assert.deepEqual(back.selection, saved.selection);
  assert.equal(back.colorBy, saved.colorBy);
  assert.equal(back.pointSize, 6);
  assert.equal(back.searchText, 'bird');
  assert.deepEqual(back.rows, saved.rows);
  assert.equal(back.selected, saved.selected);
  // Nothing was computed again: no map job and no study job after the reload.
  assert.ok(!back.jobs.some((j) => /-D map|compression study/.test(j)), back.jobs.join('; '));
  assert.equal(await page.getByTestId('study-row').count(), 2);
  assert.equal(
    await page.getByTestId('selection-count').innerText(),
    saved.selection.length.toLocaleString('en'),
  );
});

test('a saved workspace file opens again; a file that is no workspace says so in one line', async () => {
  const file = await downloaded('save-workspace');
  assert.equal(file.name, 'sample.vecscope.json');
  const ws = JSON.parse(file.bytes.toString('utf8')) as {
    vecscope: string;
    version: number;
    dataset: { source: string };
  };
  assert.equal(ws.vecscope, 'workspace');
  assert.equal(ws.dataset.source, 'sample');

  // Change the view, then open the file: the saved view comes back.
  await page.getByTestId('search').fill('');
  await page.evaluate(() =>
    (window.__vecscope!.store as { dispatch(a: object): void }).dispatch({ type: 'select', rows: null }),
  );
  await page.getByTestId('open-workspace-file').setInputFiles({
    name: 'sample.vecscope.json',
    mimeType: 'application/json',
    buffer: file.bytes,
  });
  await page.waitForFunction(
    (n) => {
      const s = (window.__vecscope!.store as { getState(): { selection: Int32Array | null } }).getState();
      return s.selection?.length === n;
    },
    saved.selection.length,
    { timeout: 30_000 },
  );
  assert.deepEqual((await snapshot()).rows, saved.rows);

  // Saved and opened workspaces are listed under "Recent…", and one opens again from there.
  const recent = page.getByTestId('recent-workspaces');
  await recent.waitFor({ timeout: 10_000 });
  assert.ok((await recent.locator('option').allTextContents()).includes('sample.vecscope.json'));
  await page.evaluate(() =>
    (window.__vecscope!.store as { dispatch(a: object): void }).dispatch({ type: 'select', rows: null }),
  );
  await recent.selectOption('sample.vecscope.json');
  await page.waitForFunction(
    (n) => {
      const s = (window.__vecscope!.store as { getState(): { selection: Int32Array | null } }).getState();
      return s.selection?.length === n;
    },
    saved.selection.length,
    { timeout: 30_000 },
  );

  await page.getByTestId('open-workspace-file').setInputFiles({
    name: 'notes.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"rows": []}'),
  });
  const banner = page.getByText(/notes\.json: not a vecscope workspace/);
  await banner.waitFor({ timeout: 10_000 });
  assert.deepEqual(app.pageErrors, []);
  savedFile = file.bytes;
});

let savedFile: Buffer;

test('vecscope web --workspace opens a saved workspace in a fresh browser, without computing it again', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vecscope-ws-'));
  const path = join(dir, 'saved.vecscope.json');
  writeFileSync(path, savedFile);
  const app2 = await startApp({ extra: ['--workspace', path], viewport: { width: 1600, height: 1000 } });
  try {
    const page2 = app2.page;
    await page2.waitForFunction(
      (n) => {
        const s = (
          window.__vecscope!.store as {
            getState(): { selection: Int32Array | null; lab: { study: { rows: unknown[] } | null } };
          }
        ).getState();
        return s.selection?.length === n && (s.lab.study?.rows.length ?? 0) === 2;
      },
      saved.selection.length,
      { timeout: 30_000 },
    );
    const jobs = await page2.evaluate(() =>
      (window.__vecscope!.store as { getState(): { jobs: { label: string }[] } })
        .getState()
        .jobs.map((j) => j.label),
    );
    assert.ok(!jobs.some((j) => /-D map|compression study/.test(j)), jobs.join('; '));
  } finally {
    await app2.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
