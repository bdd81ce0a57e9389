import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { encodeNpy } from '../../../../core/common/io/npy.js';
import type { MetadataColumn } from '../../../../core/common/types.js';
import { expandHome } from '../../../../core/node/io/expandHome.js';
import { loadDataset } from '../../../../core/node/io/loadDataset.js';
import { loadMetadataFile } from '../../../../core/node/io/metadataFile.js';

const dir = mkdtempSync(join(tmpdir(), 'vecscope-labels-'));
const p = (name: string) => join(dir, name);
const N = 12;
const digits = Array.from({ length: N }, (_, i) => (i * 7) % 10);

/** A category column's values read back through its codes. */
function decoded(c: MetadataColumn): string[] {
  assert.equal(c.type, 'category', `${c.name} should be a category column`);
  if (c.type !== 'category') return [];
  return Array.from(c.codes, (code) => c.categories[code]!);
}

test('a raw .u8 labels file becomes a category column named after its stem', async () => {
  writeFileSync(p('labels.u8'), Uint8Array.from(digits));
  const [col, ...rest] = await loadMetadataFile(p('labels.u8'), N, 'base.npy');
  assert.equal(rest.length, 0);
  assert.equal(col!.name, 'labels');
  assert.deepEqual(decoded(col!), digits.map(String));
});

test('a .u8 with an IDX header (MNIST) reads the same labels', async () => {
  const bytes = new Uint8Array(8 + N);
  bytes.set([0, 0, 8, 1]);
  new DataView(bytes.buffer).setUint32(4, N, false);
  bytes.set(digits, 8);
  writeFileSync(p('mnist_labels.u8'), bytes);
  const [col] = await loadMetadataFile(p('mnist_labels.u8'), N, 'base.npy');
  assert.equal(col!.name, 'mnist_labels');
  assert.deepEqual(decoded(col!), digits.map(String));
});

test('.i32 and integer .npy (int32 and NumPy default int64) labels become categories', async () => {
  writeFileSync(p('classes.i32'), new Uint8Array(Int32Array.from(digits, (d) => d - 3).buffer));
  const [i32] = await loadMetadataFile(p('classes.i32'), N, 'base.npy');
  assert.equal(i32!.name, 'classes');
  assert.deepEqual(
    decoded(i32!),
    digits.map((d) => String(d - 3)),
  );

  writeFileSync(p('y.npy'), encodeNpy(Int32Array.from(digits), [N]));
  const [npy] = await loadMetadataFile(p('y.npy'), N, 'base.npy');
  assert.equal(npy!.name, 'y');
  assert.deepEqual(decoded(npy!), digits.map(String));

  // An int64 .npy written by hand: NumPy's default integer dtype.
  const header = "{'descr': '<i8', 'fortran_order': False, 'shape': (12,), }";
  const padded = header.padEnd(118, ' ') + '\n';
  const bytes = new Uint8Array(10 + padded.length + 8 * N);
  bytes.set([0x93, ...new TextEncoder().encode('NUMPY'), 1, 0]);
  new DataView(bytes.buffer).setUint16(8, padded.length, true);
  bytes.set(new TextEncoder().encode(padded), 10);
  const view = new DataView(bytes.buffer, 10 + padded.length);
  digits.forEach((d, i) => view.setBigInt64(8 * i, BigInt(d), true));
  writeFileSync(p('y64.npy'), bytes);
  const [i64] = await loadMetadataFile(p('y64.npy'), N, 'base.npy');
  assert.deepEqual(decoded(i64!), digits.map(String));
});

test('many distinct or fractional values stay a numeric column', async () => {
  const values = Float32Array.from({ length: N }, (_, i) => i / 3);
  writeFileSync(p('score.npy'), encodeNpy(values, [N, 1]));
  const [col] = await loadMetadataFile(p('score.npy'), N, 'base.npy');
  assert.equal(col!.type, 'number');
  if (col!.type === 'number') assert.ok(Math.abs(col!.values[4]! - 4 / 3) < 1e-6);
  // 40 distinct integers are more than a legend of categories holds.
  writeFileSync(p('ids.i32'), new Uint8Array(Int32Array.from({ length: 40 }, (_, i) => i * 5).buffer));
  const [ids] = await loadMetadataFile(p('ids.i32'), 40, 'base.npy');
  assert.equal(ids!.type, 'number');
});

test('.txt holds one label per line: integers become categories, words stay words', async () => {
  writeFileSync(p('digit.txt'), digits.join('\n') + '\n');
  const [num] = await loadMetadataFile(p('digit.txt'), N, 'base.npy');
  assert.equal(num!.name, 'digit');
  assert.deepEqual(decoded(num!), digits.map(String));
  const words = digits.map((d) => (d % 2 === 0 ? 'even' : 'odd'));
  writeFileSync(p('parity.txt'), words.join('\r\n'));
  const [w] = await loadMetadataFile(p('parity.txt'), N, 'base.npy');
  assert.equal(w!.name, 'parity');
  assert.deepEqual(decoded(w!), words);
});

test('a row-count mismatch is one line naming the file and both counts', async () => {
  writeFileSync(p('short.u8'), Uint8Array.from(digits.slice(0, 9)));
  await assert.rejects(loadMetadataFile(p('short.u8'), N, 'base.npy'), (e: Error) => {
    assert.ok(!e.message.includes('\n'));
    assert.match(e.message, /short\.u8/);
    assert.match(e.message, /\b9 metadata rows\b/);
    assert.match(e.message, /base\.npy has 12 vectors/);
    return true;
  });
  writeFileSync(p('odd.i32'), new Uint8Array(10));
  await assert.rejects(
    loadMetadataFile(p('odd.i32'), N, 'base.npy'),
    /odd\.i32.*not a whole number of int32/,
  );
  writeFileSync(p('wide.npy'), encodeNpy(new Float32Array(N * 2), [N, 2]));
  await assert.rejects(loadMetadataFile(p('wide.npy'), N, 'base.npy'), /wide\.npy.*1-D/);
});

test('loadDataset attaches a labels file given as --metadata', async () => {
  writeFileSync(
    p('base.npy'),
    encodeNpy(
      Float32Array.from({ length: N * 3 }, (_, i) => Math.sin(i)),
      [N, 3],
    ),
  );
  writeFileSync(p('labels.u8'), Uint8Array.from(digits));
  const ds = await loadDataset(p('base.npy'), { metadata: p('labels.u8') });
  assert.deepEqual(
    ds.metadata.map((c) => [c.name, c.type]),
    [['labels', 'category']],
  );
});

test('~ expands to the home directory, and only at the start', () => {
  assert.equal(expandHome('~'), homedir());
  assert.equal(expandHome('~/data/x.npy'), join(homedir(), 'data', 'x.npy'));
  assert.equal(expandHome('a/~/b'), 'a/~/b');
  assert.equal(expandHome('~other/x'), '~other/x');
  assert.equal(expandHome('/abs/path'), '/abs/path');
});
