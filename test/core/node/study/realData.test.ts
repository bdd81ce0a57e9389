import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runStudy } from '../../../../core/common/study/runStudy.js';
import type { Matrix } from '../../../../core/common/types.js';
import { loadDataset, loadQueries } from '../../../../core/node/io/loadDataset.js';
import { samplePaths } from '../../../../core/node/io/samples.js';
import { studyReductionFitter } from '../../../../core/node/study/reductionFitter.js';
import { bruteKnn } from '../../../helpers/fixtures.js';

function head(m: Matrix, n: number): Matrix {
  return { data: m.data.slice(0, n * m.dim), n, dim: m.dim };
}

// The built-in sample's WordNet embeddings (float16 on disk); the same bars on wordnet-use512 from
// ../shared/data are in realData.data.test.ts.
test('real data (the sample, OOD queries): codec, PCA and Vamana recall against brute force', async () => {
  const base = head((await loadDataset('sample')).vectors, 4_000);
  const queries = head(await loadQueries(samplePaths().queryOod, base), 100);
  const truth = bruteKnn(base, queries, 10, 'ip');
  const want: Record<string, number> = {
    'F16,Flat': 0.99,
    'SQ8,Flat': 0.95,
    'LVQ8,Flat': 0.97,
    'LVQ4x8,Flat': 0.97,
    'LVQ4,Flat|rerank=40': 0.97,
    'PQ64,Flat|rerank=50': 0.95,
    'BIN,Flat|rerank=100': 0.9,
    'F32,Vamana|W=40': 0.95,
    'PCA128,LVQ8,Vamana|W=40,rerank=80': 0.93,
  };
  const res = await runStudy({
    base,
    queries,
    truth: { ids: truth, nq: queries.n, k: 10 },
    k: 10,
    metric: 'ip',
    pipelines: Object.keys(want),
    fitReduction: studyReductionFitter,
  });
  for (const row of res.rows) {
    console.log(
      `${row.pipeline}: recall@10 ${row.recall.toFixed(3)}, ${row.primaryBytes}+${row.secondaryBytes} B`,
    );
    assert.ok(row.recall >= want[row.pipeline]!, `${row.pipeline}: ${row.recall} < ${want[row.pipeline]}`);
  }
});
