import type { Matrix } from '../types.js';
import { GramAccumulator } from '../wasm/linalgKernel.js';

/** First and second moments of a set of rows, in float64. */
export interface Moments {
  n: number;
  dim: number;
  /** Component-wise mean (dim). */
  mean: Float64Array;
  /** Centred scatter Σ (x − μ)(x − μ)ᵀ, dim × dim row-major (not divided by n). */
  scatter: Float64Array;
}

/** What one pass over a range of rows produces, relative to a shared shift; partials merge by addition. */
export interface MomentsPartial {
  count: number;
  /** Σ (x − shift). */
  sums: Float64Array;
  /** Σ (x − shift)(x − shift)ᵀ, dim × dim. */
  outer: Float64Array;
}

export interface MomentsOptions {
  /** L2-normalise every row first (cosine). */
  normalize?: boolean | undefined;
  /** Use only the first maxRows rows. */
  maxRows?: number | undefined;
}

/**
 * A rough mean (of the first ≤ 1024 rows) subtracted before accumulation so that the float32 block
 * sums of the wasm kernel stay small relative to the spread (data far from the origin would otherwise
 * lose digits in XᵀX − nμμᵀ).
 */
export function momentsShift(m: Matrix, normalize = false): Float64Array {
  const D = m.dim;
  const rows = Math.min(m.n, 1024);
  const s = new Float64Array(D);
  for (let i = 0; i < rows; i++) {
    const scale = normalize ? inverseNorm(m.data, i * D, D) : 1;
    for (let j = 0; j < D; j++) s[j]! += m.data[i * D + j]! * scale;
  }
  if (rows > 0) for (let j = 0; j < D; j++) s[j] = Math.fround(s[j]! / rows);
  return s;
}

/** One streaming pass over rows [start, end) with the wasm Gram kernel. */
export function accumulateMoments(
  m: Matrix,
  start: number,
  end: number,
  shift: Float64Array,
  normalize = false,
): MomentsPartial {
  const acc = new GramAccumulator(m.dim, shift, normalize);
  acc.add(m.data, start, end);
  return { count: acc.count, sums: acc.sums, outer: acc.outer() };
}

/** Merges partials computed with the same shift into moments. */
export function mergeMoments(parts: MomentsPartial[], shift: Float64Array): Moments {
  const D = shift.length;
  let n = 0;
  const sums = new Float64Array(D);
  const outer = new Float64Array(D * D);
  for (const p of parts) {
    n += p.count;
    for (let j = 0; j < D; j++) sums[j]! += p.sums[j]!;
    for (let j = 0; j < D * D; j++) outer[j]! += p.outer[j]!;
  }
  const mean = new Float64Array(D);
  const delta = new Float64Array(D);
  for (let j = 0; j < D; j++) {
    delta[j] = n > 0 ? sums[j]! / n : 0;
    mean[j] = shift[j]! + delta[j]!;
  }
  for (let i = 0; i < D; i++) for (let j = 0; j < D; j++) outer[i * D + j]! -= n * delta[i]! * delta[j]!;
  return { n, dim: D, mean, scatter: outer };
}

/** Mean and centred scatter in one single-threaded pass (core/node/reduce/parallelMoments.ts splits it over workers). */
export function computeMoments(m: Matrix, opts: MomentsOptions = {}): Moments {
  const n = Math.min(m.n, opts.maxRows ?? m.n);
  const shift = momentsShift(m, opts.normalize);
  return mergeMoments([accumulateMoments(m, 0, n, shift, opts.normalize)], shift);
}

/** Plain float64 reference for the tests: mean and centred scatter by the two-pass formula. */
export function momentsReference(m: Matrix, normalize = false): Moments {
  const D = m.dim;
  const mean = new Float64Array(D);
  const row = new Float64Array(D);
  const load = (i: number): void => {
    const s = normalize ? inverseNorm(m.data, i * D, D) : 1;
    for (let j = 0; j < D; j++) row[j] = m.data[i * D + j]! * s;
  };
  for (let i = 0; i < m.n; i++) {
    load(i);
    for (let j = 0; j < D; j++) mean[j]! += row[j]!;
  }
  for (let j = 0; j < D; j++) mean[j]! /= Math.max(m.n, 1);
  const scatter = new Float64Array(D * D);
  for (let i = 0; i < m.n; i++) {
    load(i);
    for (let j = 0; j < D; j++) row[j]! -= mean[j]!;
    for (let a = 0; a < D; a++) for (let b = 0; b < D; b++) scatter[a * D + b]! += row[a]! * row[b]!;
  }
  return { n: m.n, dim: D, mean, scatter };
}

/** The raw second moment XᵀX = scatter + n μμᵀ (a new array). */
export function secondMoment(mom: Moments): Float64Array {
  const D = mom.dim;
  const k = Float64Array.from(mom.scatter);
  for (let i = 0; i < D; i++)
    for (let j = 0; j < D; j++) k[i * D + j]! += mom.n * mom.mean[i]! * mom.mean[j]!;
  return k;
}

function inverseNorm(data: Float32Array, o: number, D: number): number {
  let s = 0;
  for (let j = 0; j < D; j++) s += data[o + j]! * data[o + j]!;
  return s > 0 ? 1 / Math.sqrt(s) : 0;
}
