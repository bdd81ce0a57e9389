import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hdbscan } from '../../../../core/common/cluster/hdbscan.js';
import { createRng } from '../../../../core/common/random.js';
import { plantedBlobs } from '../../../helpers/mapsData.js';

test('HDBSCAN finds planted clusters of different sizes and leaves scattered points as noise', () => {
  const sizes = [200, 150, 300, 100, 60];
  const { data, labels } = plantedBlobs(sizes, 2, 0.6, 150, createRng(3).next);
  const r = hdbscan(data, { minClusterSize: 15 });
  assert.equal(r.nClusters, sizes.length);
  const used = new Set<number>();
  for (let c = 0; c < sizes.length; c++) {
    const found = new Map<number, number>();
    for (let i = 0; i < data.n; i++)
      if (labels[i] === c) found.set(r.labels[i]!, (found.get(r.labels[i]!) ?? 0) + 1);
    const [best, count] = [...found.entries()].sort((a, b) => b[1] - a[1])[0]!;
    assert.ok(best >= 0 && !used.has(best), `planted cluster ${c} has no cluster of its own`);
    used.add(best);
    assert.ok(count >= 0.95 * sizes[c]!, `planted cluster ${c}: ${count} of ${sizes[c]}`);
  }
  let noiseAsNoise = 0;
  for (let i = 0; i < data.n; i++) if (labels[i] === -1 && r.labels[i] === -1) noiseAsNoise++;
  assert.ok(noiseAsNoise >= 0.6 * 150, `${noiseAsNoise} of 150 scattered points are noise`);
  // Numbered by size: cluster 0 is the largest.
  const size0 = r.labels.filter((l) => l === 0).length;
  const size1 = r.labels.filter((l) => l === 1).length;
  assert.ok(size0 >= size1);
});

test('HDBSCAN on pure uniform noise finds no large cluster, and a precomputed k-NN gives the same result', () => {
  const rng = createRng(8);
  const n = 300;
  const data = { data: Float32Array.from({ length: n * 2 }, () => rng.next()), n, dim: 2 };
  const r = hdbscan(data, { minClusterSize: 60 });
  assert.ok(r.nClusters <= 1, String(r.nClusters));
  const blobs = plantedBlobs([80, 80], 3, 0.5, 20, createRng(4).next).data;
  // Brute-force 9-NN, squared l2, self excluded.
  const k = 9;
  const ids = new Int32Array(blobs.n * k);
  const dists = new Float32Array(blobs.n * k);
  for (let i = 0; i < blobs.n; i++) {
    const d: [number, number][] = [];
    for (let j = 0; j < blobs.n; j++) {
      if (j === i) continue;
      let s = 0;
      for (let c = 0; c < 3; c++) s += (blobs.data[i * 3 + c]! - blobs.data[j * 3 + c]!) ** 2;
      d.push([s, j]);
    }
    d.sort((a, b) => a[0] - b[0]);
    for (let t = 0; t < k; t++) {
      ids[i * k + t] = d[t]![1];
      dists[i * k + t] = d[t]![0];
    }
  }
  const a = hdbscan(blobs, { minClusterSize: 10 });
  const b = hdbscan(blobs, { minClusterSize: 10, knn: { ids, dists, nq: blobs.n, k } });
  assert.equal(a.nClusters, 2);
  assert.deepEqual(a.labels, b.labels);
});
