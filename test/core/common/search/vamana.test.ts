import assert from 'node:assert/strict';
import { test } from 'node:test';
import { F32Codec } from '../../../../core/common/quantize/f32Codec.js';
import { LvqCodec } from '../../../../core/common/quantize/lvqCodec.js';
import { buildVamana } from '../../../../core/common/search/buildVamana.js';
import { PipelineSearcher } from '../../../../core/common/search/pipelineSearcher.js';
import type { Matrix } from '../../../../core/common/types.js';
import { bruteKnn, clusteredGaussian, recallAt } from '../../../helpers/fixtures.js';

function searchAll(s: PipelineSearcher, q: Matrix, k: number, W: number, rerank = 0): Int32Array {
  const out = new Int32Array(q.n * k);
  for (let i = 0; i < q.n; i++) s.search(q.data, i * q.dim, q.data, i * q.dim, { k, W, rerank }, out, i * k);
  return out;
}

test('Vamana reaches recall@10 >= 0.95 at W = 64 on 10,000 points in 10 Gaussian clusters (64-D)', () => {
  const all = clusteredGaussian(10_200, 64, 10, 42);
  const base: Matrix = { data: all.data.subarray(0, 10_000 * 64), n: 10_000, dim: 64 };
  const queries: Matrix = { data: all.data.subarray(10_000 * 64), n: 200, dim: 64 };
  const truth = bruteKnn(base, queries, 10, 'l2');
  const t0 = performance.now();
  const graph = buildVamana(base, 'l2', { R: 32, L: 100, seed: 7 });
  const buildS = (performance.now() - t0) / 1000;
  const degrees = new Int32Array(graph.n);
  for (let i = 0; i < graph.n; i++)
    for (let e = 0; e < graph.R; e++) if (graph.adjacency[i * graph.R + e]! >= 0) degrees[i]!++;
  assert.ok(degrees.every((d) => d >= 1 && d <= 32));
  const codec = F32Codec.train(base, 'l2');
  const searcher = new PipelineSearcher({ codec, encoded: codec.encode(base), graph });
  const r64 = recallAt(searchAll(searcher, queries, 10, 64), truth, queries.n, 10);
  const r16 = recallAt(searchAll(searcher, queries, 10, 16), truth, queries.n, 10);
  console.log(
    `Vamana 10k x 64-D: build ${buildS.toFixed(1)} s, recall@10 W=16 ${r16.toFixed(3)}, W=64 ${r64.toFixed(3)}`,
  );
  assert.ok(r64 >= 0.95, `recall@10 at W=64 = ${r64}`);
  assert.ok(r64 >= r16);

  // The same graph traversed over LVQ-8 codes, re-ranked with the floats.
  const lvq = LvqCodec.train('LVQ8', base, 'l2');
  const rr = new PipelineSearcher({
    codec: lvq,
    encoded: lvq.encode(base),
    graph,
    secondary: { codec, encoded: codec.encode(base) },
  });
  const rLvq = recallAt(searchAll(rr, queries, 10, 64, 64), truth, queries.n, 10);
  console.log(`LVQ8 Vamana W=64 rerank=64: recall@10 ${rLvq.toFixed(3)}`);
  assert.ok(rLvq >= 0.95);
});

test('Vamana under inner product (build on MIPS-augmented rows, alpha 1.2)', () => {
  const all = clusteredGaussian(3_100, 32, 8, 5);
  const base: Matrix = { data: all.data.subarray(0, 3_000 * 32), n: 3_000, dim: 32 };
  const queries: Matrix = { data: all.data.subarray(3_000 * 32), n: 100, dim: 32 };
  const truth = bruteKnn(base, queries, 10, 'ip');
  const graph = buildVamana(base, 'ip', { seed: 3 });
  const codec = F32Codec.train(base, 'ip');
  const s = new PipelineSearcher({ codec, encoded: codec.encode(base), graph });
  const r = recallAt(searchAll(s, queries, 10, 64), truth, queries.n, 10);
  console.log(`Vamana ip 3k x 32-D: recall@10 W=64 ${r.toFixed(3)}`);
  assert.ok(r >= 0.9, `ip recall ${r}`);
});
