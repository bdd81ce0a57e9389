// Test-only helpers for the maps and clusters tests: a plain exact k-NN and seeded planted clusters
// (mnist10k lives in sharedData.ts, for the data tests).
import assert from 'node:assert/strict';
import { kmeans } from '../../core/common/cluster/kmeans.js';
import { exactSelfKnn } from '../../core/common/embed/selfKnn.js';

import { createRng } from '../../core/common/random.js';
import type { KnnResult, Matrix } from '../../core/common/types.js';
import { mapKnn } from '../../core/node/embed/mapKnn.js';

/** Plain k-means reference: k distinct random rows as centroids, then Lloyd to convergence; returns the objective. */
function plainKmeans(m: Matrix, k: number, seed: number): number {
  const rng = createRng(seed);
  const { n, dim: D } = m;
  const ids = new Set<number>();
  while (ids.size < k) ids.add(rng.int(n));
  const cents = Float64Array.from([...ids].flatMap((i) => Array.from(m.data.subarray(i * D, i * D + D))));
  const labels = new Int32Array(n);
  let prev = Infinity;
  for (let it = 0; it < 300; it++) {
    let obj = 0;
    for (let i = 0; i < n; i++) {
      let bd = Infinity;
      for (let c = 0; c < k; c++) {
        let s = 0;
        for (let j = 0; j < D; j++) s += (m.data[i * D + j]! - cents[c * D + j]!) ** 2;
        if (s < bd) {
          bd = s;
          labels[i] = c;
        }
      }
      obj += bd;
    }
    if (obj >= prev) return prev;
    prev = obj;
    const sums = new Float64Array(k * D);
    const counts = new Int32Array(k);
    for (let i = 0; i < n; i++) {
      counts[labels[i]!]!++;
      for (let j = 0; j < D; j++) sums[labels[i]! * D + j]! += m.data[i * D + j]!;
    }
    for (let c = 0; c < k; c++)
      if (counts[c]! > 0) for (let j = 0; j < D; j++) cents[c * D + j] = sums[c * D + j]! / counts[c]!;
  }
  return prev;
}

/** Our k-means against the best of 5 random restarts of plain Lloyd, and its reported objective. */
export function checkKmeansAgainstLloyd(m: Matrix, k: number): void {
  const ours = kmeans(m, { k, seed: 1 });
  let bestRef = Infinity;
  for (let s = 0; s < 5; s++) bestRef = Math.min(bestRef, plainKmeans(m, k, 100 + s));
  assert.ok(ours.inertia <= bestRef * (1 + 1e-6), `k=${k}: ${ours.inertia} vs ${bestRef}`);
  // The reported objective is the objective of the returned labels and centroids.
  let obj = 0;
  for (let i = 0; i < m.n; i++) {
    for (let j = 0; j < m.dim; j++)
      obj += (m.data[i * m.dim + j]! - ours.centroids[ours.labels[i]! * m.dim + j]!) ** 2;
  }
  assert.ok(Math.abs(obj - ours.inertia) <= 1e-3 * obj);
}

/** Share of the exact k-NN ids that `got` found, per row (its k may be smaller than the truth's). */
export function knnRecall(got: KnnResult, truth: KnnResult): number {
  let hits = 0;
  for (let i = 0; i < got.nq; i++) {
    const t = new Set(truth.ids.subarray(i * truth.k, i * truth.k + got.k));
    for (let j = 0; j < got.k; j++) if (t.has(got.ids[i * got.k + j]!)) hits++;
  }
  return hits / (got.nq * got.k);
}

/** The maps' PCA-prefiltered 14-NN graph of real data recalls >= 0.95 of the exact one, rows sorted by distance. */
export async function checkPrefilterRecall(data: Matrix, what: string): Promise<void> {
  const exact = exactSelfKnn(data, 14, 'l2');
  const approx = await mapKnn(data, 14, 'l2', { exactLimit: 0, threads: 2, seed: 1 });
  assert.equal(approx.method, 'pca-prefilter');
  const r = knnRecall(approx.knn, exact);
  console.log(`${what}: recall@14 of the PCA-48 prefilter graph ${r}`);
  assert.ok(r >= 0.95, String(r));
  // Rows are sorted by their true distance.
  for (let j = 1; j < 14; j++) assert.ok(approx.knn.dists[j]! >= approx.knn.dists[j - 1]!);
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
