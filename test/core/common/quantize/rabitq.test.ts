import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SyntheticEmbeddings } from '../../../../core/common/data/syntheticEmbeddings.js';
import { BinaryCodec } from '../../../../core/common/quantize/binaryCodec.js';
import { packPlanes, planeBytes } from '../../../../core/common/quantize/bitPlanes.js';
import type { Codec, CodeMetric } from '../../../../core/common/quantize/codec.js';
import { extendedCode } from '../../../../core/common/quantize/extendedCode.js';
import { F32Codec } from '../../../../core/common/quantize/f32Codec.js';
import { RabitqCodec, RABITQ_EPSILON0 } from '../../../../core/common/quantize/rabitqCodec.js';
import { WasmArena } from '../../../../core/common/quantize/wasmArena.js';
import { PipelineSearcher } from '../../../../core/common/search/pipelineSearcher.js';
import type { Matrix } from '../../../../core/common/types.js';
import {
  bruteKnn,
  clusteredGaussian,
  gaussianMatrix,
  recallAt,
  rng,
  splitRows,
} from '../../../helpers/fixtures.js';

function dot(a: Float32Array, ao: number, b: Float32Array, bo: number, dim: number): number {
  let s = 0;
  for (let j = 0; j < dim; j++) s += a[ao + j]! * b[bo + j]!;
  return s;
}

/** Mean |estimated − exact| / ‖o − c‖‖q‖ of the inner-product estimates over all (query, row) pairs. */
function meanRelativeError(codec: RabitqCodec, base: Matrix, queries: Matrix): number {
  const enc = codec.encode(base);
  const s = codec.scorer(enc);
  const { dim } = base;
  let err = 0;
  for (let q = 0; q < queries.n; q++) {
    s.setQuery(queries.data, q * dim);
    const qn = Math.sqrt(dot(queries.data, q * dim, queries.data, q * dim, dim));
    for (let i = 0; i < base.n; i++) {
      const exact = dot(queries.data, q * dim, base.data, i * dim, dim);
      err += Math.abs(-s.distance(i) - exact) / (enc.scale![i]! * qn);
    }
  }
  return err / (queries.n * base.n);
}

test('bit planes: the WASM popcount dot equals the plain sum of products for every bit width', () => {
  const r = rng(5);
  for (const n of [7, 64, 100, 128, 200, 384]) {
    const pb = planeBytes(n);
    for (let bits = 1; bits <= 8; bits++)
      for (const qbits of [4, 8]) {
        const c = Uint8Array.from({ length: n }, () => Math.floor(r() * (1 << bits)));
        const q = Uint8Array.from({ length: n }, () => Math.floor(r() * (1 << qbits)));
        const a = new WasmArena();
        const qAt = a.reserve(qbits * pb);
        const cAt = a.reserve(bits * pb);
        a.commit();
        packPlanes(q, n, qbits, pb, a.u8(qAt, qbits * pb), 0);
        packPlanes(c, n, bits, pb, a.u8(cAt, bits * pb), 0);
        let want = 0;
        for (let j = 0; j < n; j++) want += c[j]! * q[j]!;
        assert.equal(a.k.rabitqDot(qAt, cAt, pb, bits, qbits), want, `n=${n} bits=${bits} × ${qbits}`);
      }
  }
});

