import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { CancelledError } from '../../../../core/common/errors.js';
import { parseNpy } from '../../../../core/common/io/npy.js';
import { runCli } from '../../../../core/node/cli/main.js';
import { loadDataset } from '../../../../core/node/io/loadDataset.js';
import { embedTexts } from '../../../../core/node/text/embedTexts.js';
import { textCacheDir } from '../../../../core/node/text/textCache.js';
import { resolveTextModel } from '../../../../core/node/text/textModel.js';
import { FIXTURE_TEXTS, writeTextFixture } from '../../../helpers/textFixture.js';

const dir = mkdtempSync(join(tmpdir(), 'vecscope-embedtext-'));
// The cache goes to a folder of this test's own, never the user's.
process.env['XDG_CACHE_HOME'] = join(dir, 'cache');
const { txt, tsv } = writeTextFixture(dir);

async function cli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

function cosine(a: Float32Array, b: Float32Array): number {
  let d = 0;
  let na = 0;
  let nb = 0;
  for (let j = 0; j < a.length; j++) {
    d += a[j]! * b[j]!;
    na += a[j]! * a[j]!;
    nb += b[j]! * b[j]!;
  }
  return d / Math.sqrt(na * nb);
}

function row(m: { data: Float32Array; dim: number }, i: number): Float32Array {
  return m.data.subarray(i * m.dim, (i + 1) * m.dim);
}

test('embed-text writes one 512-d row per text, in file order, and caches by content, column and model', async () => {
  const out = join(dir, 'vectors.npy');
  const first = await cli([
    'embed-text',
    tsv,
    '--text-column',
    'text',
    '--out',
    out,
    '--threads',
    '2',
    '--json',
  ]);
  assert.equal(first.code, 0, first.stderr);
  const report = JSON.parse(first.stdout) as Record<string, unknown>;
  assert.deepEqual(Object.keys(report).slice(0, 5), ['n', 'dim', 'model', 'seconds', 'out']);
  assert.equal(report['n'], FIXTURE_TEXTS.length);
  assert.equal(report['dim'], 512);
  assert.equal(report['model'], 'use-lite@0.2.0');
  assert.equal(report['cached'], false);
  const m = parseNpy(readFileSync(out), out).matrix;
  assert.equal(m.n, 60);

  // Row order follows the file: a reversed .txt gives the same vectors reversed.
  const reversed = join(dir, 'reversed.txt');
  writeFileSync(
    reversed,
    [...FIXTURE_TEXTS]
      .reverse()
      .map((r) => r.text)
      .join('\n'),
  );
  const rout = join(dir, 'reversed.npy');
  const r = await cli(['embed-text', reversed, '--out', rout, '--json']);
  assert.equal(r.code, 0, r.stderr);
  const rm = parseNpy(readFileSync(rout), rout).matrix;
  for (let i = 0; i < 60; i++) assert.ok(cosine(row(m, i), row(rm, 59 - i)) > 0.9999, `row ${i}`);

  // Same content, same column, same model: the cache answers, and nothing is written beside the input.
  const again = await cli(['embed-text', tsv, '--out', join(dir, 'again.npy'), '--json']);
  assert.equal(again.code, 0, again.stderr);
  assert.equal((JSON.parse(again.stdout) as { cached: boolean }).cached, true);
  assert.ok(textCacheDir().startsWith(join(dir, 'cache')));
  assert.ok(readdirSync(textCacheDir()).filter((f) => f.endsWith('.npy')).length >= 2);
  assert.deepEqual(readdirSync(dir).sort(), [
    'again.npy',
    'cache',
    'reversed.npy',
    'reversed.txt',
    'texts.tsv',
    'texts.txt',
    'vectors.npy',
  ]);
});

test('opening a table of texts as a data set embeds it: nearest rows of a row share its topic', async () => {
  const ds = await loadDataset(txt);
  assert.equal(ds.format, 'text');
  assert.deepEqual(ds.textSource?.column, 'text');
  assert.equal(ds.vectors.n, 60);
  let sameTopic = 0;
  for (let i = 0; i < 60; i++) {
    let best = -1;
    let bestCos = -Infinity;
    for (let j = 0; j < 60; j++) {
      if (j === i) continue;
      const c = cosine(row(ds.vectors, i), row(ds.vectors, j));
      if (c > bestCos) [best, bestCos] = [j, c];
    }
    if (FIXTURE_TEXTS[best]!.topic === FIXTURE_TEXTS[i]!.topic) sameTopic++;
  }
  // A sentence encoder puts most short texts beside one of their own topic; chance is 11/59.
  assert.ok(sameTopic >= 45, `${sameTopic} of 60`);
});

test('embedding reports progress batch by batch and stops on cancel', async () => {
  const texts = FIXTURE_TEXTS.map((r) => r.text);
  const seen: number[] = [];
  const m = await embedTexts(texts, resolveTextModel(), {
    threads: 2,
    batch: 8,
    onProgress: (done) => seen.push(done),
  });
  assert.equal(m.dim, 512);
  assert.equal(seen.length, 8);
  assert.deepEqual(
    [...seen].sort((a, b) => a - b),
    seen,
  );
  assert.equal(seen.at(-1), 60);

  const ac = new AbortController();
  const started = embedTexts(texts, resolveTextModel(), {
    threads: 2,
    batch: 4,
    signal: ac.signal,
    onProgress: () => ac.abort(),
  });
  await assert.rejects(started, CancelledError);
});

test('embed-text refuses bad input in one line', async () => {
  const holes = join(dir, 'holes.csv');
  writeFileSync(holes, 'id,text\n0,a cat\n1,\n2,a dog\n');
  const r = await cli(['embed-text', holes, '--out', join(dir, 'holes.npy')]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /holes\.csv: column "text" has 1 empty cell \(first at row 1\)/);
  assert.equal(r.stderr.trim().split('\n').length, 1);
  assert.equal(existsSync(join(dir, 'holes.npy')), false);
  const noOut = await cli(['embed-text', txt]);
  assert.match(noOut.stderr, /--out <vectors\.npy> is required/);
});
