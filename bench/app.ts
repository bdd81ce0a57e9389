// App benchmark: time from launch to the first map of the sample, and frame and picking times for
// 100,000 and 1,000,000 synthetic points, in headless Chromium (software WebGL via SwiftShader here,
// so frame times are a CPU rasteriser's, not a GPU's). Writes bench/results/app.{md,json}.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { chromium, type Page } from 'playwright-core';

const root = resolve('.');
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--enable-unsafe-swiftshader',
];
const FRAMES = Number(process.env.VECSCOPE_BENCH_FRAMES ?? 20);
/** Synthetic set sizes for the frame times (VECSCOPE_BENCH_POINTS=100000,1000000; empty: none). */
const POINTS = (process.env.VECSCOPE_BENCH_POINTS ?? '100000,1000000')
  .split(',')
  .filter((x) => x.trim() !== '')
  .map(Number);

async function startWeb(source: string) {
  const proc = spawn(process.execPath, [join(root, 'bin/vecscope.js'), 'web', source, '--json'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((ok, fail) => {
    createInterface({ input: proc.stdout! }).once('line', ok);
    proc.once('exit', (c) => fail(new Error(`web mode exited with ${c}`)));
  });
  return { ...(JSON.parse(line) as { url: string }), stop: () => proc.kill('SIGTERM') };
}

const mapDrawn = `(() => {
  const stage = document.querySelector('[data-testid=map-stage]');
  const scene = window.__vecscope && window.__vecscope.scene;
  return Number(stage && stage.getAttribute('data-points')) > 0 && scene && scene.frames > 0;
})()`;

async function waitMap(page: Page, timeout: number): Promise<void> {
  await page.waitForFunction(mapDrawn, null, { timeout, polling: 20 });
}

function stats(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
  return { mean: xs.reduce((a, b) => a + b, 0) / xs.length, median: q(0.5), p95: q(0.95) };
}

interface FrameRow {
  points: number;
  view: string;
  loadAndLayoutMs: number;
  frameMeanMs: number;
  frameMedianMs: number;
  frameP95Ms: number;
  fps: number;
  pickMs: number;
}

/** The sweep whose graph builds the interaction latencies are measured during. */
const SWEEP = ['F32,Vamana(R=32,L=100)|W=40', 'LVQ8,Vamana(R=32,L=100)|W=40,rerank=40'];
const STUDY = `{ pipelines: ${JSON.stringify(SWEEP)}, k: 10, querySet: 'ood', maxQueries: 200 }`;

/**
 * In the page: rounds of hover (the tooltip's row fetch), click (exact neighbours) and a metadata
 * search, each timed from the call to its answer; `rounds` of them, or (null) while a study job of
 * SWEEP runs, started here.
 */
const INTERACT = `async (rounds) => {
  const v = window.__vecscope;
  const st = () => v.store.getState();
  const ds = st().dataset;
  const label = 'compression study (bench)';
  let running = rounds === null;
  const job = running
    ? v.session.job(label, 'study', { dataset: ds.id, ...${STUDY} }).then(() => { running = false; })
    : null;
  const out = { hover: [], neighbours: [], search: [], duringGraph: 0 };
  const words = ['money', 'animal', 'plant', 'water', 'time', 'music', 'light', 'person'];
  for (let i = 0; rounds === null ? running : i < rounds; i++) {
    const row = (i * 7919 + 13) % ds.n;
    let t = performance.now();
    await v.session.hover(row);
    out.hover.push(performance.now() - t);
    t = performance.now();
    await v.session.click(row);
    out.neighbours.push(performance.now() - t);
    t = performance.now();
    await v.session.client.call('search', { dataset: ds.id, text: words[i % words.length] }).result;
    out.search.push(performance.now() - t);
    const j = st().jobs.find((x) => x.label === label && x.status === 'running');
    if (j && /graph/.test(j.stage)) out.duringGraph++;
    await new Promise((r) => setTimeout(r, 20));
  }
  await v.session.hover(null);
  await v.session.click(null);
  if (job) await job;
  return out;
}`;

/** In the page: starts a study job of SWEEP, cancels it once a graph build is under way, and times it. */
const CANCEL = `async () => {
  const v = window.__vecscope;
  const st = () => v.store.getState();
  const label = 'compression study (bench cancel)';
  const done = v.session.job(label, 'study', { dataset: st().dataset.id, ...${STUDY} });
  const running = () => st().jobs.find((x) => x.label === label && x.status === 'running');
  for (let j = running(); !(j && /graph/.test(j.stage) && j.fraction > 0.05); j = running())
    await new Promise((r) => setTimeout(r, 10));
  const id = running().id;
  const t = performance.now();
  v.session.cancelJob(id);
  await done;
  return { ms: performance.now() - t, status: st().jobs.find((x) => x.id === id).status };
}`;

interface Latencies {
  hover: number[];
  neighbours: number[];
  search: number[];
  duringGraph: number;
}

interface InteractionRow {
  when: string;
  rounds: number;
  duringGraph: number | null;
  hoverP50Ms: number;
  hoverP95Ms: number;
  neighboursP50Ms: number;
  neighboursP95Ms: number;
  searchP50Ms: number;
  searchP95Ms: number;
  allP95Ms: number;
}

function interactionRow(when: string, l: Latencies, sweep: boolean): InteractionRow {
  const h = stats(l.hover);
  const nb = stats(l.neighbours);
  const se = stats(l.search);
  return {
    when,
    rounds: l.hover.length,
    duringGraph: sweep ? l.duringGraph : null,
    hoverP50Ms: h.median,
    hoverP95Ms: h.p95,
    neighboursP50Ms: nb.median,
    neighboursP95Ms: nb.p95,
    searchP50Ms: se.median,
    searchP95Ms: se.p95,
    allP95Ms: stats([...l.hover, ...l.neighbours, ...l.search]).p95,
  };
}

async function main(): Promise<void> {
  const profile = mkdtempSync(join(tmpdir(), 'vecscope-bench-'));
  const results: {
    launch: Record<string, number>;
    interaction: InteractionRow[];
    cancelMs: number | null;
    frames: FrameRow[];
  } = { launch: {}, interaction: [], cancelMs: null, frames: [] };

  // ---- launch to first map, sample ----
  const t0 = performance.now();
  const web = await startWeb('sample');
  const tServer = performance.now();
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ARGS,
    viewport: { width: 1280, height: 800 },
    // The probes below are strings (this file has no DOM types); the app's CSP forbids eval.
    bypassCSP: true,
  });
  const tBrowser = performance.now();
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(web.url);
  await waitMap(page, 120_000);
  const tMap = performance.now();
  results.launch = {
    serverReadyMs: tServer - t0,
    browserLaunchMs: tBrowser - tServer,
    pageToFirstMapMs: tMap - tBrowser,
    totalMs: tMap - t0,
  };
  console.log('launch', results.launch);

  // ---- hover, neighbours and search while a sweep runs, on the sample ----
  await page.waitForTimeout(2000);
  const idle = (await page.evaluate(`(${INTERACT})(60)`)) as Latencies;
  results.interaction.push(interactionRow('idle', idle, false));
  const during = (await page.evaluate(`(${INTERACT})(null)`)) as Latencies;
  results.interaction.push(interactionRow('during the sweep', during, true));
  console.log('interaction', results.interaction);
  const cancel = (await page.evaluate(`(${CANCEL})()`)) as { ms: number; status: string };
  if (cancel.status !== 'cancelled') throw new Error(`the cancelled study ended as ${cancel.status}`);
  results.cancelMs = cancel.ms;
  console.log('cancel', cancel);

  // ---- frame times: synthetic points ----
  for (const n of POINTS) {
    const t = performance.now();
    await page.evaluate(`window.__vecscope.session.open('synthetic:${n}:16:20:1')`);
    await page.waitForFunction(
      `(() => { const s = window.__vecscope.store.getState(); return s.dataset && s.dataset.n === ${n} && s.layouts['pca:2'] && s.layouts['pca:2'].final; })()`,
      null,
      { timeout: 300_000, polling: 50 },
    );
    await page.waitForFunction(
      `document.querySelector('[data-testid=map-stage]').getAttribute('data-points') === '${n}'`,
      null,
      {
        timeout: 60_000,
      },
    );
    await page.waitForTimeout(300);
    const loadAndLayoutMs = performance.now() - t;
    for (const view of ['2-D', '3-D']) {
      if (view === '3-D') {
        await page.evaluate(`window.__vecscope.session.setLayout('pca', 3)`);
        await page.waitForFunction(
          `(() => { const l = window.__vecscope.store.getState().layouts['pca:3']; return l && l.final; })()`,
          null,
          { timeout: 300_000 },
        );
        await page.waitForTimeout(1000);
      }
      const times = (await page.evaluate(`window.__vecscope.scene.measureFrames(${FRAMES})`)) as number[];
      const pick = (await page.evaluate(`(() => {
        const s = window.__vecscope.scene; const ts = [];
        for (let i = 0; i < 5; i++) { s.screen = null; const t = performance.now(); s.pick(300 + i, 300); ts.push(performance.now() - t); }
        return ts;
      })()`)) as number[];
      const f = stats(times.slice(2));
      const row: FrameRow = {
        points: n,
        view,
        loadAndLayoutMs,
        frameMeanMs: f.mean,
        frameMedianMs: f.median,
        frameP95Ms: f.p95,
        fps: 1000 / f.median,
        pickMs: stats(pick).median,
      };
      results.frames.push(row);
      console.log(row);
    }
    await page.evaluate(`window.__vecscope.session.setLayout('pca', 2)`);
  }

  await context.close();
  web.stop();
  rmSync(profile, { recursive: true, force: true });

  const gl = 'Chromium headless, WebGL through SwiftShader (software rendering on the CPU, no GPU)';
  const md = [
    '# App benchmark',
    '',
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, shared with other jobs (load average ${loadavg()[0]!.toFixed(1)} at the end of the run: timings are noisy). ${gl}. Viewport 1280 × 800. "Open + PCA layout" waits behind whatever the compute thread is still doing for the previous data set (its analysis).`,
    '',
    '## Launch to first map (the sample: 10,000 × 512)',
    '',
    '| step | ms |',
    '|---|---:|',
    `| web mode ready (process start, engine host) | ${results.launch.serverReadyMs!.toFixed(0)} |`,
    `| Chromium launched | ${results.launch.browserLaunchMs!.toFixed(0)} |`,
    `| page load → sample opened → PCA layout → first frame | ${results.launch.pageToFirstMapMs!.toFixed(0)} |`,
    `| **total** | **${results.launch.totalMs!.toFixed(0)}** |`,
    '',
    '## Hover, neighbours and search while a sweep runs (the sample)',
    '',
    `Timed in the page from the call to the answer over the WebSocket: hover = the tooltip's row fetch, neighbours = a click's exact 10-NN, search = a metadata text search; 20 ms between rounds. The sweep is one study job of ${SWEEP.map((p) => '`' + p + '`').join(' and ')} (200 OOD queries), which runs on the engine's study thread and builds its graphs on worker threads; "in a graph build" counts the rounds that ended while a graph was being built. Target: p95 under 100 ms.`,
    '',
    '| when | rounds (in a graph build) | hover p50 / p95, ms | neighbours p50 / p95, ms | search p50 / p95, ms | all p95, ms |',
    '|---|---:|---:|---:|---:|---:|',
    ...results.interaction.map(
      (r) =>
        `| ${r.when} | ${r.rounds}${r.duringGraph === null ? '' : ` (${r.duringGraph})`} | ${r.hoverP50Ms.toFixed(1)} / ${r.hoverP95Ms.toFixed(1)} | ${r.neighboursP50Ms.toFixed(1)} / ${r.neighboursP95Ms.toFixed(1)} | ${r.searchP50Ms.toFixed(1)} / ${r.searchP95Ms.toFixed(1)} | ${r.allP95Ms.toFixed(1)} |`,
    ),
    '',
    `Cancel: from the call to the job ending as cancelled, mid graph build: ${results.cancelMs!.toFixed(0)} ms.`,
    '',
    '## Frame time (software rendering)',
    '',
    `Each frame: camera nudged, whole scene drawn, then a 1-pixel read waits for the rasteriser; ${FRAMES} frames, the first 2 dropped. Picking = the hover test over every point on the CPU after a camera change.`,
    '',
    '| points | view | open + PCA layout, ms | frame mean, ms | median | p95 | fps (median) | pick, ms |',
    '|---:|---|---:|---:|---:|---:|---:|---:|',
    ...results.frames.map(
      (r) =>
        `| ${r.points.toLocaleString('en')} | ${r.view} | ${r.loadAndLayoutMs.toFixed(0)} | ${r.frameMeanMs.toFixed(1)} | ${r.frameMedianMs.toFixed(1)} | ${r.frameP95Ms.toFixed(1)} | ${r.fps.toFixed(1)} | ${r.pickMs.toFixed(1)} |`,
    ),
    '',
    'On a machine with a GPU the same draw call is one vertex per point through a trivial shader; these numbers are an upper bound set by SwiftShader.',
    '',
  ].join('\n');
  mkdirSync(join(root, 'bench/results'), { recursive: true });
  writeFileSync(join(root, 'bench/results/app.md'), md);
  writeFileSync(
    join(root, 'bench/results/app.json'),
    JSON.stringify({ renderer: gl, ...results }, null, 2) + '\n',
  );
  console.log(md);
}

await main();
