import assert from 'node:assert/strict';
import { test } from 'node:test';
import { reduceData, reduceQueries, type LinearReduction } from '../../../../core/common/reduce/reduction.js';
import { randomMatrix } from '../../../helpers/fixtures.js';

// The projection runs as x·M on WebAssembly tiles with the scale and the centring applied after; the
// float64 formula (s·x − μ)·M, row by row, is the reference.
function naive(r: LinearReduction, data: Float32Array, n: number, matrix: Float32Array, center: boolean) {
  const D = r.inDim;
  const d = r.outDim;
  const out = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    let s = 1;
    if (r.normalizeInput) {
      let q = 0;
      for (let j = 0; j < D; j++) q += data[i * D + j]! ** 2;
      s = q > 0 ? 1 / Math.sqrt(q) : 0;
    }
    for (let c = 0; c < d; c++) {
      let acc = 0;
      for (let j = 0; j < D; j++)
        acc += (s * data[i * D + j]! - (center && r.mean ? r.mean[j]! : 0)) * matrix[j * d + c]!;
      out[i * d + c] = acc;
    }
    if (r.renormalize) {
      let q = 0;
      for (let c = 0; c < d; c++) q += out[i * d + c]! ** 2;
      for (let c = 0; c < d; c++) out[i * d + c]! /= Math.sqrt(q);
    }
  }
  return out;
}

test('reduceData / reduceQueries equal (s·x − μ)·M for every option, across tile blocks', () => {
  const D = 37;
  const d = 11;
  // More rows than one projection block (2048), so the last block is short.
  const n = 4_500;
  const x = randomMatrix(n, D, 5);
  for (let i = 0; i < x.data.length; i++) x.data[i]! += 3; // a mean far from 0 tests the centring
  const data = randomMatrix(D, d, 6).data;
  const query = randomMatrix(D, d, 7).data;
  const mean = new Float32Array(D).fill(3);
  for (const [normalizeInput, renormalize, centre] of [
    [false, false, true],
    [true, false, false],
    [false, true, true],
    [true, true, true],
  ] as const) {
    const r: LinearReduction = {
      method: 'pca',
      inDim: D,
      outDim: d,
      dataMatrix: data,
      queryMatrix: query,
      ...(centre ? { mean } : {}),
      centerQueries: false,
      normalizeInput,
      renormalize,
    };
    const label = JSON.stringify({ normalizeInput, renormalize, centre });
    for (const [got, want] of [
      [reduceData(r, x), naive(r, x.data, n, data, true)],
      [reduceQueries(r, x), naive(r, x.data, n, query, false)],
    ] as const) {
      assert.equal(got.n, n);
      assert.equal(got.dim, d);
      let worst = 0;
      let scale = 0;
      for (let i = 0; i < want.length; i++) {
        worst = Math.max(worst, Math.abs(got.data[i]! - want[i]!));
        scale = Math.max(scale, Math.abs(want[i]!));
      }
      assert.ok(worst <= 1e-5 * Math.max(1, scale), `${label}: off by ${worst} (values up to ${scale})`);
    }
  }
});
