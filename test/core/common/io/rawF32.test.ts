import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseRawF32 } from '../../../../core/common/io/rawF32.js';
import { assertUserError, bytesOf, randomMatrix } from './helpers.js';

test('raw float32 with a given dim round-trips', () => {
  const data = randomMatrix(3, 16, 7);
  const p = parseRawF32(bytesOf(data), 'e.bin', 16);
  assert.deepEqual([p.matrix.n, p.matrix.dim, p.dtype], [3, 16, 'f32']);
  assert.deepEqual(p.matrix.data, data);
});

test('raw float32 reads unaligned bytes inside a larger buffer', () => {
  const data = randomMatrix(2, 3, 8);
  const big = new Uint8Array(1 + data.byteLength);
  big.set(bytesOf(data), 1);
  assert.deepEqual(parseRawF32(big.subarray(1), 'e.f32', 3).matrix.data, data);
});

test('bad raw input: no --dim, truncated, empty', () => {
  const bytes = bytesOf(randomMatrix(3, 4, 9));
  assertUserError(
    () => parseRawF32(bytes, 'e.bin', undefined),
    'e.bin',
    /pass --dim \(the file has 48 bytes = 12 floats\)/,
  );
  assertUserError(
    () => parseRawF32(bytes, 'e.bin', 5),
    'e.bin',
    /truncated: 48 bytes do not hold whole 5-d rows \(row 2 is cut off\)/,
  );
  assertUserError(() => parseRawF32(bytes.subarray(0, 46), 'e.bin', 4), 'e.bin', /row 2 is cut off/);
  assertUserError(() => parseRawF32(new Uint8Array(0), 'e.bin', 4), 'e.bin', /empty file/);
});
