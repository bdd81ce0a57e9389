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

async function main(): Promise<void> {
  const profile = mkdtempSync(join(tmpdir(), 'vecscope-bench-'));
  const results: { launch: Record<string, number>; frames: FrameRow[] } = { launch: {}, frames: [] };

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

  // ---- frame times: synthetic points ----
  for (const n of [100_000, 1_000_000]) {
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
