import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  kmeans,
  plainCentroidDistances,
  wasmCentroidDistances,
} from '../../../../core/common/cluster/kmeans.js';
import { checkKmeansAgainstLloyd, plantedBlobs, seeded } from '../../../helpers/mapsData.js';
import { sampleSubset } from '../../../helpers/sampleData.js';

test('k-means objective is never worse than the best of 5 random restarts of plain Lloyd', () => {
  // 1,000 sample rows (real 512-d embeddings; mnist10k digits in kmeans.data.test.ts) and planted blobs.
  const { data } = sampleSubset(1000);
  const blobs = plantedBlobs([80, 120, 60, 150, 90, 40, 70], 5, 1.5, 0, seeded(11)).data;
  for (const [m, k] of [
    [data, 10],
    [blobs, 7],
    [blobs, 12],
  ] as const)
    checkKmeansAgainstLloyd(m, k);
});

test('k-means is deterministic for a seed and recovers well-separated planted clusters', () => {
  const { data, labels } = plantedBlobs([100, 100, 100, 100], 8, 0.5, 0, seeded(5));
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

test('the WASM assignments (batch distances and resident nearest) match the plain-TS reference', () => {
  const { data } = plantedBlobs([60, 90, 50], 12, 1, 0, seeded(3));
  const plain = kmeans(data, { k: 5, seed: 4, nInit: 2, distances: plainCentroidDistances });
  for (const distances of [wasmCentroidDistances, undefined]) {
    const wasm = kmeans(data, { k: 5, seed: 4, nInit: 2, ...(distances ? { distances } : {}) });
    assert.deepEqual(wasm.labels, plain.labels);
    assert.ok(Math.abs(wasm.inertia - plain.inertia) <= 1e-4 * plain.inertia);
  }
});

test('random-row and given-centroid starts: PQ-style training converges from where it is told', () => {
  const { data } = plantedBlobs([50, 50, 50], 6, 0.3, 0, seeded(8));
  const random = kmeans(data, { k: 3, seed: 2, init: 'random', nInit: 1, maxIter: 0 });
  // No iterations: the centroids are three distinct rows of the data.
  for (let c = 0; c < 3; c++) {
    const cent = random.centroids.subarray(c * 6, c * 6 + 6);
    let found = false;
    for (let i = 0; i < data.n && !found; i++) found = cent.every((v, j) => v === data.data[i * 6 + j]);
    assert.ok(found, `centroid ${c} is a data row`);
  }
  const resumed = kmeans(data, { k: 3, init: random.centroids, maxIter: 50, tol: 0 });
  assert.ok(resumed.inertia <= random.inertia);
  assert.equal(resumed.centroids === random.centroids, false);
});