test('extended code: the chosen scale beats every other scale tried, and 1 bit is the sign code', () => {
  const r = rng(9);
  const n = 96;
  const x = Float64Array.from({ length: n }, () => r() * 2 - 1);
  const cosOf = (codes: ArrayLike<number>, bits: number) => {
    const h = ((1 << bits) - 1) / 2;
    let xy = 0;
    let yy = 0;
    let xx = 0;
    for (let j = 0; j < n; j++) {
      xy += x[j]! * (codes[j]! - h);
      yy += (codes[j]! - h) ** 2;
      xx += x[j]! ** 2;
    }
    return xy / Math.sqrt(xx * yy);
  };
  const sign = new Uint8Array(n);
  extendedCode(x, n, 1, sign);
  for (let j = 0; j < n; j++) assert.equal(sign[j], x[j]! > 0 ? 1 : 0);
  let previous = cosOf(sign, 1);
  for (let bits = 2; bits <= 8; bits++) {
    const out = new Uint8Array(n);
    extendedCode(x, n, bits, out);
    const best = cosOf(out, bits);
    const L = 1 << (bits - 1);
    // A fine grid of scales, each rounded the same way, never does better than the exact search.
    for (let t = 0.01; t < 40 * L; t *= 1.01) {
      const c = Array.from(x, (v) => {
        const m = Math.min(Math.floor(t * Math.abs(v)), L - 1);
        return v > 0 ? L + m : L - 1 - m;
      });
      assert.ok(cosOf(c, bits) <= best + 1e-12, `bits ${bits}: t=${t} beats the search`);
    }
    assert.ok(best > previous, `bits ${bits}: cosine ${best} not above ${previous}`);
    previous = best;
  }
  assert.ok(previous > 0.999, `8 bits: cosine ${previous}`);
});

test('RaBitQ scorers: WASM equals the TypeScript reference to the bit (l2, ip; 1, 3 and 8 bits; ABIN)', () => {
  const { base, queries } = splitRows(clusteredGaussian(620, 100, 5, 3), 600);
  for (const metric of ['l2', 'ip'] as CodeMetric[])
    for (const [kind, bits] of [
      ['RaBitQ', 1],
      ['RaBitQ', 3],
      ['RaBitQ', 8],
      ['ABIN', 1],
    ] as const) {
      const codec = RabitqCodec.train(kind, bits, base, metric, 4);
      const enc = codec.encode(base);
      const w = codec.scorer(enc, 'wasm');
      const r = codec.scorer(enc, 'reference');
      for (let q = 0; q < queries.n; q++) {
        w.setQuery(queries.data, q * 100);
        r.setQuery(queries.data, q * 100);
        for (let i = 0; i < base.n; i++)
          assert.equal(w.distance(i), r.distance(i), `${kind}${bits} ${metric}`);
      }
    }
});

test('RaBitQ: bytes per vector are the code planes plus two f32 factors', () => {
  const m = gaussianMatrix(50, 100, 1);
  assert.equal(RabitqCodec.train('RaBitQ', 1, m, 'l2', 1).codeBytes, 128 / 8 + 8);
  assert.equal(RabitqCodec.train('RaBitQ', 4, m, 'l2', 1).codeBytes, (4 * 128) / 8 + 8);
  assert.equal(RabitqCodec.train('ABIN', 1, m, 'l2', 1).codeBytes, 128 / 8 + 8);
  const enc = RabitqCodec.train('RaBitQ', 2, m, 'ip', 1).encode(m);
  assert.equal(enc.codes.length, 50 * 32);
  assert.equal(enc.scale!.length, 50);
  assert.equal(enc.bias!.length, 50);
});

