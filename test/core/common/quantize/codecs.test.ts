import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BinaryCodec } from '../../../../core/common/quantize/binaryCodec.js';
import type { Codec, CodeMetric } from '../../../../core/common/quantize/codec.js';
import { F16Codec } from '../../../../core/common/quantize/f16Codec.js';
import { F32Codec, F32ReferenceScorer } from '../../../../core/common/quantize/f32Codec.js';
import {
  fromHalfBits,
  roundHalf,
  roundHalfDown,
  roundHalfUp,
  toHalfBits,
} from '../../../../core/common/quantize/fp16.js';
import { LvqCodec } from '../../../../core/common/quantize/lvqCodec.js';
import { OpqCodec } from '../../../../core/common/quantize/opqCodec.js';
import { PqCodec } from '../../../../core/common/quantize/pqCodec.js';
import { createRng } from '../../../../core/common/random.js';
import { Sq8Codec } from '../../../../core/common/quantize/sq8Codec.js';
import type { Matrix } from '../../../../core/common/types.js';

function gaussianMatrix(n: number, dim: number, seed: number, shift = 0.3): Matrix {
  const rand = createRng(seed);
  const data = new Float32Array(n * dim);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < dim; j++) data[i * dim + j] = rand.gaussian() * (1 + (j % 5)) + shift * j;
  return { data, n, dim };
}

function mse(a: Matrix, b: Matrix): number {
  let s = 0;
  for (let i = 0; i < a.data.length; i++) s += (a.data[i]! - b.data[i]!) ** 2;
  return s / a.n;
}

/** The codec's two scorers and the distance after decoding agree on every (query, row) pair. */
function checkDistances(codec: Codec, x: Matrix, queries: Matrix, tol: number): void {
  const enc = codec.encode(x);
  const dec = codec.decode(enc);
  const wasm = codec.scorer(enc, 'wasm');
  const ref = codec.scorer(enc, 'reference');
  const decoded = new F32ReferenceScorer(dec, codec.metric);
  for (let qi = 0; qi < queries.n; qi++) {
    wasm.setQuery(queries.data, qi * queries.dim);
    ref.setQuery(queries.data, qi * queries.dim);
    decoded.setQuery(queries.data, qi * queries.dim);
    for (let i = 0; i < x.n; i++) {
      const want = decoded.distance(i);
      const scale = 1 + Math.abs(want);
      assert.ok(
        Math.abs(ref.refined(i) - want) <= tol * scale,
        `${codec.kind} ref ${ref.refined(i)} vs ${want}`,
      );
      assert.ok(
        Math.abs(wasm.refined(i) - want) <= tol * scale,
        `${codec.kind} wasm ${wasm.refined(i)} vs ${want}`,
      );
      assert.ok(Math.abs(wasm.distance(i) - ref.distance(i)) <= tol * (1 + Math.abs(ref.distance(i))));
    }
  }
}

const metrics: CodeMetric[] = ['l2', 'ip'];

test('fp16 conversion rounds to nearest and brackets', () => {
  assert.equal(fromHalfBits(toHalfBits(1)), 1);
  assert.equal(fromHalfBits(toHalfBits(65504)), 65504);
  assert.equal(fromHalfBits(toHalfBits(1e6)), Infinity);
  assert.equal(roundHalf(2 ** -24), 2 ** -24);
  assert.equal(roundHalf(1 + 2 ** -11), 1); // tie to even
  const rand = createRng(3);
  for (let i = 0; i < 2000; i++) {
    const x = (rand.next() - 0.5) * 10 ** Math.floor(rand.next() * 6 - 3);
    const r = roundHalf(x);
    assert.ok(Math.abs(r - x) <= Math.abs(x) * 2 ** -11 + 2 ** -25, `${x} -> ${r}`);
    assert.ok(roundHalfDown(x) <= x && roundHalfUp(x) >= x);
    assert.equal(roundHalf(roundHalfDown(x)), roundHalfDown(x));
  }
});

