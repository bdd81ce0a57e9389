import assert from 'node:assert/strict';
import { test } from 'node:test';
import { encodeBigAnnBin } from '../../../../core/common/io/bigAnnBin.js';
import { binaryLayout, promisedSize, type BinaryFormat } from '../../../../core/common/io/binaryLayout.js';
import { f32ToF16 } from '../../../../core/common/io/f16.js';
import { parseVectorBytes } from '../../../../core/common/io/parseVectorBytes.js';
import { RowDecoder } from '../../../../core/common/io/rowDecoder.js';
import { encodeFvecs, encodeIvecs } from '../../../../core/common/io/texmexVecs.js';
import { rng } from '../../../helpers/fixtures.js';
import { assertUserError, bytesOf, npyBytes, randomMatrix } from './helpers.js';

const N = 37;
const D = 5;
const base = randomMatrix(N, D, 7);
const ints = Int32Array.from(base, (x) => Math.round(x * 1000));
const u8 = Uint8Array.from(base, (x) => Math.round((x + 1) * 100));

function bigEndian(values: ArrayLike<number>, size: 2 | 4 | 8, kind: 'f' | 'i' | 'h'): Uint8Array {
  const out = new Uint8Array(values.length * size);
  const view = new DataView(out.buffer);
  const halves = kind === 'h' ? f32ToF16(Float32Array.from(values)) : undefined;
  for (let i = 0; i < values.length; i++) {
    if (halves) view.setUint16(i * 2, halves[i]!, false);
    else if (size === 8) view.setFloat64(i * 8, values[i]!, false);
    else if (kind === 'f') view.setFloat32(i * 4, values[i]!, false);
    else view.setInt32(i * 4, values[i]!, false);
  }
  return out;
}

function columnMajor<T extends Float32Array | Uint16Array>(a: T, n: number, dim: number): T {
  const t = a.slice() as T;
  for (let i = 0; i < n; i++) for (let j = 0; j < dim; j++) t[j * n + i] = a[i * dim + j]!;
  return t;
}

function idxBytes(values: Uint8Array, n: number, dim: number): Uint8Array {
  const out = new Uint8Array(12 + values.length);
  out.set([0, 0, 0x08, 2]);
  new DataView(out.buffer).setUint32(4, n, false);
  new DataView(out.buffer).setUint32(8, dim, false);
  out.set(values, 12);
  return out;
}

const CASES: [string, BinaryFormat, Uint8Array, { dim?: number }?][] = [
  ['npy <f4', 'npy', npyBytes('<f4', [N, D], bytesOf(base))],
  ['npy <f2', 'npy', npyBytes('<f2', [N, D], bytesOf(f32ToF16(base)))],
  ['npy <f8', 'npy', npyBytes('<f8', [N, D], bytesOf(Float64Array.from(base)))],
  ['npy |i1', 'npy', npyBytes('|i1', [N, D], bytesOf(Int8Array.from(base, (x) => x * 100)))],
  ['npy |u1', 'npy', npyBytes('|u1', [N, D], u8)],
  ['npy <i4', 'npy', npyBytes('<i4', [N, D], bytesOf(ints))],
  ['npy >f4', 'npy', npyBytes('>f4', [N, D], bigEndian(base, 4, 'f'))],
  ['npy >f2', 'npy', npyBytes('>f2', [N, D], bigEndian(base, 2, 'h'))],
  ['npy >f8', 'npy', npyBytes('>f8', [N, D], bigEndian(base, 8, 'f'))],
  ['npy >i4', 'npy', npyBytes('>i4', [N, D], bigEndian(ints, 4, 'i'))],
  ['npy fortran <f4', 'npy', npyBytes('<f4', [N, D], bytesOf(columnMajor(base, N, D)), true)],
  ['npy fortran <f2', 'npy', npyBytes('<f2', [N, D], bytesOf(columnMajor(f32ToF16(base), N, D)), true)],
  ['npy rank 3', 'npy', npyBytes('<f4', [N, 1, D], bytesOf(base))],
  ['fvecs', 'fvecs', encodeFvecs(base, N, D)],
  ['ivecs', 'ivecs', encodeIvecs(ints, N, D)],
  ['fbin', 'fbin', encodeBigAnnBin(base, N, D)],
  ['ibin', 'ibin', encodeBigAnnBin(ints, N, D)],
  ['u8bin', 'u8bin', encodeBigAnnBin(u8, N, D)],
  [
    'i8bin',
    'i8bin',
    encodeBigAnnBin(
      Int8Array.from(base, (x) => x * 100),
      N,
      D,
    ),
  ],
  ['idx', 'idx', idxBytes(u8, N, D)],
  ['raw f32', 'raw-f32', bytesOf(base.slice()), { dim: D }],
];

