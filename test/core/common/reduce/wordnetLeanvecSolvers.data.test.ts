import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { exactKnn } from '../../../../core/common/knn/exactKnn.js';
import { fitReduction } from '../../../../core/common/reduce/fitReduction.js';
import { computeMoments } from '../../../../core/common/reduce/moments.js';
import { fitPca } from '../../../../core/common/reduce/pca.js';
import {
  reduceData,
  reduceQueries,
  type LinearReduction,
  type OodSolver,
} from '../../../../core/common/reduce/reduction.js';
import { splitQueries } from '../../../../core/common/reduce/splitQueries.js';
import { readFvecs, readIvecs } from '../../../helpers/vecsFiles.js';
import { recallAt } from '../../../helpers/fixtures.js';

// Issue 11, item 6: the eigenvector-search solver (the leanvec-ood default) against Frank–Wolfe on the
// wordnet-use512 OOD split eval-reduce uses (learn on one half of the headword queries, evaluate on the
// other): recall@10 of exact search in the reduced space within 0.005 of Frank–Wolfe's at d = 64 and 128,
// in a fraction of its time. Reads ../shared/data.
const dir = path.resolve('../shared/data/wordnet-use512');
const base = readFvecs(path.join(dir, 'base.fvecs'));
const moments = computeMoments(base);
const queries = readFvecs(path.join(dir, 'query_ood_lemma.fvecs'));
const gt = readIvecs(path.join(dir, 'groundtruth_ood_ip100.ivecs'));
const { learn, evaluate, evaluateIds } = splitQueries(queries, 1);
const truth = new Int32Array(evaluate.n * 10);
evaluateIds.forEach((id, r) => truth.set(gt.ids.subarray(id * gt.k, id * gt.k + 10), r * 10));

function recallOf(r: LinearReduction): number {
  const found = exactKnn(reduceData(r, base), reduceQueries(r, evaluate), 10, 'ip').ids;
  return recallAt(found, truth, evaluate.n, 10, 10);
}

function fit(
  dim: number,
  oodSolver: OodSolver,
): { recall: number; cpuSeconds: number; solver?: string | undefined } {
  // CPU time of this (single-threaded) fit: wall time on a shared machine swings too much to compare
  const c0 = process.cpuUsage();
  const f = fitReduction('leanvec-ood', base, {
    dim,
    metric: 'ip',
    learnQueries: learn,
    baseMoments: moments,
    oodSolver,
  });
  const c = process.cpuUsage(c0);
  return {
    recall: recallOf(f.reduction),
    cpuSeconds: (c.user + c.system) / 1e6,
    solver: f.diagnostics.solver,
  };
}

for (const dim of [64, 128]) {
  test(`wordnet-use512 OOD, d = ${dim}: eigen-search recall within 0.005 of Frank–Wolfe, at least 2× less CPU time`, () => {
    const es = fit(dim, 'eigen-search');
    const fw = fit(dim, 'frank-wolfe');
    assert.equal(es.solver, 'eigen-search');
    assert.equal(fw.solver, 'frank-wolfe');
    assert.ok(es.recall >= fw.recall - 0.005, `eigen-search ${es.recall} vs Frank–Wolfe ${fw.recall}`);
    // measured about 4× (0.8 against 3.4 CPU s at d = 64, 2.3 against 9.5 at d = 128); 2× leaves room
    assert.ok(
      es.cpuSeconds * 2 < fw.cpuSeconds,
      `eigen-search ${es.cpuSeconds} CPU s vs Frank–Wolfe ${fw.cpuSeconds} CPU s`,
    );
  });
}

test('wordnet-use512 OOD: the default solver keeps LeanVec-OOD’s margins over PCA (0.05 at d = 32 and 64, 0.02 at 128)', () => {
  for (const [dim, gain] of [
    [32, 0.05],
    [64, 0.05],
    [128, 0.02],
  ] as const) {
    const f = fitReduction('leanvec-ood', base, {
      dim,
      metric: 'ip',
      learnQueries: learn,
      baseMoments: moments,
    });
    assert.equal(f.diagnostics.solver, 'eigen-search');
    const lv = recallOf(f.reduction);
    const pca = recallOf(fitPca(base, { dim, metric: 'ip', moments }).reduction);
    assert.ok(lv >= pca + gain, `d=${dim}: LeanVec-OOD ${lv} vs PCA ${pca}`);
  }
});
