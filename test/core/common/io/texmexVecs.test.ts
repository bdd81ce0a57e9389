import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  encodeFvecs,
  encodeIvecs,
  parseIvecsIds,
  parseTexmexVecs,
} from '../../../../core/common/io/texmexVecs.js';
import { assertUserError, randomMatrix } from './helpers.js';

test('.fvecs round-trips', () => {
  const data = randomMatrix(6, 9, 3);
  const p = parseTexmexVecs(encodeFvecs(data, 6, 9), 'a.fvecs', 'fvecs');
  assert.equal(p.dtype, 'f32');
  assert.deepEqual([p.matrix.n, p.matrix.dim], [6, 9]);
  assert.deepEqual(p.matrix.data, data);
});

test('.ivecs round-trips as vectors and as ids', () => {
  const ids = Int32Array.from({ length: 20 }, (_, i) => (i * 7919) % 1000);
  const bytes = encodeIvecs(ids, 4, 5);
  const asIds = parseIvecsIds(bytes, 'gt.ivecs');
  assert.deepEqual([asIds.n, asIds.k], [4, 5]);
  assert.deepEqual(asIds.ids, ids);
  const asVectors = parseTexmexVecs(bytes, 'gt.ivecs', 'ivecs');
  assert.equal(asVectors.dtype, 'i32');
  assert.deepEqual([...asVectors.matrix.data], [...ids]);
});

test('.bvecs reads uint8 rows', () => {
  const rows = [
    [0, 1, 2],
    [255, 128, 7],
  ];
  const bytes = new Uint8Array(2 * 7);
  const view = new DataView(bytes.buffer);
  rows.forEach((r, i) => {
    view.setInt32(i * 7, 3, true);
    bytes.set(r, i * 7 + 4);
  });
  const p = parseTexmexVecs(bytes, 'b.bvecs', 'bvecs');
  assert.equal(p.dtype, 'u8');
  assert.deepEqual([...p.matrix.data], rows.flat());
});

test('bad TEXMEX input: truncated, a row of another dimension, empty, nonsense header', () => {
  const bytes = encodeFvecs(randomMatrix(5, 4, 4), 5, 4);
  assertUserError(
    () => parseTexmexVecs(bytes.subarray(0, bytes.length - 3), 'x.fvecs', 'fvecs'),
    'x.fvecs',
    /truncated: 97 bytes do not hold whole 4-d rows \(row 4 is cut off\)/,
  );
  const other = bytes.slice();
  new DataView(other.buffer).setInt32(2 * 20, 3, true);
  assertUserError(
    () => parseTexmexVecs(other, 'x.fvecs', 'fvecs'),
    'x.fvecs',
    /row 2 has dimension 3 but row 0 has 4/,
  );
  assertUserError(() => parseTexmexVecs(new Uint8Array(0), 'x.fvecs', 'fvecs'), 'x.fvecs', /empty file/);
  assertUserError(() => parseTexmexVecs(new Uint8Array(2), 'x.fvecs', 'fvecs'), 'x.fvecs', /truncated/);
  const neg = new Uint8Array(8);
  new DataView(neg.buffer).setInt32(0, -5, true);
  assertUserError(() => parseIvecsIds(neg, 'gt.ivecs'), 'gt.ivecs', /declares dimension -5/);
});
