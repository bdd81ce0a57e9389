import type { Matrix } from '../../core/common/types.js';

/** A small seeded generator (mulberry32) for reproducible test data. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** n × dim values uniform in [-1, 1). */
export function randomMatrix(n: number, dim: number, seed: number): Matrix {
  const r = rng(seed);
  const data = new Float32Array(n * dim);
  for (let i = 0; i < data.length; i++) data[i] = r() * 2 - 1;
  return { data, n, dim };
}
