import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exactSelfKnn } from '../../../../core/common/embed/selfKnn.js';
import { UmapLayout } from '../../../../core/common/embed/umapLayout.js';
import { mapQuality } from '../../../../core/common/metrics/mapQuality.js';
import { sampledUmap } from '../../../../core/node/embed/sampledUmap.js';
import { loadMnistSubset } from '../../../helpers/mapsData.js';

test('the large-n strategy (fit a third, place the rest) keeps most of the full map quality', async () => {
  const { data, labels } = loadMnistSubset(4500);
  const full = UmapLayout.create(
    { knn: exactSelfKnn(data, 14, 'l2'), data },
    { seed: 3, nEpochs: 200 },
  ).run();
  const { layout, fitted } = await sampledUmap(data, 'l2', {
    sampleSize: 1500,
    seed: 3,
    nEpochs: 200,
    threads: 2,
  });
  assert.equal(fitted.length, 1500);
  assert.equal(layout.length, 4500 * 2);
  const qFull = mapQuality(data, { data: full, n: 4500, dim: 2 }, { labels, sample: 1000 });
  const qSampled = mapQuality(data, { data: layout, n: 4500, dim: 2 }, { labels, sample: 1000 });
  console.log(
    `4,500 digits: full fit T10 ${qFull.trustworthiness[10]} NH10 ${qFull.neighbourhoodHit![10]}; ` +
      `1,500 fitted + 3,000 placed T10 ${qSampled.trustworthiness[10]} NH10 ${qSampled.neighbourhoodHit![10]}`,
  );
  assert.ok(qSampled.trustworthiness[10]! >= qFull.trustworthiness[10]! - 0.03);
  assert.ok(qSampled.neighbourhoodHit![10]! >= qFull.neighbourhoodHit![10]! - 0.08);
});
