import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exactSelfKnn } from '../../../../core/common/embed/selfKnn.js';
import { TsneLayout } from '../../../../core/common/embed/tsneLayout.js';
import { mapQuality } from '../../../../core/common/metrics/mapQuality.js';
import type { Matrix } from '../../../../core/common/types.js';
import { loadMnistSubset } from '../../../helpers/sharedData.js';

// tsneLayout.test.ts's 3-D neighbourhood bar on mnist10k digits: the first 600 of 1,500 taken every 6th.
test('3-D t-SNE of mnist10k digits keeps neighbourhoods', () => {
  const all = loadMnistSubset(1500).data;
  const n = 600;
  const data: Matrix = { data: all.data.subarray(0, n * all.dim), n, dim: all.dim };
  const knn = exactSelfKnn(data, 30, 'l2');
  const y3 = TsneLayout.create({ data, knn }, { seed: 2, dim: 3, perplexity: 10, nIter: 400 }).run();
  const q = mapQuality(data, { data: y3, n, dim: 3 });
  assert.ok(q.trustworthiness[10]! >= 0.93, String(q.trustworthiness[10]));
});