/** Feeds the data section to a RowDecoder in random pieces (odd sizes, so elements and rows get cut). */
function decodeInPieces(format: BinaryFormat, bytes: Uint8Array, seed: number, opts = {}): Float32Array {
  const layout = binaryLayout(format, bytes, bytes.length, 'x', opts);
  const out = new Float32Array(layout.n * layout.dim);
  const decoder = new RowDecoder(layout, out, 'x');
  const r = rng(seed);
  // Copy the data to an odd offset so the aligned fast paths are not the only ones exercised.
  const shifted = new Uint8Array(bytes.length + 1).subarray(1);
  shifted.set(bytes);
  for (let pos = layout.dataOffset; pos < bytes.length;) {
    const len = Math.min(bytes.length - pos, 1 + Math.floor(r() * 29));
    decoder.push(shifted.subarray(pos, pos + len));
    pos += len;
  }
  assert.ok(decoder.complete);
  return out;
}

test('the chunked decoder gives exactly what the whole-file parsers give, cut anywhere', () => {
  for (const [name, format, bytes, opts] of CASES) {
    const whole = parseVectorBytes(bytes, 'x', format, opts);
    for (const seed of [1, 2, 3]) {
      const got = decodeInPieces(format, bytes, seed, opts);
      assert.deepEqual([...got], [...whole.matrix.data], `${name} seed ${seed}`);
    }
    const layout = binaryLayout(format, bytes, bytes.length, 'x', opts);
    assert.deepEqual([layout.n, layout.dim, layout.dtype], [N, D, whole.dtype], name);
  }
});

test('the layout rejects bad headers, truncation and trailing bytes from the first bytes and the size', () => {
  const npy = CASES[0]![2];
  const head = npy.subarray(0, 128);
  // Only the header bytes are given: the size alone says the data is cut off or too long.
  assertUserError(
    () => binaryLayout('npy', head, npy.length - 3, 'f.npy'),
    'f.npy',
    /truncated: .*row 36 is cut off/,
  );
  assertUserError(
    () => binaryLayout('npy', head, npy.length + 8, 'f.npy'),
    'f.npy',
    /corrupt: 8 bytes follow/,
  );
  assertUserError(
    () => binaryLayout('npy', new Uint8Array([1, 2, 3, 4]), 3e9, 'f.npy'),
    'f.npy',
    /not an \.npy file/,
  );
  assertUserError(
    () => binaryLayout('fvecs', new Uint8Array([0, 0, 0, 0x80]), 3e9, 'f.fvecs'),
    'f.fvecs',
    /declares dimension/,
  );
  assertUserError(() => binaryLayout('fbin', new Uint8Array(8), 3e9, 'f.fbin'), 'f.fbin', /dim = 0/);
  assertUserError(() => binaryLayout('raw-f32', new Uint8Array(0), 12, 'f.f32'), 'f.f32', /pass --dim/);
  assert.equal(promisedSize('npy', head, 'f.npy'), npy.length);
  assert.equal(promisedSize('fvecs', head, 'f.fvecs'), undefined);
});

test('the decoder rejects a row of another dimension and bytes beyond the header', () => {
  const fv = encodeFvecs(base, N, D);
  new DataView(fv.buffer).setInt32(3 * (4 + 4 * D), D + 1, true);
  assertUserError(() => decodeInPieces('fvecs', fv, 1), 'x', /row 3 has dimension 6 but row 0 has 5/);
  const npy = CASES[0]![2];
  const layout = binaryLayout('npy', npy, npy.length, 'g.npy');
  const decoder = new RowDecoder(layout, new Float32Array(N * D), 'g.npy');
  decoder.push(npy.subarray(layout.dataOffset));
  assertUserError(() => decoder.push(new Uint8Array(1)), 'g.npy', /more data than the 37 × 5 f32 rows/);
});
