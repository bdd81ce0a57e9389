// The app in headless Chromium and `vecscope embed` / `cluster` on the built-in sample: one recipe
// behind both, so the same settings give the same map and clusters.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { repoRoot, startApp, type App } from './harness.js';

let app: App;
let page: Page;
const tmp = mkdtempSync(join(tmpdir(), 'vecscope-e2e-recipes-'));

before(async () => {
  app = await startApp();
  page = app.page;
});

after(async () => {
  await app?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

const cli = (...args: string[]): void => {
  execFileSync(process.execPath, [join(repoRoot, 'bin/vecscope.js'), ...args, '--json'], { stdio: 'pipe' });
};

/**
 * A .npy file's values as a JSON list (float32 coordinates normalised as the app shows every map, or
 * int32 labels), read with vecscope's own modules in a child process, since this test's sources are
 * compiled apart from core/.
 */
function npyValues(file: string, normalise: boolean): number[] {
  const script = `
    import { readFileSync } from 'node:fs';
    import { parseNpy } from './dist/core/common/io/npy.js';
    import { normalizeLayout } from './dist/core/common/layout/normalizeLayout.js';
    import { parseIntNpy } from './dist/core/node/embed/labelsArg.js';
    const bytes = readFileSync(${JSON.stringify(file)});
    const v = ${normalise}
      ? normalizeLayout(parseNpy(bytes, 'x').matrix.data, 2)
      : parseIntNpy(bytes, 'x');
    process.stdout.write(JSON.stringify(Array.from(v)));`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: repoRoot,
    maxBuffer: 1 << 26,
  });
  return JSON.parse(out.toString()) as number[];
}

test('the app and vecscope embed give the same PCA map of the sample, value for value', async () => {
  const out = join(tmp, 'pca.npy');
  cli('embed', 'sample', '--method', 'pca', '--dim', '2', '--out', out);
  await page.evaluate(() =>
    (window.__vecscope!.session as { setLayout(m: string, d: number): void }).setLayout('pca', 2),
  );
  await page.waitForFunction(
    () =>
      (window.__vecscope!.store as { getState(): { layouts: Record<string, unknown> } }).getState().layouts[
        'pca:2'
      ] !== undefined,
    null,
    { timeout: 120_000 },
  );
  const app = await page.evaluate(() =>
    Array.from(
      (
        window.__vecscope!.store as { getState(): { layouts: Record<string, { positions: Float32Array }> } }
      ).getState().layouts['pca:2']!.positions,
    ),
  );
  const expected = npyValues(out, true);
  assert.equal(app.length, 20000);
  assert.deepEqual(app, expected);
});

test('the app and vecscope cluster give the sample the same k-means labels', async () => {
  const out = join(tmp, 'kmeans.npy');
  cli('cluster', 'sample', '--method', 'kmeans', '--out', out);
  await page.getByTestId('cluster-kmeans').click();
  await page.waitForFunction(
    () => (window.__vecscope!.store as { getState(): { clusters: unknown } }).getState().clusters !== null,
    null,
    { timeout: 240_000 },
  );
  const app = await page.evaluate(() =>
    Array.from(
      (window.__vecscope!.store as { getState(): { clusters: { labels: Int32Array } } }).getState().clusters
        .labels,
    ),
  );
  const expected = npyValues(out, false);
  assert.equal(app.length, 10000);
  assert.ok(new Set(app).size > 1);
  assert.deepEqual(app, expected);
});