test('RaBitQ estimator: unbiased, error shrinking with the dimension and with the bits', () => {
  // The estimate of <o − c, q> over many rotations: its mean over seeds approaches the exact value.
  const dim = 64;
  const { base, queries } = splitRows(gaussianMatrix(41, dim, 8), 40);
  const mean = new Float64Array(base.n);
  const seeds = 60;
  let exactScale = 0;
  for (let s = 0; s < seeds; s++) {
    const c = RabitqCodec.train('RaBitQ', 1, base, 'ip', 100 + s);
    const enc = c.encode(base);
    const sc = c.scorer(enc);
    sc.setQuery(queries.data, 0);
    for (let i = 0; i < base.n; i++) {
      const withCentre = dot(queries.data, 0, c.centroid, 0, dim);
      mean[i]! += (-sc.distance(i) - withCentre) / seeds;
    }
    exactScale = Math.sqrt(dot(queries.data, 0, queries.data, 0, dim));
  }
  const c0 = RabitqCodec.train('RaBitQ', 1, base, 'ip', 1);
  let bias = 0;
  let single = 0;
  const enc0 = c0.encode(base);
  const sc0 = c0.scorer(enc0);
  sc0.setQuery(queries.data, 0);
  for (let i = 0; i < base.n; i++) {
    let exact = 0;
    for (let j = 0; j < dim; j++) exact += queries.data[j]! * (base.data[i * dim + j]! - c0.centroid[j]!);
    const norm = enc0.scale![i]! * exactScale;
    bias += Math.abs(mean[i]! - exact) / norm;
    single += Math.abs(-sc0.distance(i) - dot(queries.data, 0, c0.centroid, 0, dim) - exact) / norm;
  }
  bias /= base.n;
  single /= base.n;
  // Averaging 60 independent rotations divides the spread by √60 ≈ 7.7 if the estimator is unbiased.
  assert.ok(bias < single / 4, `mean over rotations off by ${bias}, one rotation by ${single}`);

  // The paper's O(1/√D): each quadrupling of D (multiples of 64, so no padding) about halves the error.
  const errs: number[] = [];
  for (const d of [64, 256, 1024]) {
    const { base: b, queries: q } = splitRows(gaussianMatrix(320, d, 2), 300);
    errs.push(meanRelativeError(RabitqCodec.train('RaBitQ', 1, b, 'ip', 7), b, q));
  }
  for (let i = 1; i < errs.length; i++) {
    const ratio = errs[i - 1]! / errs[i]!;
    assert.ok(ratio > 1.7 && ratio < 2.4, `error by dim ${errs.join(', ')}`);
  }

  const { base: b, queries: q } = splitRows(gaussianMatrix(320, 128, 4), 300);
  const byBits = [1, 2, 4, 8].map((bits) =>
    meanRelativeError(RabitqCodec.train('RaBitQ', bits, b, 'ip', 7), b, q),
  );
  for (let i = 1; i < byBits.length; i++)
    assert.ok(byBits[i]! < byBits[i - 1]! * 0.7, `error by bits ${byBits.join(', ')}`);
});

// The estimator's error is close to Gaussian with standard deviation √((1 − <ō,x̄>²)/<ō,x̄>²)/√(D − 1)
// (in units of ‖o − c‖‖u‖), so the bound at ε0 holds for about the two-sided Gaussian mass within ε0
// deviations: 94 % at the paper's 1.9, 99 % from about 2.6.
test('RaBitQ error bound: ~94 % of pairs inside at ε0 = 1.9, at least 99 % at ε0 = 2.6', () => {
  for (const metric of ['ip', 'l2'] as CodeMetric[]) {
    const dim = 128;
    const { base, queries } = splitRows(clusteredGaussian(2_050, dim, 8, 6), 2_000);
    const codec = RabitqCodec.train('RaBitQ', 1, base, metric, 3);
    const enc = codec.encode(base);
    const s = codec.scorer(enc);
    const spread = codec.boundSpread(enc);
    let inside = 0;
    let inside99 = 0;
    let total = 0;
    let widthSum = 0;
    let rangeSum = 0;
    for (let q = 0; q < queries.n; q++) {
      let lo = Infinity;
      let hi = -Infinity;
      s.setQuery(queries.data, q * dim);
      const coef = codec.boundCoefficient(codec.queryNorm(queries.data, q * dim))!;
      const coef99 = codec.boundCoefficient(codec.queryNorm(queries.data, q * dim), 2.6)!;
      for (let i = 0; i < base.n; i++) {
        let exact = 0;
        for (let j = 0; j < dim; j++) {
          const d = queries.data[q * dim + j]! - base.data[i * dim + j]!;
          exact += metric === 'l2' ? d * d : 0;
        }
        if (metric === 'ip') exact = -dot(queries.data, q * dim, base.data, i * dim, dim);
        const width = coef * spread[i]!;
        widthSum += width;
        lo = Math.min(lo, exact);
        hi = Math.max(hi, exact);
        if (Math.abs(s.distance(i) - exact) <= width) inside++;
        if (Math.abs(s.distance(i) - exact) <= coef99 * spread[i]!) inside99++;
        total++;
      }
      rangeSum += (hi - lo) * base.n;
    }
    assert.ok(inside / total >= 0.93, `${metric}: ${inside}/${total} inside the bound at ε0 = 1.9`);
    assert.ok(inside99 / total >= 0.99, `${metric}: ${inside99}/${total} inside the bound at ε0 = 2.6`);
    // And the bound is not vacuous: a width is a small part of the spread of one query's distances.
    assert.ok(widthSum / rangeSum < 0.25, `${metric}: mean width / range ${widthSum / rangeSum}`);
    assert.equal(RABITQ_EPSILON0, 1.9);
  }
});

