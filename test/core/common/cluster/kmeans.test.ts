import assert from 'node:assert/strict';
import { test } from 'node:test';
import { kmeans, plainCentroidDistances } from '../../../../core/common/cluster/kmeans.js';
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

test('the WASM centroid distances match the plain-TS reference', () => {
  const { data } = plantedBlobs([60, 90, 50], 12, 1, 0, seeded(3));
  const plain = kmeans(data, { k: 5, seed: 4, nInit: 2, distances: plainCentroidDistances });
  const wasm = kmeans(data, { k: 5, seed: 4, nInit: 2 });
  assert.deepEqual(wasm.labels, plain.labels);
  assert.ok(Math.abs(wasm.inertia - plain.inertia) <= 1e-4 * plain.inertia);
});
