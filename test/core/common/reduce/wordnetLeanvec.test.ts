import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fitLeanVecOod } from '../../../../core/common/reduce/leanvecOod.js';
import { computeMoments } from '../../../../core/common/reduce/moments.js';
import { fitPca } from '../../../../core/common/reduce/pca.js';
import { reduceData, reduceQueries, type LinearReduction } from '../../../../core/common/reduce/reduction.js';
import { splitQueries } from '../../../../core/common/reduce/splitQueries.js';
import type { Matrix } from '../../../../core/common/types.js';
import { exactKnn } from '../../../../core/common/knn/exactKnn.js';
import { sampleBase, sampleQueries, sampleTruth } from '../../../helpers/sampleData.js';
import { recallAt } from '../../../helpers/fixtures.js';

// The real OOD case on the built-in sample (10,000 WordNet definitions, USE-lite 512-d), queried by
// headwords (OOD) or held-out definitions (in distribution): exact search in the reduced space against
// the shipped ip truth. The same bars on the 20,000-row wordnet-use512: wordnetLeanvec.data.test.ts.
const base = sampleBase();
const moments = computeMoments(base);

function evaluationSet(name: 'ood' | 'id'): { learn: Matrix; evaluate: Matrix; truth: Int32Array } {
  const gt = sampleTruth(name);
  const { learn, evaluate, evaluateIds } = splitQueries(sampleQueries(name), 1);
  const truth = new Int32Array(evaluate.n * 10);
  evaluateIds.forEach((id, r) => truth.set(gt.ids.subarray(id * gt.k, id * gt.k + 10), r * 10));
  return { learn, evaluate, truth };
}

function recall(r: LinearReduction, set: ReturnType<typeof evaluationSet>): number {
  const found = exactKnn(reduceData(r, base), reduceQueries(r, set.evaluate), 10, 'ip').ids;
  return recallAt(found, set.truth, set.evaluate.n, 10, 10);
}

function pcaAt(d: number): LinearReduction {
  return fitPca(base, { dim: d, metric: 'ip', moments }).reduction;
}

function leanVecAt(d: number, learn: Matrix): LinearReduction {
  return fitLeanVecOod(base, { dim: d, metric: 'ip', learnQueries: learn, baseMoments: moments }).reduction;
}

test('the sample: LeanVec-OOD learned on half the OOD queries beats PCA on the other half; on ID queries it stays level', () => {
  const ood = evaluationSet('ood');
  const id = evaluationSet('id');
  const pca64 = pcaAt(64);
  const pcaOod64 = recall(pca64, ood);
  const pcaId64 = recall(pca64, id);
  console.log(`PCA64: OOD ${pcaOod64}, ID ${pcaId64}`);
  // Measured: PCA 0.349 / 0.690 / 0.862 against LeanVec-OOD 0.513 / 0.745 / 0.867 at d = 32 / 64 / 128
  // (on the 20,000-row set the gain at d = 128 is larger; the bars there are 0.05 / 0.05 / 0.02); on the
  // ID queries 0.762 against 0.762.
  for (const [d, gain] of [
    [32, 0.1],
    [64, 0.04],
    [128, 0],
  ] as const) {
    const pca = d === 64 ? pcaOod64 : recall(pcaAt(d), ood);
    const lv = recall(leanVecAt(d, ood.learn), ood);
    console.log(`d=${d}: OOD PCA ${pca}, LeanVec-OOD ${lv}`);
    assert.ok(lv >= pca + gain, `d=${d}: LeanVec-OOD ${lv} vs PCA ${pca}`);
  }
  const lvId = recall(leanVecAt(64, id.learn), id);
  console.log(`ID d=64: PCA ${pcaId64}, LeanVec-OOD ${lvId}`);
  assert.ok(lvId >= pcaId64 - 0.01, `ID: LeanVec-OOD ${lvId} vs PCA ${pcaId64}`);
});
