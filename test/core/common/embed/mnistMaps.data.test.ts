import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exactSelfKnn } from '../../../../core/common/embed/selfKnn.js';
import { firstNeighbours } from '../../../../core/common/knn/firstNeighbours.js';
import { TsneLayout } from '../../../../core/common/embed/tsneLayout.js';
import { UmapLayout } from '../../../../core/common/embed/umapLayout.js';
import { mapQuality } from '../../../../core/common/metrics/mapQuality.js';
import type { Matrix } from '../../../../core/common/types.js';
import { loadMnistAll } from '../../../helpers/sharedData.js';

// The quality bars on real data: all 10,000 digits of mnist10k (base and queries), exact k-NN from the
// WASM kernels. Trustworthiness comes from exact ranks for 2,000 sampled points; neighbourhood hit is
// computed over every point.
const { data, labels } = loadMnistAll();
const knn90 = exactSelfKnn(data, 90, 'l2');

/** Fraction of each point's k nearest neighbours (self excluded) that share its label. */
function hitRate(m: Matrix, k = 10): number {
  const r = exactSelfKnn(m, k, 'l2');
  let hit = 0;
  for (let i = 0; i < m.n; i++)
    for (let t = 0; t < k; t++) if (labels[r.ids[i * k + t]!] === labels[i]) hit++;
  return hit / (m.n * k);
}

const original = hitRate(data);

test('the 784-d space itself: 10-NN hit rate of mnist10k', () => {
  console.log(`mnist10k original-space neighbourhood hit (k = 10): ${original}`);
  assert.ok(original > 0.9 && original < 0.91);
});

test('UMAP of mnist10k, clustering setting (n_neighbors 10, min_dist 0): neighbourhood hit >= 0.9, trustworthiness >= 0.95', () => {
  const y = UmapLayout.create({ knn: firstNeighbours(knn90, 9), data }, { seed: 42, minDist: 0 }).run();
  const map: Matrix = { data: y, n: data.n, dim: 2 };
  const q = mapQuality(data, map, { labels, sample: 2000 });
  const hit = hitRate(map);
  console.log(`UMAP(10, 0) mnist10k: hit ${hit}; ${JSON.stringify(q)}`);
  assert.ok(hit >= 0.9);
  assert.ok(q.trustworthiness[10]! >= 0.95);
  assert.ok(q.trustworthiness[15]! >= 0.95);
  assert.ok(q.knnAccuracy![10]! >= 0.93);
});

test('UMAP of mnist10k with the defaults (n_neighbors 15, min_dist 0.1, spectral start): trustworthiness >= 0.95', () => {
  const y = UmapLayout.create({ knn: firstNeighbours(knn90, 14), data }, { seed: 42 }).run();
  const map: Matrix = { data: y, n: data.n, dim: 2 };
  const q = mapQuality(data, map, { labels, sample: 2000 });
  const hit = hitRate(map);
  console.log(`UMAP(15, 0.1) mnist10k: hit ${hit}; ${JSON.stringify(q)}`);
  assert.ok(q.trustworthiness[10]! >= 0.95);
  assert.ok(q.trustworthiness[15]! >= 0.95);
  // Across seeds the default setting gives a hit rate of 0.887–0.908 here (umap-learn 0.5.3: 0.891 on
  // the 9,000 base digits): its wider neighbourhoods trade local purity for global shape.
  assert.ok(hit >= 0.88);
});

test('t-SNE of mnist10k (perplexity 30, 500 steps): neighbourhood hit >= 0.9, trustworthiness >= 0.95', () => {
  const y = TsneLayout.create({ knn: knn90, data }, { seed: 42, nIter: 500 }).run();
  const map: Matrix = { data: y, n: data.n, dim: 2 };
  const q = mapQuality(data, map, { labels, sample: 2000 });
  const hit = hitRate(map);
  console.log(`t-SNE mnist10k: hit ${hit}; ${JSON.stringify(q)}`);
  assert.ok(hit >= 0.9);
  assert.ok(hit >= original);
  assert.ok(q.trustworthiness[10]! >= 0.95);
  assert.ok(q.trustworthiness[15]! >= 0.95);
});
