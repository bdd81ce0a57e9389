import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exactSelfKnn } from '../../../../core/common/embed/selfKnn.js';
import { UmapLayout } from '../../../../core/common/embed/umapLayout.js';
import { exactKnn } from '../../../../core/common/knn/exactKnn.js';
import { parallelTransform, TRANSFORM_CHUNK } from '../../../../core/node/embed/parallelTransform.js';
import { plantedBlobs, seeded } from '../../../helpers/mapsData.js';

test('placing rows on worker threads gives the same map for any thread count, and rows land in their blob', async () => {
  const { data, labels } = plantedBlobs([700, 600, 500], 10, 1, 0, seeded(12));
  // Fit on every third row, place the others (more than one chunk of rows).
  const fitIds = Int32Array.from({ length: Math.ceil(data.n / 3) }, (_, t) => 3 * t);
  const restIds = Int32Array.from({ length: data.n }, (_, i) => i).filter((i) => i % 3 !== 0);
  const take = (ids: Int32Array) => {
    const out = new Float32Array(ids.length * data.dim);
    ids.forEach((r, t) => out.set(data.data.subarray(r * data.dim, (r + 1) * data.dim), t * data.dim));
    return { data: out, n: ids.length, dim: data.dim };
  };
  const fit = take(fitIds);
  const layout = UmapLayout.create(
    { knn: exactSelfKnn(fit, 14, 'l2'), data: fit },
    { seed: 4, nEpochs: 100 },
  );
  layout.run();
  const rest = take(restIds);
  const knn = exactKnn(fit, rest, 15, 'l2');
  assert.ok(rest.n > TRANSFORM_CHUNK / 4);
  const model = layout.model();
  const one = await parallelTransform(model, knn, { threads: 1, nEpochs: 30 });
  const two = await parallelTransform(model, knn, { threads: 2, nEpochs: 30 });
  assert.deepEqual(two, one);
  // A placed row's nearest fitted point on the map is in its own blob.
  const y = layout.layout();
  let right = 0;
  for (let t = 0; t < rest.n; t++) {
    let best = -1;
    let bd = Infinity;
    for (let i = 0; i < fit.n; i++) {
      const d = (y[2 * i]! - one[2 * t]!) ** 2 + (y[2 * i + 1]! - one[2 * t + 1]!) ** 2;
      if (d < bd) [bd, best] = [d, i];
    }
    if (labels[fitIds[best]!] === labels[restIds[t]!]) right++;
  }
  assert.equal(right, rest.n);
});
