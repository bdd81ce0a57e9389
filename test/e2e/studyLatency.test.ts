// The app keeps answering while a sweep runs: hover (the tooltip's row fetch), click-for-neighbours
// and metadata search, timed in the page through the session over the real WebSocket, while the
// compression study builds graphs on the sample; and a cancel from the job panel ends the study in
// under a second, mid graph build.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { startApp, type App } from './harness.js';

let app: App;
let page: Page;
const SWEEP = ['F32,Vamana(R=32,L=100)|W=40', 'LVQ8,Vamana(R=32,L=100)|W=40,rerank=40'];

before(async () => {
  app = await startApp({ viewport: { width: 1400, height: 900 } });
  page = app.page;
});

after(async () => {
  await app?.stop();
});

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
};

async function startSweep(): Promise<void> {
  if ((await page.getByTestId('sweep-text').count()) === 0) await page.getByTestId('lab-toggle').click();
  await page.getByTestId('sweep-text').fill(SWEEP.join('\n'));
  await page.getByTestId('lab-k').fill('10');
  await page.getByTestId('lab-query-set').selectOption('ood');
  await page.getByTestId('lab-max-queries').fill('200');
  await page.getByTestId('run-sweep').click();
}

interface Latencies {
  hover: number[];
  neighbours: number[];
  search: number[];
  /** Rounds that ended while the study job was building a graph. */
  duringGraph: number;
}

/**
 * Rounds of hover (the tooltip's row fetch), click (exact neighbours) and a metadata search, each timed
 * in the page from the call to its answer in the store; `rounds` of them, or while the sweep runs.
 */
function probe(rounds: number | null): Promise<Latencies> {
  return page.evaluate(async (limit) => {
    type Job = { label: string; status: string; stage: string };
    type S = {
      jobs: Job[];
      dataset: { id: string; n: number } | null;
      lab: { study: { running: boolean } | null };
    };
    const v = window.__vecscope as unknown as {
      store: { getState(): S };
      session: {
        hover(row: number | null): Promise<void>;
        click(row: number | null): Promise<void>;
        client: { call(m: string, p: unknown): { result: Promise<unknown> } };
      };
    };
    const study = () => v.store.getState().jobs.find((j) => j.label.startsWith('compression study'));
    const more = (i: number) =>
      limit === null ? (v.store.getState().lab.study?.running ?? true) : i < limit;
    const ds = v.store.getState().dataset!;
    const out = { hover: [] as number[], neighbours: [] as number[], search: [] as number[], duringGraph: 0 };
    const words = ['money', 'animal', 'plant', 'water', 'time', 'music', 'light', 'person'];
    for (let i = 0; more(i); i++) {
      const row = (i * 7919 + (limit === null ? 13 : 5003)) % ds.n;
      let t = performance.now();
      await v.session.hover(row);
      out.hover.push(performance.now() - t);
      t = performance.now();
      await v.session.click(row);
      out.neighbours.push(performance.now() - t);
      t = performance.now();
      await v.session.client.call('search', { dataset: ds.id, text: words[i % words.length] }).result;
      out.search.push(performance.now() - t);
      const j = study();
      if (j?.status === 'running' && /graph/.test(j.stage)) out.duringGraph++;
      await new Promise((r) => setTimeout(r, 20));
    }
    await v.session.hover(null);
    await v.session.click(null);
    return out;
  }, rounds);
}

const summary = (l: Latencies) => {
  const all = [...l.hover, ...l.neighbours, ...l.search];
  return (
    `${l.hover.length} rounds; p95 hover ${percentile(l.hover, 0.95).toFixed(1)} ms, neighbours ` +
    `${percentile(l.neighbours, 0.95).toFixed(1)} ms, search ${percentile(l.search, 0.95).toFixed(1)} ms; ` +
    `all: p50 ${percentile(all, 0.5).toFixed(1)}, p95 ${percentile(all, 0.95).toFixed(1)}, max ${Math.max(...all).toFixed(1)} ms`
  );
};

// The target is a p95 under 100 ms; where the page itself is slower than that with nothing running
// (software WebGL redrawing the map after each click on a loaded machine), the sweep may not add more
// than half of the idle p95 to it.
test('hover, neighbours and search answer in under 100 ms (p95) while a sweep builds graphs', async () => {
  await startSweep();
  const lat = await probe(null);
  const rows = page.getByTestId('study-row');
  assert.equal(await rows.count(), SWEEP.length);
  const idle = await probe(60);
  console.log(`during the sweep (${lat.duringGraph} rounds in a graph build): ${summary(lat)}`);
  console.log(`idle, after it: ${summary(idle)}`);
  const p95 = percentile([...lat.hover, ...lat.neighbours, ...lat.search], 0.95);
  const idleP95 = percentile([...idle.hover, ...idle.neighbours, ...idle.search], 0.95);
  assert.ok(lat.duringGraph >= 10, `only ${lat.duringGraph} rounds during a graph build`);
  assert.ok(
    p95 < Math.max(100, 1.5 * idleP95),
    `p95 ${p95.toFixed(1)} ms during the sweep, ${idleP95.toFixed(1)} ms idle`,
  );
  assert.deepEqual(app.pageErrors, []);
});

test('cancelling a sweep from the job panel ends it within a second, mid graph build', async () => {
  await startSweep();
  await page.waitForFunction(
    () => {
      const s = (
        window.__vecscope!.store as {
          getState(): { jobs: { label: string; status: string; stage: string; fraction: number }[] };
        }
      ).getState();
      const j = s.jobs.find((x) => x.label.startsWith('compression study') && x.status === 'running');
      return !!j && /graph/.test(j.stage) && j.fraction > 0.05;
    },
    null,
    { timeout: 120_000, polling: 20 },
  );
  const job = page.locator('[data-testid=job][data-status=running][data-label^="compression study"]');
  const t0 = Date.now();
  await job.getByTestId('job-cancel').click();
  await page
    .locator('[data-testid=job][data-status=cancelled][data-label^="compression study"]')
    .waitFor({ timeout: 5_000 });
  const ms = Date.now() - t0;
  console.log(`cancel took ${ms} ms (click to the job panel showing it cancelled)`);
  assert.ok(ms < 1000, `cancel took ${ms} ms`);
  assert.deepEqual(app.pageErrors, []);
});
