import assert from 'node:assert/strict';
import { test } from 'node:test';
import { encodeBigAnnBin, parseBigAnnBin } from '../../../../core/common/io/bigAnnBin.js';
import { assertUserError, randomMatrix } from './helpers.js';

test('.fbin, .ibin, .u8bin and .i8bin round-trip', () => {
  const f = randomMatrix(5, 3, 5);
  const pf = parseBigAnnBin(encodeBigAnnBin(f, 5, 3), 'a.fbin', 'f32');
  assert.deepEqual([pf.matrix.n, pf.matrix.dim, pf.dtype], [5, 3, 'f32']);
  assert.deepEqual(pf.matrix.data, f);
  const i = Int32Array.of(1, -2, 3, 400000, 5, 6);
  assert.deepEqual([...parseBigAnnBin(encodeBigAnnBin(i, 2, 3), 'a.ibin', 'i32').matrix.data], [...i]);
  const u = Uint8Array.of(0, 9, 255, 128);
  const pu = parseBigAnnBin(encodeBigAnnBin(u, 4, 1), 'a.u8bin', 'u8');
  assert.deepEqual([pu.matrix.n, pu.matrix.dim, pu.dtype], [4, 1, 'u8']);
  assert.deepEqual([...pu.matrix.data], [...u]);
  const s = Int8Array.of(-128, 127);
  assert.deepEqual([...parseBigAnnBin(encodeBigAnnBin(s, 1, 2), 'a.i8bin', 'i8').matrix.data], [-128, 127]);
});

test('bad big-ann input: truncated, trailing bytes, empty, short header', () => {
  const bytes = encodeBigAnnBin(randomMatrix(10, 4, 6), 10, 4);
  assertUserError(
    () => parseBigAnnBin(bytes.subarray(0, bytes.length - 20), 'a.fbin', 'f32'),
    'a.fbin',
    /truncated: the header promises 10 × 4 .* \(row 8 is cut off\)/,
  );
  const longer = new Uint8Array(bytes.length + 3);
  longer.set(bytes);
  assertUserError(() => parseBigAnnBin(longer, 'a.fbin', 'f32'), 'a.fbin', /3 bytes follow/);
  assertUserError(() => parseBigAnnBin(new Uint8Array(0), 'a.fbin', 'f32'), 'a.fbin', /empty file/);
  assertUserError(() => parseBigAnnBin(new Uint8Array(5), 'a.fbin', 'f32'), 'a.fbin', /8-byte header/);
});
