// The real-data recall check, shared by the sample's test and the wordnet data test: the same pipelines,
// the same bars, against brute force.
import assert from 'node:assert/strict';
import { runStudy } from '../../core/common/study/runStudy.js';
import type { Matrix } from '../../core/common/types.js';
import { studyReductionFitter } from '../../core/node/study/reductionFitter.js';
import { bruteKnn } from './fixtures.js';

/** The first n rows as a new matrix. */
export function headRows(m: Matrix, n: number): Matrix {
  return { data: m.data.slice(0, n * m.dim), n, dim: m.dim };
}

/** Each codec, PCA and Vamana pipeline reaches its recall@10 bar on (base, queries) under ip. */
export async function checkRealStudyRecall(base: Matrix, queries: Matrix): Promise<void> {
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
}
