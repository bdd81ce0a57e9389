import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exactSelfKnn } from '../../../../core/common/embed/selfKnn.js';
import { createRng } from '../../../../core/common/random.js';
import type { Matrix } from '../../../../core/common/types.js';
import { mapKnn } from '../../../../core/node/embed/mapKnn.js';
import { checkPrefilterRecall, knnRecall } from '../../../helpers/mapsData.js';
import { sampleSubset } from '../../../helpers/sampleData.js';

test('the PCA-prefiltered k-NN graph for maps recalls the exact graph on real and seeded data', async () => {
  // Real: 3,000 rows of the built-in sample (mnist10k digits: mapKnn.data.test.ts).
  await checkPrefilterRecall(sampleSubset(3000).data, 'the sample, 3,000 rows');

  // Seeded: 2,000 points near a 10-d subspace of 100-d space.
  const rng = createRng(5);
  const n = 2000;
  const basis = Float32Array.from({ length: 10 * 100 }, () => rng.normal());
  const m: Matrix = { data: new Float32Array(n * 100), n, dim: 100 };
  for (let i = 0; i < n; i++) {
    const z = Array.from({ length: 10 }, () => rng.normal());
    for (let j = 0; j < 100; j++) {
      let s = 0.05 * rng.normal();
      for (let c = 0; c < 10; c++) s += z[c]! * basis[c * 100 + j]!;
      m.data[i * 100 + j] = s;
    }
  }
  const e2 = exactSelfKnn(m, 10, 'l2');
  const a2 = await mapKnn(m, 10, 'l2', { exactLimit: 0, threads: 2, seed: 1 });
  const r2 = knnRecall(a2.knn, e2);
  console.log(`seeded 10-d subspace: recall@10 ${r2}`);
  assert.ok(r2 >= 0.95, String(r2));
  const small = await mapKnn(m, 10, 'l2', { threads: 2 });
  assert.equal(small.method, 'exact');
  assert.equal(knnRecall(small.knn, e2), 1);
});
