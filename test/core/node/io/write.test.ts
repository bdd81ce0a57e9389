import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { encodeNpy } from '../../../../core/common/io/npy.js';
import { loadDataset } from '../../../../core/node/io/loadDataset.js';
import { loadIvecs } from '../../../../core/node/io/loadIvecs.js';
import { writeFileAtomic, writeIvecs, writeNpy } from '../../../../core/node/io/write.js';
import { assertUserErrorAsync, randomMatrix } from '../../common/io/helpers.js';
import { tempDir } from './fixtures.js';

const dir = tempDir();

test('writeIvecs and writeNpy round-trip through the loaders', async () => {
  const ids = Int32Array.from({ length: 30 }, (_, i) => (i * 31) % 17);
  await writeIvecs(join(dir, 'gt.ivecs'), ids, 3, 10);
  const gt = await loadIvecs(join(dir, 'gt.ivecs'));
  assert.deepEqual([gt.n, gt.k], [3, 10]);
  assert.deepEqual(gt.ids, ids);
  const data = randomMatrix(4, 5, 21);
  await writeNpy(join(dir, 'out.npy'), data, [4, 5]);
  const ds = await loadDataset(join(dir, 'out.npy'));
  assert.deepEqual(ds.vectors.data, data);
  await writeNpy(join(dir, 'ids.npy'), ids, [3, 10]);
  assert.deepEqual((await loadIvecs(join(dir, 'ids.npy'))).ids, ids);
  assert.deepEqual(
    readdirSync(dir).filter((f) => f.endsWith('.tmp')),
    [],
    'no temporary files are left behind',
  );
});

test('a writer refuses to overwrite a file that was loaded as input', async () => {
  const input = join(dir, 'input.npy');
  const original = encodeNpy(randomMatrix(2, 2, 22), [2, 2]);
  writeFileSync(input, original);
  await loadDataset(input);
  await assertUserErrorAsync(
    () => writeNpy(input, new Float32Array(4), [2, 2]),
    input,
    /refusing to overwrite an input file/,
  );
  await assertUserErrorAsync(
    () => writeFileAtomic(join(dir, 'other.bin'), new Uint8Array(1), { protect: [join(dir, 'other.bin')] }),
    'other.bin',
    /refusing/,
  );
  assert.deepEqual(readFileSync(input), Buffer.from(original));
  await assertUserErrorAsync(
    () => writeIvecs(join(dir, 'no-such-dir', 'gt.ivecs'), new Int32Array(1), 1, 1),
    'gt.ivecs',
    /folder does not exist/,
  );
});

test('loadIvecs reads big-ann .ibin ground truth (ids, optionally followed by distances)', async () => {
  const ids = Int32Array.of(5, 4, 3, 2, 1, 0);
  const bytes = new Uint8Array(8 + 6 * 4 * 2);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, 2, true);
  view.setUint32(4, 3, true);
  bytes.set(new Uint8Array(ids.buffer), 8);
  writeFileSync(join(dir, 'gt.ibin'), bytes);
  const gt = await loadIvecs(join(dir, 'gt.ibin'));
  assert.deepEqual([gt.n, gt.k, [...gt.ids]], [2, 3, [...ids]]);
  writeFileSync(join(dir, 'bad.ibin'), bytes.subarray(0, 20));
  await assertUserErrorAsync(() => loadIvecs(join(dir, 'bad.ibin')), 'bad.ibin', /truncated or corrupt/);
});

// Ctrl+C during a long write used to leave a hidden `.<name>.<pid>.<hex>.tmp` beside the output.
test('a write interrupted by Ctrl+C leaves no temporary file and ends the process by the signal', async () => {
  const sub = mkdtempSync(join(dir, 'sigint-'));
  const writer = new URL('../../../../core/node/io/write.js', import.meta.url).href;
  const script =
    `const { writeFileAtomic } = await import(${JSON.stringify(writer)});` +
    `await writeFileAtomic(${JSON.stringify(join(sub, 'big.bin'))}, new Uint8Array(768 * 2 ** 20));`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: 'ignore' });
  const exited = new Promise<NodeJS.Signals | null>((ok) => child.once('exit', (_code, sig) => ok(sig)));
  // Interrupt once the temporary file is there, i.e. mid-write.
  const t0 = Date.now();
  while (!readdirSync(sub).some((f) => f.endsWith('.tmp'))) {
    assert.ok(Date.now() - t0 < 20_000, 'the write never started');
    await new Promise((r) => setTimeout(r, 2));
  }
  child.kill('SIGINT');
  assert.equal(await exited, 'SIGINT');
  assert.deepEqual(readdirSync(sub), [], 'neither the temporary file nor a partial output');
});