/** Recall@10 of a flat scan over the codec (re-ranked with F32 when `rerank`), against brute force. */
function flatRecall(
  codec: Codec,
  base: Matrix,
  queries: Matrix,
  truth: Int32Array,
  rerank: number,
): { recall: number; reranked: number } {
  const k = 10;
  const encoded = codec.encode(base);
  const f32 = F32Codec.train(base, codec.metric);
  const searcher = new PipelineSearcher({
    codec,
    encoded,
    ...(rerank > 0 ? { secondary: { codec: f32, encoded: f32.encode(base) } } : {}),
  });
  const out = new Int32Array(queries.n * k);
  let reranked = 0;
  for (let q = 0; q < queries.n; q++) {
    searcher.search(queries.data, q * base.dim, queries.data, q * base.dim, { k, W: k, rerank }, out, q * k);
    reranked += searcher.reranked;
  }
  return { recall: recallAt(out, truth, queries.n, k), reranked: reranked / queries.n };
}

test('recall@10 on 20,000 × 128 synthetic embeddings: RaBitQ, RaBitQ4 and ABIN, alone and re-ranked', () => {
  // Sentence-embedding-like unit rows (1,000 Zipf-sized anisotropic topics, a shared offset) with
  // in-distribution queries: the setting RaBitQ is meant for. A single global centroid cannot serve
  // clusters far apart relative to their spread (the paper pairs RaBitQ with IVF for that).
  const dim = 128;
  const g = new SyntheticEmbeddings({ dim, seed: 3 });
  const base: Matrix = { data: new Float32Array(20_000 * dim), n: 20_000, dim };
  const queries: Matrix = { data: new Float32Array(100 * dim), n: 100, dim };
  g.fill(base.data, 'base', 0);
  g.fill(queries.data, 'queries', 0);
  const truth = bruteKnn(base, queries, 10, 'ip');
  const bin = BinaryCodec.train(base, 'ip');
  const binAlone = flatRecall(bin, base, queries, truth, 0).recall;
  const rq = RabitqCodec.train('RaBitQ', 1, base, 'ip', 5);
  const plain = flatRecall(rq, base, queries, truth, 0).recall;
  assert.ok(plain >= 0.6 && plain > binAlone, `RaBitQ alone ${plain}, BIN alone ${binAlone}`);
  const one = flatRecall(rq, base, queries, truth, 200);
  assert.ok(one.recall >= 0.98, `RaBitQ|rerank=200 recall ${one.recall}`);
  // The bound keeps fewer than the 200 asked for, and at least k.
  assert.ok(one.reranked < 190 && one.reranked >= 10, `RaBitQ re-ranked ${one.reranked}`);
  const four = RabitqCodec.train('RaBitQ', 4, base, 'ip', 5);
  const fourAlone = flatRecall(four, base, queries, truth, 0).recall;
  assert.ok(fourAlone >= 0.88, `RaBitQ4 alone ${fourAlone}`);
  const fourRerank = flatRecall(four, base, queries, truth, 50);
  assert.ok(fourRerank.recall >= 0.99, `RaBitQ4|rerank=50 ${fourRerank.recall}`);
  // No bound for multi-bit codes: every requested candidate is re-ranked.
  assert.equal(fourRerank.reranked, 50);
  const abin = RabitqCodec.train('ABIN', 1, base, 'ip', 5);
  const abinAlone = flatRecall(abin, base, queries, truth, 0).recall;
  assert.ok(abinAlone > binAlone, `ABIN alone ${abinAlone}, BIN ${binAlone}`);
  const abinRerank = flatRecall(abin, base, queries, truth, 200).recall;
  assert.ok(abinRerank >= 0.98, `ABIN|rerank=200 ${abinRerank}`);
});
