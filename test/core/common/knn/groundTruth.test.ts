import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exactKnn } from '../../../../core/common/knn/exactKnn.js';
import { recallFromIds, recallWithTies } from '../../../../core/common/metrics/recall.js';
import { sampleBase, sampleQueries, sampleTruth } from '../../../helpers/sampleData.js';

// Exact k-NN of the first 200 queries must reproduce the sample's shipped ground truth (computed by brute
// force elsewhere) up to ties: recall 1 under the tie rule, at k = 10 and k = 100. The same check on the
// larger sets in ../shared/data (l2, cos and ip) is groundTruth.data.test.ts.
const NQ = 200;

for (const set of ['ood', 'id'] as const) {
  test(`exact k-NN reproduces the sample's groundtruth_${set}_ip100.ivecs (ip, ${NQ} queries)`, () => {
    const base = sampleBase();
    const all = sampleQueries(set);
    const queries = { data: all.data.subarray(0, NQ * all.dim), n: NQ, dim: all.dim };
    const full = sampleTruth(set);
    const truth = { ids: full.ids.subarray(0, NQ * full.k), n: NQ, k: full.k };
    const res = exactKnn(base, queries, 100, 'ip');
    for (const k of [10, 100]) {
      const tie = recallWithTies(base, queries, 'ip', truth, res, k);
      assert.equal(tie.recall, 1, `tie-aware recall@${k}`);
      assert.ok(recallFromIds(truth, res, NQ, k).recall > 0.99, `plain recall@${k}`);
    }
  });
}
