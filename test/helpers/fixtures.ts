// The test fixtures: seeded data generators and the brute-force references every approximate method
// is measured against. One module, so a test never carries its own copy of a generator or a k-NN.
import { createRng, Rng } from '../../core/common/random.js';
import type { LinearReduction } from '../../core/common/reduce/reduction.js';
import type { QuantizerSpec } from '../../core/common/quantize/trainCodec.js';
import type { ReductionFitter } from '../../core/common/study/studyTypes.js';
import type { Matrix, Metric } from '../../core/common/types.js';

/** A seeded uniform [0, 1) generator for test data: the engine's mulberry32 (core/common/random.ts). */
export function rng(seed: number): () => number {
  return new Rng(seed).next;
}

/** n × dim values uniform in [-1, 1). */
export function randomMatrix(n: number, dim: number, seed: number): Matrix {
  const r = rng(seed);
  const data = new Float32Array(n * dim);
  for (let i = 0; i < data.length; i++) data[i] = r() * 2 - 1;
  return { data, n, dim };
}

/** n points in `clusters` Gaussian clusters (centres spread 4σ·√dim apart on average), seeded. */
export function clusteredGaussian(n: number, dim: number, clusters: number, seed: number): Matrix {
  const rand = createRng(seed);
  const centres = new Float32Array(clusters * dim);
  for (let i = 0; i < centres.length; i++) centres[i] = rand.gaussian() * 3;
  const data = new Float32Array(n * dim);
  for (let i = 0; i < n; i++) {
    const c = Math.floor(rand.next() * clusters);
    for (let j = 0; j < dim; j++) data[i * dim + j] = centres[c * dim + j]! + rand.gaussian();
  }
  return { data, n, dim };
}

/**
 * Brute-force top-k ids for each query (test code only): l2 smallest squared distance, ip / cos
 * largest inner product (cos assumes the caller normalised, or normalises here when `normalize`).
 */
export function bruteKnn(base: Matrix, queries: Matrix, k: number, metric: Metric): Int32Array {
  const D = base.dim;
  const out = new Int32Array(queries.n * k);
  const norms = new Float64Array(base.n);
  for (let i = 0; i < base.n; i++) {
    let s = 0;
    for (let j = 0; j < D; j++) s += base.data[i * D + j]! ** 2;
    norms[i] = s;
  }
  const score = new Float64Array(base.n);
  for (let q = 0; q < queries.n; q++) {
    const qo = q * D;
    for (let i = 0; i < base.n; i++) {
      let dot = 0;
      const bo = i * D;
      for (let j = 0; j < D; j++) dot += queries.data[qo + j]! * base.data[bo + j]!;
      score[i] =
        metric === 'l2' ? 2 * dot - norms[i]! : metric === 'cos' ? dot / Math.sqrt(norms[i]! || 1) : dot;
    }
    // partial selection of the k largest scores
    const best: number[] = [];
    for (let i = 0; i < base.n; i++) {
      if (best.length < k) {
        best.push(i);
        best.sort((a, b) => score[b]! - score[a]!);
      } else if (score[i]! > score[best[k - 1]!]!) {
        best[k - 1] = i;
        best.sort((a, b) => score[b]! - score[a]!);
      }
    }
    out.set(best, q * k);
  }
  return out;
}

/** Mean over queries of |found ∩ truth| / k; found is nq × k, truth rows hold truthK ≥ k ids (the first k count). */
export function recallAt(found: Int32Array, truth: Int32Array, nq: number, k: number, truthK = k): number {
  let hit = 0;
  for (let q = 0; q < nq; q++) {
    const t = new Set(truth.subarray(q * truthK, q * truthK + k));
    for (let i = 0; i < k; i++) if (t.has(found[q * k + i]!)) hit++;
  }
  return hit / (nq * k);
}

/**
 * n points on a random `intrinsic`-dimensional linear subspace of R^dim (Gaussian coordinates with
 * standard deviations `scales`), plus isotropic Gaussian noise of standard deviation `noise`, shifted
 * by `offset` in every coordinate. Returns the points and the orthonormal basis (intrinsic × dim rows).
 */
export function plantedSubspace(
  n: number,
  dim: number,
  scales: number[],
  noise: number,
  seed: number,
  offset = 0,
): { matrix: Matrix; basis: Float64Array } {
  const rng = new Rng(seed);
  const k = scales.length;
  const basis = new Float64Array(k * dim);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < dim; j++) basis[i * dim + j] = rng.gaussian();
    for (let p = 0; p < i; p++) {
      let dot = 0;
      for (let j = 0; j < dim; j++) dot += basis[i * dim + j]! * basis[p * dim + j]!;
      for (let j = 0; j < dim; j++) basis[i * dim + j]! -= dot * basis[p * dim + j]!;
    }
    let s = 0;
    for (let j = 0; j < dim; j++) s += basis[i * dim + j]! ** 2;
    for (let j = 0; j < dim; j++) basis[i * dim + j]! /= Math.sqrt(s);
  }
  const data = new Float32Array(n * dim);
  for (let r = 0; r < n; r++) {
    for (let i = 0; i < k; i++) {
      const c = rng.gaussian() * scales[i]!;
      for (let j = 0; j < dim; j++) data[r * dim + j]! += c * basis[i * dim + j]!;
    }
    for (let j = 0; j < dim; j++) data[r * dim + j]! += noise * rng.gaussian() + offset;
  }
  return { matrix: { data, n, dim }, basis };
}

/** n standard Gaussian rows of dimension dim. */
export function gaussianMatrix(n: number, dim: number, seed: number): Matrix {
  const rng = new Rng(seed);
  return { data: Float32Array.from({ length: n * dim }, () => rng.gaussian()), n, dim };
}

/** Every quantizer once (RaBitQ with 1 and 4 bits), PQ and OPQ with m sub-quantizers. */
export function everyQuantizer(m: number): QuantizerSpec[] {
  return [
    { kind: 'F32' },
    { kind: 'F16' },
    { kind: 'SQ8' },
    { kind: 'LVQ8' },
    { kind: 'LVQ4' },
    { kind: 'LVQ4x8' },
    { kind: 'PQ', m },
    { kind: 'OPQ', m },
    { kind: 'BIN' },
    { kind: 'RaBitQ' },
    { kind: 'RaBitQ', bits: 4 },
    { kind: 'ABIN' },
  ];
}

/** The first `nBase` rows as the base and the rest as queries (views, no copies). */
export function splitRows(all: Matrix, nBase: number): { base: Matrix; queries: Matrix } {
  const { dim } = all;
  return {
    base: { data: all.data.subarray(0, nBase * dim), n: nBase, dim },
    queries: { data: all.data.subarray(nBase * dim), n: all.n - nBase, dim },
  };
}

/** A reduction fitter that keeps the first d coordinates: enough of a LinearReduction for the study's tests. */
export const truncatingFitter: ReductionFitter = (method, base, { dim }) => {
  const m = new Float32Array(base.dim * dim);
  for (let j = 0; j < dim; j++) m[j * dim + j] = 1;
  const r: LinearReduction = {
    method,
    inDim: base.dim,
    outDim: dim,
    dataMatrix: m,
    queryMatrix: m,
    centerQueries: false,
  };
  return r;
};
