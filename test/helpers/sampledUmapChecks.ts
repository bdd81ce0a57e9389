// The sampled-UMAP checks of sampledUmap.test.ts (the built-in sample) and sampledUmap.data.test.ts
// (mnist10k digits): 4,500 labelled rows, 3,000 of them fitted and the rest placed.
import assert from 'node:assert/strict';
import { exactSelfKnn } from '../../core/common/embed/selfKnn.js';
import { UmapLayout } from '../../core/common/embed/umapLayout.js';
import { mapQuality } from '../../core/common/metrics/mapQuality.js';
import type { Matrix } from '../../core/common/types.js';
import { sampledUmap } from '../../core/node/embed/sampledUmap.js';

/** Fit two thirds and place the rest: the map keeps the full fit's quality, placed points land among their kind. */
export async function checkSampledKeepsQuality(data: Matrix, labels: Uint8Array): Promise<void> {
  assert.equal(data.n, 4500);
  const full = UmapLayout.create(
    { knn: exactSelfKnn(data, 14, 'l2'), data },
    { seed: 3, nEpochs: 200 },
  ).run();
  const { layout, fitted } = await sampledUmap(data, 'l2', {
    sampleSize: 3000,
    seed: 3,
    nEpochs: 200,
    threads: 2,
  });
  assert.equal(fitted.length, 3000);
  assert.equal(layout.length, 4500 * 2);
  const qFull = mapQuality(data, { data: full, n: 4500, dim: 2 }, { labels, sample: 1000 });
  const qSampled = mapQuality(data, { data: layout, n: 4500, dim: 2 }, { labels, sample: 1000 });
  console.log(
    `4,500 rows: full fit T10 ${qFull.trustworthiness[10]} NH10 ${qFull.neighbourhoodHit![10]}; ` +
      `3,000 fitted + 1,500 placed T10 ${qSampled.trustworthiness[10]} NH10 ${qSampled.neighbourhoodHit![10]}`,
  );
  assert.ok(qSampled.trustworthiness[10]! >= qFull.trustworthiness[10]! - 0.03);
  assert.ok(qSampled.neighbourhoodHit![10]! >= qFull.neighbourhoodHit![10]! - 0.04);
  const mapKnn10 = exactSelfKnn({ data: layout, n: 4500, dim: 2 }, 10, 'l2');
  const isFitted = new Uint8Array(4500);
  fitted.forEach((r) => (isFitted[r] = 1));
  const hits = [0, 0];
  for (let i = 0; i < 4500; i++)
    for (let r = 0; r < 10; r++) if (labels[mapKnn10.ids[i * 10 + r]!] === labels[i]) hits[isFitted[i]!]!++;
  const placedHit = hits[0]! / (1500 * 10);
  const fittedHit = hits[1]! / (3000 * 10);
  console.log(`neighbourhood hit of fitted points ${fittedHit}, of placed points ${placedHit}`);
  assert.ok(placedHit >= fittedHit - 0.03);
}

/** Placing through a Vamana graph over the fitted rows finds the exact placement neighbours and the same quality. */
export async function checkGraphPlacement(data: Matrix, labels: Uint8Array): Promise<void> {
  const opts = { sampleSize: 3000, seed: 3, nEpochs: 200, threads: 2 };
  const exact = await sampledUmap(data, 'l2', { ...opts, placeSearch: 'exact' });
  const graph = await sampledUmap(data, 'l2', { ...opts, placeSearch: 'graph' });
  assert.equal(exact.placeSearch, 'exact');
  assert.equal(graph.placeSearch, 'graph');
  assert.equal(exact.placeRecall, undefined);
  console.log(`placement recall@15 through the graph: ${graph.placeRecall}`);
  assert.ok(graph.placeRecall! >= 0.95, String(graph.placeRecall));
  const qe = mapQuality(data, { data: exact.layout, n: 4500, dim: 2 }, { labels, sample: 1000 });
  const qg = mapQuality(data, { data: graph.layout, n: 4500, dim: 2 }, { labels, sample: 1000 });
  assert.ok(Math.abs(qe.trustworthiness[10]! - qg.trustworthiness[10]!) < 0.01);
  assert.ok(Math.abs(qe.neighbourhoodHit![10]! - qg.neighbourhoodHit![10]!) < 0.02);
}