test('F32 and F16 codecs: error bound and distance without decoding', () => {
  const x = gaussianMatrix(300, 70, 1);
  const q = gaussianMatrix(5, 70, 2);
  for (const metric of metrics) {
    const f32 = F32Codec.train(x, metric);
    assert.deepEqual(f32.decode(f32.encode(x)).data, x.data);
    checkDistances(f32, x, q, 1e-5);
    const f16 = F16Codec.train(x, metric);
    const dec = f16.decode(f16.encode(x));
    for (let i = 0; i < x.data.length; i++)
      assert.ok(Math.abs(dec.data[i]! - x.data[i]!) <= Math.abs(x.data[i]!) * 2 ** -11 + 1e-7);
    checkDistances(f16, x, q, 1e-5);
  }
});

test('SQ8: error at most half a step inside the trained range; kernels match', () => {
  const x = gaussianMatrix(300, 70, 4);
  const q = gaussianMatrix(5, 70, 5);
  for (const metric of metrics) {
    const c = Sq8Codec.train(x, metric);
    const dec = c.decode(c.encode(x));
    for (let i = 0; i < x.n; i++)
      for (let j = 0; j < x.dim; j++)
        assert.ok(Math.abs(dec.data[i * 70 + j]! - x.data[i * 70 + j]!) <= c.step[j]! / 2 + 1e-5);
    // The kernel takes a 16-bit query (queryI16.ts, its error bound tested there): about 1 % of the
    // codes' own error, which is what the looser tolerance admits. Under l2 that error enters the cross
    // term of ‖u‖² − 2<u, x̂> + ‖x̂‖² twice, and is absolute (of the order of the norms, not of the
    // distance); these queries lie as far from the rows as the norms, so the same tolerance holds.
    checkDistances(c, x, q, 2e-3);
    // The l2 row term is ‖x̂ − vmin‖² of the decoded row.
    const norms = c.rowNorms(c.encode(x));
    for (let i = 0; i < x.n; i++) {
      let want = 0;
      for (let j = 0; j < x.dim; j++) want += (dec.data[i * 70 + j]! - c.vmin[j]!) ** 2;
      assert.ok(Math.abs(norms[i]! - want) <= 1e-5 * want, `SQ8 row ${i}: ${norms[i]} vs ${want}`);
    }
  }
});

test('LVQ-8 / LVQ-4 / LVQ-4x8: at most half a step per coordinate; kernels match decoding', () => {
  for (const dim of [70, 64, 33, 5]) {
    const x = gaussianMatrix(200, dim, 6 + dim);
    const q = gaussianMatrix(4, dim, 7 + dim);
    for (const kind of ['LVQ8', 'LVQ4', 'LVQ4x8'] as const) {
      for (const metric of metrics) {
        const c = LvqCodec.train(kind, x, metric);
        const enc = c.encode(x);
        for (const s of [enc.scale!, enc.bias!]) for (const v of s) assert.equal(roundHalf(v), v);
        const dec = c.decode(enc);
        for (let i = 0; i < x.n; i++) {
          const step = enc.scale![i]! / (kind === 'LVQ4x8' ? 255 : 1);
          for (let j = 0; j < dim; j++) {
            const err = Math.abs(dec.data[i * dim + j]! - x.data[i * dim + j]!);
            assert.ok(
              err <= step / 2 + 1e-5 * (1 + Math.abs(x.data[i * dim + j]!)),
              `${kind} d=${dim} err ${err} > ${step / 2}`,
            );
          }
        }
        // LVQ8 scores with a 16-bit query (queryI16.ts; about 1 % of the codes' own error), under l2
        // through the expanded square, as SQ8 does (see there).
        checkDistances(c, x, q, kind === 'LVQ8' ? 2e-3 : 2e-5);
        if (kind === 'LVQ8') {
          // The l2 row term is ‖x̂ − mean‖² of the decoded row.
          const norms = c.rowNorms(enc);
          for (let i = 0; i < x.n; i++) {
            let want = 0;
            for (let j = 0; j < dim; j++) want += (dec.data[i * dim + j]! - c.mean[j]!) ** 2;
            assert.ok(
              Math.abs(norms[i]! - want) <= 1e-5 * (1 + want),
              `LVQ8 row ${i}: ${norms[i]} vs ${want}`,
            );
          }
        }
        assert.equal(c.codeBytes, (kind === 'LVQ8' ? dim : Math.ceil(dim / 2)) + 4);
      }
    }
  }
});

