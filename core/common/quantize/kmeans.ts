import { createRng, sampleIndices } from './rng.js';
import { WasmArena } from './wasmArena.js';

export interface KmeansOptions {
  /** Lloyd iterations (0 keeps the initial centroids: random training rows). */
  iterations: number;
  seed: number;
  /** Centroids to start from instead of random rows (k × d); copied. */
  init?: Float32Array;
}

/**
 * Lloyd's k-means on n rows of d floats (row-major). Starts from k distinct random rows; an empty
 * cluster is re-seeded with a random row. Returns k × d centroids, owned by the caller.
 */
export function kmeans(
  data: Float32Array,
  n: number,
  d: number,
  k: number,
  opts: KmeansOptions,
): Float32Array {
  const rand = createRng(opts.seed);
  const cents = new Float32Array(k * d);
  if (opts.init) cents.set(opts.init.subarray(0, k * d));
  else {
    const pick = sampleIndices(n, k, rand);
    for (let c = 0; c < k; c++) {
      const r = pick[c % pick.length]!;
      cents.set(data.subarray(r * d, r * d + d), c * d);
    }
  }
  if (opts.iterations <= 0 || n === 0) return cents;
  const a = new WasmArena();
  const xAt = a.reserve(n * d * 4);
  const cAt = a.reserve(k * d * 4);
  a.commit();
  a.f32(xAt, n * d).set(data.subarray(0, n * d));
  const wc = a.f32(cAt, k * d);
  const sums = new Float64Array(k * d);
  const counts = new Int32Array(k);
  for (let it = 0; it < opts.iterations; it++) {
    wc.set(cents);
    sums.fill(0);
    counts.fill(0);
    for (let i = 0; i < n; i++) {
      const c = a.k.nearestL2(xAt + i * d * 4, cAt, k, d);
      counts[c]!++;
      const o = c * d;
      const r = i * d;
      for (let j = 0; j < d; j++) sums[o + j]! += data[r + j]!;
    }
    for (let c = 0; c < k; c++) {
      const cnt = counts[c]!;
      if (cnt === 0) {
        const r = Math.floor(rand() * n);
        cents.set(data.subarray(r * d, r * d + d), c * d);
        continue;
      }
      for (let j = 0; j < d; j++) cents[c * d + j] = sums[c * d + j]! / cnt;
    }
  }
  return cents;
}
