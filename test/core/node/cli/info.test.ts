import assert from 'node:assert/strict';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { encodeNpy } from '../../../../core/common/io/npy.js';
import { runCli } from '../../../../core/node/cli/main.js';
import { randomMatrix } from '../../common/io/helpers.js';
import { tempDir } from '../io/fixtures.js';
import { idxBars } from '../../../helpers/imageFixtures.js';

async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { stdout: (t) => (out += t), stderr: (t) => (err += t) });
  return { code, out, err };
}

const dir = tempDir();

test('info --json prints exactly one JSON object with the documented fields', async () => {
  const file = join(dir, 'v.npy');
  const data = randomMatrix(20, 8, 31);
  writeFileSync(file, encodeNpy(data, [20, 8]));
  writeFileSync(
    join(dir, 'v.tsv'),
    'name\tgroup\n' + Array.from({ length: 20 }, (_, i) => `n${i}\tg${i % 3}`).join('\n'),
  );
  const before = { bytes: readFileSync(file), mtime: statSync(file).mtimeMs };
  const { code, out, err } = await cli(['info', file, '--json']);
  assert.equal(code, 0, err);
  assert.equal(err, '');
  assert.equal(out.trim().split('\n').length, 1);
  const r = JSON.parse(out) as Record<string, unknown>;
  assert.deepEqual(Object.keys(r), [
    'file',
    'format',
    'n',
    'dim',
    'dtype',
    'metadataColumns',
    'nonFinite',
    'norm',
  ]);
  assert.deepEqual(
    [r['file'], r['format'], r['n'], r['dim'], r['dtype'], r['nonFinite']],
    [file, 'npy', 20, 8, 'f32', 0],
  );
  assert.deepEqual(r['metadataColumns'], [
    { name: 'name', type: 'text' },
    { name: 'group', type: 'category' },
  ]);
  let min = Infinity;
  let max = 0;
  for (let i = 0; i < 20; i++) {
    let s = 0;
    for (let j = 0; j < 8; j++) s += data[i * 8 + j]! ** 2;
    min = Math.min(min, Math.sqrt(s));
    max = Math.max(max, Math.sqrt(s));
  }
  const norm = r['norm'] as { min: number; mean: number; max: number };
  assert.ok(
    Math.abs(norm.min - min) < 1e-6 && Math.abs(norm.max - max) < 1e-6 && norm.mean > min && norm.mean < max,
  );
  assert.deepEqual(readFileSync(file), before.bytes);
  assert.equal(statSync(file).mtimeMs, before.mtime);
});

test('info with no file (or "sample") describes the built-in sample', async () => {
  for (const argv of [
    ['info', '--json'],
    ['info', 'sample', '--json'],
  ]) {
    const { code, out } = await cli(argv);
    assert.equal(code, 0);
    const r = JSON.parse(out) as { file: string; n: number; dim: number; dtype: string };
    assert.deepEqual([r.file, r.n, r.dim, r.dtype], ['sample', 10000, 512, 'f16']);
  }
  const text = await cli(['info']);
  assert.match(text.out, /10,000 × 512/);
});

test('info reports non-finite values only when allowed, and errors are one stderr line', async () => {
  const file = join(dir, 'nan.npy');
  const data = randomMatrix(5, 4, 32);
  data[9] = NaN;
  writeFileSync(file, encodeNpy(data, [5, 4]));
  const bad = await cli(['info', file, '--json']);
  assert.notEqual(bad.code, 0);
  assert.equal(bad.out, '');
  assert.equal(bad.err.split('\n').filter((l) => l.length > 0).length, 1);
  assert.ok(bad.err.includes(file));
  assert.match(bad.err, /1 non-finite value .* row 2/);
  const ok = await cli(['info', file, '--json', '--allow-nonfinite']);
  assert.equal(ok.code, 0);
  assert.equal((JSON.parse(ok.out) as { nonFinite: number }).nonFinite, 1);
  const missing = await cli(['info', join(dir, 'nope.fvecs')]);
  assert.notEqual(missing.code, 0);
  assert.match(missing.err, /^vecscope info: .*nope\.fvecs: file not found\n$/);
  const badDim = await cli(['info', file, '--dim', 'x']);
  assert.notEqual(badDim.code, 0);
  assert.match(badDim.err, /^vecscope info: --dim must be a positive integer, got "x"\n$/);
  const debug = await cli(['info', join(dir, 'nope.fvecs'), '--debug']);
  assert.match(debug.err, /at /, '--debug shows the stack');
});

test('info names the image shape of an IDX file and an image-path column', async () => {
  const idx = join(dir, 'digits-idx3-ubyte');
  writeFileSync(idx, idxBars(4, 28, 28).bytes);
  const r = await cli(['info', idx, '--json']);
  assert.equal(r.code, 0, r.err);
  assert.deepEqual((JSON.parse(r.out) as { images: unknown }).images, { height: 28, width: 28, channels: 1 });
  assert.match((await cli(['info', idx])).out, /^images {6}28 × 28 × 1 per row$/m);
  const flat = join(dir, 'pics.npy');
  writeFileSync(flat, encodeNpy(randomMatrix(3, 2, 5), [3, 2]));
  writeFileSync(join(dir, 'pics.tsv'), 'row\tpath\n0\ta.png\n1\tb.jpg\n2\tc.png\n');
  const p = await cli(['info', flat]);
  assert.match(p.out, /^images {6}the "path" column names image files$/m);
});
