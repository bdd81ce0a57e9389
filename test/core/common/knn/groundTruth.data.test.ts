import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { exactKnn } from '../../../../core/common/knn/exactKnn.js';
import { recallFromIds, recallWithTies } from '../../../../core/common/metrics/recall.js';
import type { Metric } from '../../../../core/common/types.js';
import { sharedData } from '../../../helpers/sharedData.js';
import { readIvecs, readVecs } from '../../../helpers/texmex.js';

// Exact k-NN of the first 200 queries must reproduce the shipped ground truth (computed by brute force
// elsewhere) up to ties: recall 1 under the tie rule, at k = 10 and k = 100. The same on the built-in
// sample: groundTruth.test.ts.
const NQ = 200;
const CASES: [string, string, string, string, Metric][] = [
  ['mnist10k', 'base.bvecs', 'query.bvecs', 'groundtruth_l2100.ivecs', 'l2'],
  ['glove100', 'base.fvecs', 'query.fvecs', 'groundtruth_cos100.ivecs', 'cos'],
  ['glove100', 'base.fvecs', 'query_ood_defavg.fvecs', 'groundtruth_ood_defavg_l2100.ivecs', 'l2'],
  ['wordnet-use512', 'base.fvecs', 'query_id_gloss.fvecs', 'groundtruth_id_ip100.ivecs', 'ip'],
  ['wordnet-use512', 'base.fvecs', 'query_ood_lemma.fvecs', 'groundtruth_ood_ip100.ivecs', 'ip'],
];

for (const [folder, baseFile, queryFile, truthFile, metric] of CASES) {
  test(`exact k-NN reproduces ${folder}/${truthFile} (${metric}, ${NQ} queries)`, () => {
    const dir = sharedData(folder);
    const base = readVecs(resolve(dir, baseFile));
    const queries = readVecs(resolve(dir, queryFile), NQ);
    const truth = readIvecs(resolve(dir, truthFile), NQ);
    assert.equal(truth.n, NQ);
    const res = exactKnn(base, queries, 100, metric);
    for (const k of [10, 100]) {
      const tie = recallWithTies(base, queries, metric, truth, res, k);
      assert.equal(tie.recall, 1, `tie-aware recall@${k}`);
      assert.ok(recallFromIds(truth, res, NQ, k).recall > 0.99, `plain recall@${k}`);
    }
  });
}
