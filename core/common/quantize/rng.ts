/** A small seeded PRNG (mulberry32): uniform floats in [0, 1). Deterministic for a given seed. */
export function createRng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
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
