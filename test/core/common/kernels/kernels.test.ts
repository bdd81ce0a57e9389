import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { KernelSet } from '../../../../core/common/kernels/kernelSet.js';
import { Kernels } from '../../../../core/common/kernels/kernels.js';
import { referenceKernels } from '../../../../core/common/kernels/reference.js';
import { randomMatrix, rng } from '../../../helpers/fixtures.js';

// (nq, nr, dim): odd dims, single rows/queries, several query and row blocks per call.
const SHAPES: [number, number, number][] = [
  [1, 1, 1],
  [1, 5, 3],
  [2, 3, 4],
  [3, 7, 13],
  [4, 2, 8],
  [5, 9, 17],
  [9, 17, 33],
  [1, 50, 101],
  [7, 40, 3001],
  [130, 6, 5],
];

function randomHalves(len: number, seed: number): Uint16Array {
  const r = rng(seed);
  const out = new Uint16Array(len);
  // Finite halves of moderate size (exponents 5..20), subnormals included via exponent 0 now and then.
  for (let i = 0; i < len; i++) {
    const exp = r() < 0.05 ? 0 : 5 + Math.floor(r() * 16);
    out[i] = (r() < 0.5 ? 0x8000 : 0) | (exp << 10) | Math.floor(r() * 1024);
  }
  return out;
}

function randomBytes(len: number, seed: number): Uint8Array {
  const r = rng(seed);
  const out = new Uint8Array(len);
  for (let i = 0; i < len; i++) out[i] = Math.floor(r() * 256);
  return out;
}

const wasm = new Kernels();

for (const [nq, nr, dim] of SHAPES) {
  test(`wasm kernels equal the reference bit for bit (nq=${nq}, nr=${nr}, dim=${dim})`, () => {
    const seed = nq * 1000 + nr * 10 + dim;
    const q = randomMatrix(nq, dim, seed).data;
    const r = randomMatrix(nr, dim, seed + 1).data;
    const h = randomHalves(nr * dim, seed + 2);
    const b = randomBytes(nr * dim, seed + 3);
    const qb = randomBytes(nq * dim, seed + 4);
    const cases: [string, (k: KernelSet) => Float32Array | Int32Array][] = [
      ['dotBatch', (k) => k.dotBatch(q, nq, r, nr, dim)],
      ['l2Batch', (k) => k.l2Batch(q, nq, r, nr, dim)],
      ['dotBatchF16', (k) => k.dotBatchF16(q, nq, h, nr, dim)],
      ['l2BatchF16', (k) => k.l2BatchF16(q, nq, h, nr, dim)],
      ['dotBatchU8', (k) => k.dotBatchU8(q, nq, b, nr, dim)],
      ['l2BatchU8', (k) => k.l2BatchU8(q, nq, b, nr, dim)],
      ['dotBatchU8U8', (k) => k.dotBatchU8U8(qb, nq, b, nr, dim)],
      ['l2BatchU8U8', (k) => k.l2BatchU8U8(qb, nq, b, nr, dim)],
      ['sqNorms', (k) => k.sqNorms(r, nr, dim)],
    ];
    for (const [name, run] of cases) {
      const got = run(wasm);
      const want = run(referenceKernels);
      assert.equal(got.length, want.length, name);
      assert.ok(got.every(Number.isFinite), `${name}: finite`);
      assert.deepEqual(got, want, name);
    }
  });
}

test('one query against rows: the in-kernel f16/u8 decoding path equals the batch path', () => {
  const dim = 23;
  const nr = 11;
  const q = randomMatrix(2, dim, 5).data;
  const h = randomHalves(nr * dim, 6);
  const b = randomBytes(nr * dim, 7);
  const pair = wasm.l2BatchF16(q, 2, h, nr, dim);
  assert.deepEqual(wasm.l2BatchF16(q.subarray(0, dim), 1, h, nr, dim), pair.subarray(0, nr));
  const pairU8 = wasm.dotBatchU8(q, 2, b, nr, dim);
  assert.deepEqual(wasm.dotBatchU8(q.subarray(0, dim), 1, b, nr, dim), pairU8.subarray(0, nr));
});

test('the float32 kernels stay within float32 rounding of a double-precision computation', () => {
  const nq = 6;
  const nr = 9;
  const dim = 777;
  const q = randomMatrix(nq, dim, 11).data;
  const r = randomMatrix(nr, dim, 12).data;
  const dot = wasm.dotBatch(q, nq, r, nr, dim);
  const l2 = wasm.l2Batch(q, nq, r, nr, dim);
  for (let i = 0; i < nq; i++) {
    for (let j = 0; j < nr; j++) {
      let d = 0;
      let e = 0;
      let mag = 0;
      for (let t = 0; t < dim; t++) {
        const a = q[i * dim + t]!;
        const c = r[j * dim + t]!;
        d += a * c;
        mag += Math.abs(a * c);
        e += (a - c) ** 2;
      }
      assert.ok(Math.abs(dot[i * nr + j]! - d) <= 1e-5 * mag, `dot ${i},${j}`);
      assert.ok(Math.abs(l2[i * nr + j]! - e) <= 1e-5 * e, `l2 ${i},${j}`);
    }
  }
});

test('f16 decoding is exact for all 65,536 bit patterns', () => {
  const bits = new Uint16Array(65536);
  for (let i = 0; i < bits.length; i++) bits[i] = i;
  const got = wasm.decodeF16(bits);
  const want = referenceKernels.decodeF16(bits);
  let nan = 0;
  for (let i = 0; i < bits.length; i++) {
    if (Number.isNaN(want[i])) {
      assert.ok(Number.isNaN(got[i]), `bits ${i.toString(16)}`);
      nan++;
    } else {
      assert.ok(Object.is(got[i], want[i]), `bits ${i.toString(16)}: ${got[i]} vs ${want[i]}`);
    }
  }
  assert.equal(nan, 2 * 1023);
  assert.equal(got[0x3c00], 1);
  assert.equal(got[0x0001], 2 ** -24);
  assert.equal(got[0xfc00], -Infinity);
  assert.equal(got[0x7bff], 65504);
});

test('u8 × u8 kernels are exact integers', () => {
  const q = new Uint8Array([255, 0, 255, 1, 2, 3, 4, 5, 6, 255]);
  const r = new Uint8Array([0, 255, 255, 1, 0, 0, 0, 0, 0, 0]);
  assert.deepEqual(wasm.l2BatchU8U8(q, 1, r, 1, 10), new Int32Array([255 * 255 * 3 + 4 + 9 + 16 + 25 + 36]));
  assert.deepEqual(wasm.dotBatchU8U8(q, 1, r, 1, 10), new Int32Array([255 * 255 + 1]));
});

test('results can be written into a caller-owned array', () => {
  const q = randomMatrix(3, 10, 1).data;
  const r = randomMatrix(4, 10, 2).data;
  const out = new Float32Array(12);
  assert.equal(wasm.dotBatch(q, 3, r, 4, 10, out), out);
  assert.deepEqual(out, referenceKernels.dotBatch(q, 3, r, 4, 10));
});
