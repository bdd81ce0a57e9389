import assert from 'node:assert/strict';
import { test } from 'node:test';
import { f32ToF16 } from '../../../../core/common/io/f16.js';
import { encodeNpy, parseNpy, parseNpyInt32 } from '../../../../core/common/io/npy.js';
import { assertUserError, bytesOf, npyBytes, randomMatrix } from './helpers.js';

const FILE = 'vectors.npy';

test('float32 .npy round-trips through encodeNpy and parseNpy', () => {
  const data = randomMatrix(7, 5, 1);
  const bytes = encodeNpy(data, [7, 5]);
  assert.equal((bytes.length - data.byteLength) % 64, 0, 'data starts on a 64-byte boundary');
  const p = parseNpy(bytes, FILE);
  assert.equal(p.dtype, 'f32');
  assert.deepEqual([p.matrix.n, p.matrix.dim], [7, 5]);
  assert.deepEqual(p.matrix.data, data);
});

test('int32 .npy round-trips (values become float32)', () => {
  const ids = Int32Array.from({ length: 12 }, (_, i) => i * 1000 - 5000);
  const p = parseNpy(encodeNpy(ids, [3, 4]), FILE);
  assert.equal(p.dtype, 'i32');
  assert.deepEqual([...p.matrix.data], [...ids]);
});

test('float16, float64, int8 and uint8 .npy decode to the stored values', () => {
  const vals = [0.5, -1.25, 3, 0, 100, -7];
  const f16 = parseNpy(npyBytes('<f2', [2, 3], bytesOf(f32ToF16(Float32Array.from(vals)))), FILE);
  assert.equal(f16.dtype, 'f16');
  assert.deepEqual([...f16.matrix.data], vals);
  const f64 = parseNpy(npyBytes('<f8', [3, 2], bytesOf(Float64Array.from(vals))), FILE);
  assert.equal(f64.dtype, 'f64');
  assert.deepEqual([f64.matrix.n, f64.matrix.dim], [3, 2]);
  assert.deepEqual([...f64.matrix.data], vals);
  const i8 = parseNpy(npyBytes('|i1', [2, 3], bytesOf(Int8Array.of(-128, -1, 0, 1, 64, 127))), FILE);
  assert.equal(i8.dtype, 'i8');
  assert.deepEqual([...i8.matrix.data], [-128, -1, 0, 1, 64, 127]);
  const u8 = parseNpy(npyBytes('|u1', [1, 4], Uint8Array.of(0, 1, 200, 255)), FILE);
  assert.equal(u8.dtype, 'u8');
  assert.deepEqual([...u8.matrix.data], [0, 1, 200, 255]);
});

test('big-endian and Fortran-order .npy are read in C order', () => {
  const be = new Uint8Array(8);
  new DataView(be.buffer).setFloat32(0, 1.5, false);
  new DataView(be.buffer).setFloat32(4, -2, false);
  assert.deepEqual([...parseNpy(npyBytes('>f4', [1, 2], be), FILE).matrix.data], [1.5, -2]);
  // Column-major 2 × 3: columns (1,4), (2,5), (3,6).
  const f = parseNpy(npyBytes('<f4', [2, 3], bytesOf(Float32Array.of(1, 4, 2, 5, 3, 6)), true), FILE);
  assert.deepEqual([...f.matrix.data], [1, 2, 3, 4, 5, 6]);
});

test('a 3-D .npy flattens its trailing axes into rows', () => {
  const p = parseNpy(
    encodeNpy(
      new Float32Array(2 * 3 * 4).map((_, i) => i),
      [2, 3, 4],
    ),
    FILE,
  );
  assert.deepEqual([p.matrix.n, p.matrix.dim], [2, 12]);
  assert.equal(p.matrix.data[12], 12);
});

test('bad .npy input gives one-line errors naming the file', () => {
  const good = encodeNpy(randomMatrix(4, 8, 2), [4, 8]);
  assertUserError(
    () => parseNpy(good.subarray(0, good.length - 40), FILE),
    FILE,
    /truncated.*row 2 is cut off/,
  );
  assertUserError(() => parseNpy(new Uint8Array(0), FILE), FILE, /empty file/);
  assertUserError(
    () => parseNpy(Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11), FILE),
    FILE,
    /not an \.npy file/,
  );
  assertUserError(
    () => parseNpy(npyBytes('<c8', [1, 1], new Uint8Array(8)), FILE),
    FILE,
    /unsupported \.npy dtype "<c8"/,
  );
  assertUserError(() => parseNpy(npyBytes('<f4', [3], new Uint8Array(12)), FILE), FILE, /expected 2-D/);
  assertUserError(() => parseNpy(good.subarray(0, 20), FILE), FILE, /header is cut off/);
  const extra = new Uint8Array(good.length + 4);
  extra.set(good);
  assertUserError(() => parseNpy(extra, FILE), FILE, /4 bytes follow/);
});

test('int32 ids above 2^24 survive parseNpyInt32 exactly', () => {
  const ids = Int32Array.of(16777217, 2147483647, -1, 0, 33554433, 7);
  const p = parseNpyInt32(encodeNpy(ids, [2, 3]), 'gt.npy');
  assert.deepEqual([p.n, p.k], [2, 3]);
  assert.deepEqual(p.ids, ids);
  assertUserError(
    () => parseNpyInt32(encodeNpy(new Float32Array(2), [1, 2]), 'gt.npy'),
    'gt.npy',
    /must be a C-order little-endian int32/,
  );
});
