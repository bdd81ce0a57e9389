import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseIdx } from '../../../../core/common/io/idx.js';
import { assertUserError } from './helpers.js';

function idxBytes(type: number, dims: number[], payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + 4 * dims.length + payload.length);
  const view = new DataView(out.buffer);
  out.set([0, 0, type, dims.length]);
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d, false));
  out.set(payload, 4 + 4 * dims.length);
  return out;
}

test('IDX images (u8, n × 3 × 2) flatten into 6-d rows', () => {
  const pixels = Uint8Array.from({ length: 4 * 6 }, (_, i) => (i * 37) % 256);
  const p = parseIdx(idxBytes(0x08, [4, 3, 2], pixels), 'train-images-idx3-ubyte');
  assert.deepEqual([p.matrix.n, p.matrix.dim, p.dtype], [4, 6, 'u8']);
  assert.deepEqual([...p.matrix.data], [...pixels]);
});

test('IDX labels are n × 1 and big-endian floats decode', () => {
  const labels = parseIdx(idxBytes(0x08, [3], Uint8Array.of(7, 0, 9)), 'labels-idx1-ubyte');
  assert.deepEqual([labels.matrix.n, labels.matrix.dim], [3, 1]);
  assert.deepEqual([...labels.matrix.data], [7, 0, 9]);
  const f = new Uint8Array(8);
  new DataView(f.buffer).setFloat32(0, 0.25, false);
  new DataView(f.buffer).setFloat32(4, -3, false);
  const pf = parseIdx(idxBytes(0x0d, [1, 2], f), 'x.idx');
  assert.equal(pf.dtype, 'f32');
  assert.deepEqual([...pf.matrix.data], [0.25, -3]);
});

test('bad IDX input: truncated, trailing bytes, int16, not IDX, empty', () => {
  const good = idxBytes(0x08, [5, 2, 2], new Uint8Array(20));
  assertUserError(
    () => parseIdx(good.subarray(0, good.length - 6), 'i.idx'),
    'i.idx',
    /truncated.*row 3 is cut off/,
  );
  const longer = new Uint8Array(good.length + 1);
  longer.set(good);
  assertUserError(() => parseIdx(longer, 'i.idx'), 'i.idx', /1 bytes follow/);
  assertUserError(() => parseIdx(idxBytes(0x0b, [1, 1], new Uint8Array(2)), 'i.idx'), 'i.idx', /int16/);
  assertUserError(() => parseIdx(Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8), 'i.idx'), 'i.idx', /not an IDX file/);
  assertUserError(() => parseIdx(new Uint8Array(0), 'i.idx'), 'i.idx', /empty file/);
});
