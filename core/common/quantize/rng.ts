import { Rng } from '../random.js';

/**
 * The engine's seeded mulberry32 generator (core/common/random.ts) as a plain `() => number`, uniform
 * in [0, 1); the same stream as `new Rng(seed).next()` (seed 0 is taken as random.ts takes it).
 */
export function createRng(seed: number): () => number {
  return new Rng(seed).next;
}

/** A standard normal sample (Box–Muller). */
export function gaussian(rand: () => number): number {
  let u = rand();
  while (u === 0) u = rand();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

/** `count` distinct indices from [0, n), in random order (partial Fisher–Yates). */
export function sampleIndices(n: number, count: number, rand: () => number): Int32Array {
  const idx = new Int32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  const c = Math.min(count, n);
  for (let i = 0; i < c; i++) {
    const j = i + Math.floor(rand() * (n - i));
    const t = idx[i]!;
    idx[i] = idx[j]!;
    idx[j] = t;
  }
  return idx.slice(0, c);
}