test('PQ and OPQ: trained error below the untrained baseline; ADC equals decoded distance', () => {
  // Correlated data: a random mixing of anisotropic Gaussian coordinates.
  const n = 1500;
  const dim = 24;
  const base = gaussianMatrix(n, dim, 11, 0);
  const rand = createRng(12);
  const mix = new Float32Array(dim * dim);
  for (let i = 0; i < mix.length; i++) mix[i] = rand.gaussian();
  const data = new Float32Array(n * dim);
  for (let i = 0; i < n; i++)
    for (let b = 0; b < dim; b++) {
      let s = 0;
      for (let a = 0; a < dim; a++) s += base.data[i * dim + a]! * mix[a * dim + b]!;
      data[i * dim + b] = s;
    }
  const x: Matrix = { data, n, dim };
  const q = gaussianMatrix(4, dim, 13);
  const untrained = PqCodec.train(x, 6, 'l2', { seed: 1, iterations: 0 });
  const pq = PqCodec.train(x, 6, 'l2', { seed: 1, iterations: 20 });
  const opq = OpqCodec.train(x, 6, 'l2', { seed: 1, iterations: 6 });
  const eU = mse(untrained.decode(untrained.encode(x)), x);
  const ePq = mse(pq.decode(pq.encode(x)), x);
  const eOpq = mse(opq.decode(opq.encode(x)), x);
  console.log(
    `PQ6 on 24-d mixed Gaussian: mse untrained ${eU.toFixed(2)}, PQ ${ePq.toFixed(2)}, OPQ ${eOpq.toFixed(2)}`,
  );
  assert.ok(ePq < 0.9 * eU, `PQ ${ePq} vs untrained ${eU}`);
  assert.ok(eOpq < 0.9 * eU, `OPQ ${eOpq} vs untrained ${eU}`);
  assert.ok(eOpq < ePq, `OPQ ${eOpq} should beat PQ ${ePq} on correlated data`);
  for (const metric of metrics) {
    checkDistances(PqCodec.train(x, 5, metric, { seed: 2, iterations: 5 }), x, q, 1e-4);
    checkDistances(OpqCodec.train(x, 4, metric, { seed: 2, iterations: 2 }), x, q, 1e-4);
  }
});

test('binary: Hamming from the query bits equals the decoded sign agreement', () => {
  const x = gaussianMatrix(200, 70, 21);
  const q = gaussianMatrix(5, 70, 22);
  const c = BinaryCodec.train(x, 'ip');
  const enc = c.encode(x);
  assert.equal(c.codeBytes, 9);
  const dec = c.decode(enc);
  const wasm = c.scorer(enc);
  const ref = c.scorer(enc, 'reference');
  for (let qi = 0; qi < q.n; qi++) {
    wasm.setQuery(q.data, qi * 70);
    ref.setQuery(q.data, qi * 70);
    for (let i = 0; i < x.n; i++) {
      let agree = 0;
      for (let j = 0; j < 70; j++) {
        const qs = q.data[qi * 70 + j]! > c.mean[j]! ? 1 : -1;
        const xs = (dec.data[i * 70 + j]! - c.mean[j]!) / c.spread[j]!;
        agree += qs * xs;
      }
      assert.equal(wasm.distance(i), ref.distance(i));
      assert.ok(Math.abs(wasm.distance(i) - (70 - agree) / 2) < 1e-3);
    }
  }
  for (let i = 0; i < x.n; i++)
    for (let j = 0; j < 70; j++)
      assert.equal(dec.data[i * 70 + j]! > c.mean[j]!, x.data[i * 70 + j]! > c.mean[j]!);
});
