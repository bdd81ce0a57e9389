import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UMAP } from 'umap-js';
import { findAbParams } from '../../../../core/common/embed/findAbParams.js';
import { fuzzySimplicialSet, umapDistances } from '../../../../core/common/embed/fuzzySimplicialSet.js';
import { UmapLayout } from '../../../../core/common/embed/umapLayout.js';
import { CancelledError } from '../../../../core/common/errors.js';
import { mapQuality } from '../../../../core/common/metrics/mapQuality.js';
import { createRng } from '../../../../core/common/random.js';
import type { KnnResult, Matrix } from '../../../../core/common/types.js';
import { loadMnistSubset, plainSelfKnn } from '../../../helpers/mapsData.js';

// The quality bar runs on 2,000 rows (every 4.5th) of mnist10k (exact k-NN in plain TS takes seconds).
const N = 2000;
const { data, labels } = loadMnistSubset(N);
const knn = plainSelfKnn(data, 15);

/** Exact 15-NN graph of the first n rows among themselves. */
function subsetKnn(n: number): KnnResult {
  return plainSelfKnn({ data: data.data.subarray(0, n * data.dim), n, dim: data.dim }, 15);
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

test('UMAP of mnist10k (2,000 digits, every 4.5th row) reaches neighbourhood hit >= 0.9 and trustworthiness >= 0.95', () => {
  const layout = UmapLayout.create({ knn, data }, { seed: 42 });
  const y = layout.run();
  const q = mapQuality(data, { data: y, n: N, dim: 2 }, { labels });
  console.log(`engine UMAP n=${N}: ${JSON.stringify(q)}`);
  assert.ok(q.neighbourhoodHit![10]! >= 0.9);
  assert.ok(q.trustworthiness[10]! >= 0.95);
  assert.ok(q.trustworthiness[15]! >= 0.95);
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

test('3-D maps and placing held-out points into an existing map', () => {
  const nFit = 1500;
  const fitKnn = subsetKnn(nFit);
  const fit: Matrix = { data: data.data.subarray(0, nFit * data.dim), n: nFit, dim: data.dim };
  const layout = UmapLayout.create({ knn: fitKnn, data: fit }, { seed: 1, dim: 3, nEpochs: 200 });
  const y = layout.run();
  assert.equal(y.length, nFit * 3);
  const q = mapQuality(fit, { data: y, n: nFit, dim: 3 }, { labels: labels.subarray(0, nFit) });
  assert.ok(q.trustworthiness[10]! >= 0.95, String(q.trustworthiness[10]));
  // The other 500 digits: their 15 nearest fitted digits, then placed; a 10-NN vote among fitted points
  // in the map should recover their digit about as well as in the original space.
  const nq = N - nFit;
  const qIds = new Int32Array(nq * 15);
  const qD = new Float32Array(nq * 15);
  for (let t = 0; t < nq; t++) {
    const i = nFit + t;
    const ds: [number, number][] = [];
    for (let j = 0; j < nFit; j++) {
      let s = 0;
      for (let c = 0; c < data.dim; c++)
        s += (data.data[i * data.dim + c]! - data.data[j * data.dim + c]!) ** 2;
      ds.push([s, j]);
    }
    ds.sort((p, r) => p[0] - r[0]);
    for (let r = 0; r < 15; r++) {
      qIds[t * 15 + r] = ds[r]![1];
      qD[t * 15 + r] = ds[r]![0];
    }
  }
  const placed = layout.transform({ ids: qIds, dists: qD, nq, k: 15 });
  assert.equal(placed.length, nq * 3);
  let correct = 0;
  for (let t = 0; t < nq; t++) {
    const d: [number, number][] = [];
    for (let j = 0; j < nFit; j++) {
      let s = 0;
      for (let c = 0; c < 3; c++) s += (placed[t * 3 + c]! - y[j * 3 + c]!) ** 2;
      d.push([s, j]);
    }
    d.sort((p, r) => p[0] - r[0]);
    const votes = new Array<number>(10).fill(0);
    for (let r = 0; r < 10; r++) votes[labels[d[r]![1]]!]!++;
    if (votes.indexOf(Math.max(...votes)) === labels[nFit + t]) correct++;
  }
  console.log(`placed held-out digits: 10-NN accuracy in the map ${correct / nq}`);
  assert.ok(correct / nq >= 0.85);
});
