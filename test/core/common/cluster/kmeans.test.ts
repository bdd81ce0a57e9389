import assert from 'node:assert/strict';
import { test } from 'node:test';
import { kmeans } from '../../../../core/common/cluster/kmeans.js';
import { createRng } from '../../../../core/common/random.js';
import type { Matrix } from '../../../../core/common/types.js';
import { loadMnistSubset, plantedBlobs } from '../../../helpers/mapsData.js';

/** Plain reference: k distinct random rows as centroids, then Lloyd to convergence; returns the objective. */
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

test('k-means objective is never worse than the best of 5 random restarts of plain Lloyd', () => {
  const { data } = loadMnistSubset(1000);
  const blobs = plantedBlobs([80, 120, 60, 150, 90, 40, 70], 5, 1.5, 0, createRng(11).next).data;
  for (const [m, k] of [
    [data, 10],
    [blobs, 7],
    [blobs, 12],
  ] as const) {
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
});

test('k-means is deterministic for a seed and recovers well-separated planted clusters', () => {
  const { data, labels } = plantedBlobs([100, 100, 100, 100], 8, 0.5, 0, createRng(5).next);
  const a = kmeans(data, { k: 4, seed: 9 });
  const b = kmeans(data, { k: 4, seed: 9 });
  assert.deepEqual(a.labels, b.labels);
  // Every planted cluster maps to exactly one found cluster.
  for (let c = 0; c < 4; c++) {
    const found = new Set<number>();
    for (let i = 0; i < data.n; i++) if (labels[i] === c) found.add(a.labels[i]!);
    assert.equal(found.size, 1);
  }
  assert.equal(new Set(a.labels).size, 4);
});
