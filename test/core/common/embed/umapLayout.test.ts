import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UMAP } from 'umap-js';
import { exactSelfKnn } from '../../../../core/common/embed/selfKnn.js';
import { findAbParams } from '../../../../core/common/embed/findAbParams.js';
import { fuzzySimplicialSet, umapDistances } from '../../../../core/common/embed/fuzzySimplicialSet.js';
import { UmapLayout } from '../../../../core/common/embed/umapLayout.js';
import { CancelledError } from '../../../../core/common/errors.js';
import { mapQuality } from '../../../../core/common/metrics/mapQuality.js';
import { createRng } from '../../../../core/common/random.js';
import type { KnnResult, Matrix } from '../../../../core/common/types.js';
import { sampleSubset } from '../../../helpers/sampleData.js';
import { umap3dAndPlacement } from '../../../helpers/umapPlacement.js';

// umap-js comparison, lifecycle and transform on 2,000 rows (every 5th) of the built-in sample, coloured by
// WordNet lexical class; the 3-D and placement bars on mnist10k digits are in umapLayout.data.test.ts, the
// quality bars on all of mnist10k in mnistMaps.data.test.ts.
const N = 2000;
const { data, labels } = sampleSubset(N);
const knn = exactSelfKnn(data, 15, 'l2');

/** Exact 15-NN graph of the first n rows among themselves. */
function subsetKnn(n: number): KnnResult {
  return exactSelfKnn({ data: data.data.subarray(0, n * data.dim), n, dim: data.dim }, 15, 'l2');
}

test('a and b of the similarity curve match umap-learn for the default min_dist and spread', () => {
  const { a, b } = findAbParams(1, 0.1);
  assert.ok(Math.abs(a - 1.577) < 0.002, String(a));
  assert.ok(Math.abs(b - 0.895) < 0.002, String(b));
});

test('the fuzzy simplicial set is symmetric with memberships in (0, 1]', () => {
  const g = fuzzySimplicialSet(knn, umapDistances(knn, 'l2'), { nNeighbors: 16 });
  const get = (i: number, j: number): number => {
    for (let e = g.indptr[i]!; e < g.indptr[i + 1]!; e++) if (g.indices[e] === j) return g.weights[e]!;
    return 0;
  };
  for (let i = 0; i < 200; i++) {
    for (let e = g.indptr[i]!; e < g.indptr[i + 1]!; e++) {
      const j = g.indices[e]!;
      const w = g.weights[e]!;
      assert.ok(w > 0 && w <= 1);
      assert.equal(get(j, i), w);
      if (e > g.indptr[i]!) assert.ok(g.indices[e - 1]! < j);
    }
    // Each point's nearest neighbour has membership 1 (local connectivity 1).
    assert.equal(get(i, knn.ids[i * 15]!), 1);
  }
});

test('the engine optimiser and umap-js agree in quality on the same k-NN graph and epochs', () => {
  const nEpochs = 200;
  const ours = UmapLayout.create({ knn, data }, { seed: 7, nEpochs, init: 'random' }).run();
  const rng = createRng(7);
  const ref = new UMAP({ nNeighbors: 16, nEpochs, random: () => rng.next() });
  // umap-js counts the point itself as its first neighbour, at distance 0.
  const ids: number[][] = [];
  const dists: number[][] = [];
  for (let i = 0; i < N; i++) {
    ids.push([i, ...Array.from(knn.ids.subarray(i * 15, i * 15 + 15))]);
    dists.push([0, ...Array.from(knn.dists.subarray(i * 15, i * 15 + 15), Math.sqrt)]);
  }
  ref.setPrecomputedKNN(ids, dists);
  const rows: number[][] = [];
  for (let i = 0; i < N; i++) rows.push(Array.from(data.data.subarray(i * data.dim, (i + 1) * data.dim)));
  const theirs = Float32Array.from(ref.fit(rows).flat());
  const qo = mapQuality(data, { data: ours, n: N, dim: 2 }, { labels });
  const qr = mapQuality(data, { data: theirs, n: N, dim: 2 }, { labels });
  console.log(`engine T10 ${qo.trustworthiness[10]} NH10 ${qo.neighbourhoodHit![10]}`);
  console.log(`umap-js T10 ${qr.trustworthiness[10]} NH10 ${qr.neighbourhoodHit![10]}`);
  assert.ok(Math.abs(qo.trustworthiness[10]! - qr.trustworthiness[10]!) < 0.01);
  assert.ok(Math.abs(qo.neighbourhoodHit![10]! - qr.neighbourhoodHit![10]!) < 0.02);
  assert.ok(qr.trustworthiness[10]! > 0.9);
});

test('layouts are deterministic for a seed, step in epochs, and cancel', () => {
  const n = 500;
  const small = subsetKnn(n);
  const sub: Matrix = { data: data.data.subarray(0, n * data.dim), n, dim: data.dim };
  const a = UmapLayout.create({ knn: small, data: sub }, { seed: 3, nEpochs: 60 });
  const b = UmapLayout.create({ knn: small, data: sub }, { seed: 3, nEpochs: 60 });
  const c = UmapLayout.create({ knn: small, data: sub }, { seed: 4, nEpochs: 60 });
  const start = a.layout();
  assert.equal(a.step(10), false);
  assert.equal(a.epoch, 10);
  assert.notDeepEqual(a.layout(), start);
  assert.deepEqual(a.run(), b.run());
  assert.notDeepEqual(c.run(), b.layout());
  assert.equal(a.done, true);
  const d = UmapLayout.create({ knn: small, data: sub }, { seed: 3, nEpochs: 60 });
  d.step(5);
  d.cancel();
  assert.throws(() => d.step(1), CancelledError);
});

test('3-D maps, the WASM optimiser matches the TS reference bit for bit, and placing held-out points', () => {
  const r = umap3dAndPlacement(data, labels);
  // On the sample's 45 lexical classes (mnist10k's ten digits, with absolute bars: umapLayout.data.test.ts).
  // Measured: trustworthiness 0.929; placed points 0.427 against 0.435 for fitted points, 0.535 in 512-d.
  assert.ok(r.trustworthiness >= 0.9, String(r.trustworthiness));
  assert.ok(r.placedAccuracy >= r.fittedAccuracy - 0.1);
  assert.ok(r.placedAccuracy >= 0.7 * r.originalAccuracy);
});
