// Multi-GB files: run with `npm run test:large` after a build (a few minutes; needs ~10 GB of free
// memory and no disk, the files are sparse). `npm test` leaves them out.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { createGzip } from 'node:zlib';
import { f32ToF16 } from '../../../../core/common/io/f16.js';
import { loadDataset } from '../../../../core/node/io/loadDataset.js';
import { bytesOf } from '../../common/io/helpers.js';
import { tempDir } from './fixtures.js';
import { loadInChild, npyHeader, writeSparse } from './sparseFiles.js';

const dir = tempDir('vecscope-large-');
const p = (name: string) => join(dir, name);
const GB = 1e9;
const vecscope = fileURLToPath(new URL('../../../../../bin/vecscope.js', import.meta.url));

/** Values a float16 holds exactly (at most 11 significant bits), different in every sampled row. */
function sampledRow(row: number, dim: number): Float32Array {
  return Float32Array.from({ length: dim }, (_, j) => ((row % 16) * 4 + j) / 256);
}

test('a float16 .npy over 2 GiB opens with the right shape and values, and `vecscope info` reads it', async () => {
  const dim = 384;
  const n = Math.ceil((2.2 * 2 ** 30) / (dim * 2));
  const header = npyHeader('<f2', [n, dim]);
  const size = header.length + n * dim * 2;
  const sampled = [0, 1, 1_234_567, 2_000_003, n - 1];
  const runs = sampled.map((row): [number, Uint8Array] => [
    header.length + row * dim * 2,
    bytesOf(f32ToF16(sampledRow(row, dim))),
  ]);
  writeSparse(p('big16.npy'), header, size, runs);
  const t0 = performance.now();
  const ds = await loadDataset(p('big16.npy'));
  console.log(
    `# ${(size / GB).toFixed(2)} GB f16 .npy (${n} × ${dim}) loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  assert.deepEqual([ds.vectors.n, ds.vectors.dim, ds.dtype], [n, dim, 'f16']);
  for (const row of sampled)
    assert.deepEqual(
      [...ds.vectors.data.subarray(row * dim, (row + 1) * dim)],
      [...sampledRow(row, dim)],
      `row ${row}`,
    );
  assert.equal(ds.vectors.data[5 * dim + 7], 0);
  const r = spawnSync(process.execPath, [vecscope, 'info', p('big16.npy'), '--json'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const info = JSON.parse(r.stdout) as { n: number; dim: number; dtype: string };
  assert.deepEqual([info.n, info.dim, info.dtype], [n, dim, 'f16']);
});

test('loading a 1 GB float32 .npy peaks under 1.3× the file size (measured in a child process)', () => {
  const dim = 256;
  const n = Math.floor(GB / (dim * 4));
  const header = npyHeader('<f4', [n, dim]);
  const size = header.length + n * dim * 4;
  writeSparse(p('1gb.npy'), header, size, [[header.length, bytesOf(sampledRow(0, dim))]]);
  const r = loadInChild(p('1gb.npy'));
  assert.equal(r.error, undefined);
  assert.deepEqual([r.n, r.dim], [n, dim]);
  console.log(
    `# 1 GB f32 .npy: file ${(size / GB).toFixed(2)} GB, peak RSS ${(r.maxRss / GB).toFixed(2)} GB, ${r.seconds.toFixed(1)} s`,
  );
  assert.ok(r.maxRss < 1.3 * size, `peak RSS ${r.maxRss} for a ${size}-byte file`);
  // float16 becomes float32: the result is twice the file; the load adds one chunk to it.
  const h16 = npyHeader('<f2', [2 * n, dim]);
  const size16 = h16.length + 2 * n * dim * 2;
  writeSparse(p('1gb16.npy'), h16, size16);
  const r16 = loadInChild(p('1gb16.npy'));
  console.log(
    `# 1 GB f16 .npy: file ${(size16 / GB).toFixed(2)} GB, peak RSS ${(r16.maxRss / GB).toFixed(2)} GB, ${r16.seconds.toFixed(1)} s`,
  );
  assert.ok(r16.maxRss < 2 * size16 + 0.2 * GB, `peak RSS ${r16.maxRss} for a ${size16}-byte f16 file`);
});

test('a gzipped text bomb stops at the whole-file gunzip limit, with bounded memory', async () => {
  const path = p('bomb.tsv.gz');
  await new Promise<void>((resolve, reject) => {
    const gz = createGzip({ level: 1 });
    gz.pipe(createWriteStream(path)).on('finish', resolve).on('error', reject);
    const zeros = new Uint8Array(1 << 20).fill(0x30);
    let left = 1100;
    const more = (): void => {
      while (left > 0) {
        left--;
        if (!gz.write(zeros)) return void gz.once('drain', more);
      }
      gz.end();
    };
    more();
  });
  const r = loadInChild(path);
  assert.match(r.error ?? '', /bomb\.tsv\.gz: gzip data decompresses to more than 1 GiB/);
  console.log(
    `# 1.1 GB text gzip bomb: peak RSS ${(r.maxRss / GB).toFixed(2)} GB, ${r.seconds.toFixed(1)} s`,
  );
  assert.ok(r.maxRss < 1.5 * GB, `peak RSS ${r.maxRss}`);
});
