// Shared pieces of the end-to-end tests: web mode as a child process, Debian's headless Chromium via
// playwright-core, a PNG decoder for screenshots, and handles into the page's app.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { inflateSync } from 'node:zlib';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const repoRoot = resolve('.');

export interface WebMode {
  url: string;
  port: number;
  token: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Starts `vecscope web --json` (test hooks on) and waits for its URL. */
export async function startWebMode(source = 'sample', extra: string[] = []): Promise<WebMode> {
  const proc = spawn(
    process.execPath,
    [join(repoRoot, 'bin/vecscope.js'), 'web', source, '--json', '--test-hooks', ...extra],
    {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  proc.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const line = await new Promise<string>((ok, fail) => {
    const rl = createInterface({ input: proc.stdout! });
    rl.once('line', ok);
    proc.once('exit', (code) => fail(new Error(`web mode exited (${code}): ${stderr}`)));
    setTimeout(() => fail(new Error(`web mode did not start: ${stderr}`)), 20_000);
  });
  const info = JSON.parse(line) as { url: string; port: number; token: string };
  return {
    ...info,
    process: proc,
    stop: async () => {
      if (proc.exitCode !== null) return;
      const done = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGTERM');
      await done;
    },
  };
}

const CHROMIUM_ARGS = [
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

interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Debian's Chromium (or $CHROMIUM_PATH), headless, WebGL through SwiftShader, a fresh profile. */
async function launchChromium(viewport = { width: 1280, height: 800 }): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'vecscope-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Opens the app and waits until the map has drawn `n` points. */
export async function openApp(page: Page, url: string, timeout = 60_000): Promise<void> {
  await page.goto(url);
  await waitForMap(page, timeout);
}

export interface App {
  web: WebMode;
  browser: Browser;
  page: Page;
  /** Uncaught errors in the page since before it loaded. */
  pageErrors: string[];
  stop(): Promise<void>;
}

/**
 * Web mode on `source` (`extra`: more arguments for `vecscope web`, such as the folders it may open),
 * Chromium on its URL, and the app's map drawn. A start that fails stops what it had started: the
 * caller's `after` gets no App to stop, and a web-mode process left behind would keep the test run alive.
 */
export async function startApp(
  opts: {
    source?: string;
    extra?: string[];
    viewport?: { width: number; height: number };
    timeout?: number;
  } = {},
): Promise<App> {
  const web = await startWebMode(opts.source, opts.extra);
  let browser: Browser | undefined;
  const stop = async () => {
    try {
      await browser?.close();
    } finally {
      await web.stop();
    }
  };
  try {
    browser = await launchChromium(opts.viewport);
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await openApp(page, web.url, opts.timeout);
    return { web, browser, page, pageErrors, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

export async function waitForMap(page: Page, timeout = 60_000): Promise<void> {
  await page.waitForFunction(
    () => {
      const stage = document.querySelector('[data-testid=map-stage]');
      const scene = window.__vecscope?.scene as { frames: number } | undefined;
      return Number(stage?.getAttribute('data-points')) > 0 && (scene?.frames ?? 0) > 0;
    },
    null,
    { timeout },
  );
}

/** A row drawn with no other point within `radius` pixels, and where it is (page coordinates). */
export async function isolatedRow(page: Page, radius = 12): Promise<{ row: number; x: number; y: number }> {
  const found = await page.evaluate((radius) => {
    const scene = window.__vecscope!.scene as { screenPositions(): Float32Array };
    const s = scene.screenPositions();
    const canvas = document.querySelector('.map-canvas')!.getBoundingClientRect();
    const n = s.length / 2;
    // Grid buckets, so the search is linear.
    const cell = radius;
    const grid = new Map<string, number[]>();
    for (let i = 0; i < n; i++) {
      const key = `${Math.floor(s[2 * i]! / cell)},${Math.floor(s[2 * i + 1]! / cell)}`;
      (grid.get(key) ?? grid.set(key, []).get(key)!).push(i);
    }
    for (let i = 0; i < n; i++) {
      const x = s[2 * i]!;
      const y = s[2 * i + 1]!;
      if (!(x > 40 && y > 40 && x < canvas.width - 400 && y < canvas.height - 40)) continue;
      const cx = Math.floor(x / cell);
      const cy = Math.floor(y / cell);
      let alone = true;
      for (let dx = -1; dx <= 1 && alone; dx++) {
        for (let dy = -1; dy <= 1 && alone; dy++) {
          for (const j of grid.get(`${cx + dx},${cy + dy}`) ?? []) {
            if (j !== i && Math.hypot(s[2 * j]! - x, s[2 * j + 1]! - y) < radius) alone = false;
          }
        }
      }
      if (alone) return { row: i, x: x + canvas.left, y: y + canvas.top };
    }
    return null;
  }, radius);
  if (!found) throw new Error('no isolated point on the map');
  return found;
}

/** Decodes an 8-bit, non-interlaced PNG (what Chromium's screenshots are) into RGBA pixels. */
export function decodePng(png: Buffer): { width: number; height: number; rgba: Uint8Array } {
  let pos = 8;
  let width = 0;
  let height = 0;
  let colorType = 0;
  const idat: Buffer[] = [];
  while (pos < png.length) {
    const len = png.readUInt32BE(pos);
    const type = png.toString('ascii', pos + 4, pos + 8);
    const data = png.subarray(pos + 8, pos + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      if (data[8] !== 8 || data[12] !== 0) throw new Error('only 8-bit non-interlaced PNGs');
      colorType = data[9]!;
    } else if (type === 'IDAT') idat.push(data);
    pos += 12 + len;
  }
  const channels = colorType === 6 ? 4 : colorType === 2 ? 3 : 0;
  if (!channels) throw new Error(`PNG colour type ${colorType} not supported`);
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const out = new Uint8Array(width * height * 4);
  let prev = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const cur = new Uint8Array(stride);
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? cur[i - channels]! : 0;
      const b = prev[i]!;
      const c = i >= channels ? prev[i - channels]! : 0;
      let v = line[i]!;
      if (filter === 1) v += a;
      else if (filter === 2) v += b;
      else if (filter === 3) v += (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      cur[i] = v & 0xff;
    }
    for (let x = 0; x < width; x++) {
      out.set(cur.subarray(x * channels, x * channels + 3), (y * width + x) * 4);
      out[(y * width + x) * 4 + 3] = channels === 4 ? cur[x * channels + 3]! : 255;
    }
    prev = cur;
  }
  return { width, height, rgba: out };
}

/** Pixels that differ clearly from the map's background colour. */
export function countNonBackground(img: { rgba: Uint8Array }, bg = [0x12, 0x14, 0x18]): number {
  let count = 0;
  for (let i = 0; i < img.rgba.length; i += 4) {
    const d =
      Math.abs(img.rgba[i]! - bg[0]!) +
      Math.abs(img.rgba[i + 1]! - bg[1]!) +
      Math.abs(img.rgba[i + 2]! - bg[2]!);
    if (d > 24) count++;
  }
  return count;
}

declare global {
  interface Window {
    /** The app's handles (store, session, scene), set by the renderer. */
    __vecscope?: Record<string, unknown>;
  }
}
