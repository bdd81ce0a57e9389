// Test-only helpers for the maps and clusters tests: the mnist10k subset and a plain exact k-NN.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { rowNorms, squaredL2Rows } from '../../core/common/metrics/squaredL2Rows.js';
import { createRng } from '../../core/common/random.js';
import type { KnnResult, Matrix } from '../../core/common/types.js';

/**
 * n rows of mnist10k's base (784-d, u8 widened to float32) taken at an even stride, with their digit
 * labels. The file is sorted by digit, so a prefix would hold only zeros and ones.
 */
export function loadMnistSubset(n: number): { data: Matrix; labels: Uint8Array } {
  const dir = path.resolve('../shared/data/mnist10k');
  const bytes = readFileSync(path.join(dir, 'base.bvecs'));
  const dim = bytes.readInt32LE(0);
  const total = bytes.length / (dim + 4);
  const all = readFileSync(path.join(dir, 'base_labels.u8'));
  const data = new Float32Array(n * dim);
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const r = Math.floor((i * total) / n);
    const o = r * (dim + 4) + 4;
    for (let j = 0; j < dim; j++) data[i * dim + j] = bytes[o + j]!;
    labels[i] = all[r]!;
  }
  return { data: { data, n, dim }, labels };
}

/** All 10,000 digits of mnist10k (the 9,000 base rows, then the 1,000 queries) with their labels. */
export function loadMnistAll(): { data: Matrix; labels: Uint8Array } {
  const dir = path.resolve('../shared/data/mnist10k');
  const parts = [
    ['base.bvecs', 'base_labels.u8'],
    ['query.bvecs', 'query_labels.u8'],
  ].map(([vec, lab]) => ({
    bytes: readFileSync(path.join(dir, vec!)),
    labels: readFileSync(path.join(dir, lab!)),
  }));
  const dim = parts[0]!.bytes.readInt32LE(0);
  const n = parts.reduce((s, p) => s + p.bytes.length / (dim + 4), 0);
  const data = new Float32Array(n * dim);
  const labels = new Uint8Array(n);
  let i = 0;
  for (const p of parts) {
    const rows = p.bytes.length / (dim + 4);
    for (let r = 0; r < rows; r++, i++) {
      const o = r * (dim + 4) + 4;
      for (let j = 0; j < dim; j++) data[i * dim + j] = p.bytes[o + j]!;
      labels[i] = p.labels[r]!;
    }
  }
  return { data: { data, n, dim }, labels };
}

/** Exact k-NN of every row against all rows, self excluded, squared l2, best first (test reference only). */
export function plainSelfKnn(m: Matrix, k: number): KnnResult {
  const { n } = m;
  const norms = rowNorms(m);
  const ids = new Int32Array(n * k);
  const dists = new Float32Array(n * k);
  const block = 32;
  const out = new Float32Array(block * n);
  const order = new Int32Array(n);
  for (let b0 = 0; b0 < n; b0 += block) {
    const rows = Int32Array.from({ length: Math.min(block, n - b0) }, (_, t) => b0 + t);
    squaredL2Rows(m, rows, out, norms);
    for (let t = 0; t < rows.length; t++) {
      const i = rows[t]!;
      const d = out.subarray(t * n, (t + 1) * n);
      d[i] = Infinity;
      for (let j = 0; j < n; j++) order[j] = j;
      const top = Array.from(order).sort((a, b) => d[a]! - d[b]! || a - b);
      for (let r = 0; r < k; r++) {
        ids[i * k + r] = top[r]!;
        dists[i * k + r] = d[top[r]!]!;
      }
    }
  }
  return { ids, dists, nq: n, k };
}

/** Gaussian blobs: `sizes[c]` points around centre c (spread `sd`), plus `noise` uniform points in the box. */
export function plantedBlobs(
  sizes: number[],
  dim: number,
  sd: number,
  noise: number,
  rand: () => number,
): { data: Matrix; labels: Int32Array } {
  const n = sizes.reduce((a, b) => a + b, 0) + noise;
  const data = new Float32Array(n * dim);
  const labels = new Int32Array(n);
  const gauss = (): number => Math.sqrt(-2 * Math.log(rand() || 1e-12)) * Math.cos(2 * Math.PI * rand());
  let i = 0;
  sizes.forEach((size, c) => {
    const centre = Array.from({ length: dim }, () => rand() * 20 - 10);
    for (let t = 0; t < size; t++, i++) {
      for (let j = 0; j < dim; j++) data[i * dim + j] = centre[j]! + sd * gauss();
      labels[i] = c;
    }
  });
  for (; i < n; i++) {
    for (let j = 0; j < dim; j++) data[i * dim + j] = rand() * 30 - 15;
    labels[i] = -1;
  }
  return { data: { data, n, dim }, labels };
}

/** A uniform [0, 1) generator for a seed, as a plain function. */
export function seeded(seed: number): () => number {
  const rng = createRng(seed);
  return () => rng.next();
}
