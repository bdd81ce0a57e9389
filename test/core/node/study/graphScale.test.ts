import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CodeMetric } from '../../../../core/common/quantize/codec.js';
import { F32Codec } from '../../../../core/common/quantize/f32Codec.js';
import { PipelineSearcher } from '../../../../core/common/search/pipelineSearcher.js';
import type { Matrix } from '../../../../core/common/types.js';
import { parallelBuildVamana } from '../../../../core/node/study/parallelVamana.js';
import { createRng } from '../../../../core/common/random.js';
import { exactTruth } from '../../../../core/common/study/exactTruth.js';
import { recallAt } from '../../../helpers/fixtures.js';

/** Overlapping Gaussian clusters (centres 1.2σ apart per coordinate): neighbours cross cluster borders. */
function overlappingClusters(n: number, dim: number, clusters: number, seed: number): Matrix {
  const rand = createRng(seed);
  const centres = Float32Array.from({ length: clusters * dim }, () => 1.2 * rand.gaussian());
  const data = new Float32Array(n * dim);
  for (let i = 0; i < n; i++) {
    const c = Math.floor(rand.next() * clusters);
    for (let j = 0; j < dim; j++) data[i * dim + j] = centres[c * dim + j]! + rand.gaussian();
  }
  return { data, n, dim };
}

function normalizeRows(m: Matrix): Matrix {
  for (let i = 0; i < m.n; i++) {
    let s = 0;
    for (let j = 0; j < m.dim; j++) s += m.data[i * m.dim + j]! ** 2;
    const inv = 1 / Math.sqrt(s);
    for (let j = 0; j < m.dim; j++) m.data[i * m.dim + j]! *= inv;
  }
  return m;
}

// 100,000 clustered rows: the size at which the old TypeScript build's recall had fallen (its ip rule
// kept no long edges between clusters). Built on 2 worker threads, searched in WebAssembly.
for (const metric of ['ip', 'l2'] as CodeMetric[])
  test(`Vamana on 100,000 clustered ${metric === 'ip' ? 'unit ' : ''}vectors (${metric}): recall@10 against brute force`, async () => {
    const n = 100_000;
    const nq = 200;
    const dim = 32;
    const all = overlappingClusters(n + nq, dim, 1000, metric === 'ip' ? 21 : 22);
    if (metric === 'ip') normalizeRows(all);
    const base: Matrix = { data: all.data.subarray(0, n * dim), n, dim };
    const queries: Matrix = { data: all.data.subarray(n * dim), n: nq, dim };
    const t0 = Date.now();
    const graph = await parallelBuildVamana(base, metric, { R: 32, L: 100, seed: 5 }, 2);
    const buildSeconds = (Date.now() - t0) / 1000;
    const truth = exactTruth(base, queries, 10, metric);
    const codec = F32Codec.train(base, metric);
    const searcher = new PipelineSearcher({ codec, encoded: codec.encode(base), graph });
    const recall = (W: number) => {
      const out = new Int32Array(nq * 10);
      for (let q = 0; q < nq; q++)
        searcher.search(queries.data, q * dim, queries.data, q * dim, { k: 10, W, rerank: 0 }, out, q * 10);
      return recallAt(out, truth, nq, 10);
    };
    const r40 = recall(40);
    const r100 = recall(100);
    console.log(
      `100k ${metric}: build ${buildSeconds.toFixed(1)} s, recall@10 W=40 ${r40.toFixed(3)}, W=100 ${r100.toFixed(3)}`,
    );
    assert.ok(r40 >= 0.95, `recall@10 at W=40: ${r40}`);
    assert.ok(r100 >= 0.99, `recall@10 at W=100: ${r100}`);
    let edges = 0;
    for (let i = 0; i < graph.adjacency.length; i++) if (graph.adjacency[i]! >= 0) edges++;
    assert.ok(edges / n > 16 && edges / n <= 32, `mean degree ${edges / n}`);
  });
