import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Codec } from '../../../../core/common/quantize/codec.js';
import { codecFromState, codecToState } from '../../../../core/common/quantize/codecState.js';
import { trainCodec } from '../../../../core/common/quantize/trainCodec.js';
import { buildVamana } from '../../../../core/common/search/buildVamana.js';
import { PipelineSearcher } from '../../../../core/common/search/pipelineSearcher.js';
import { SyntheticEmbeddings } from '../../../../core/common/data/syntheticEmbeddings.js';
import type { Matrix } from '../../../../core/common/types.js';
import { createBatchQps } from '../../../../core/node/study/batchQps.js';
import { parallelBuildVamana } from '../../../../core/node/study/parallelVamana.js';
import { bruteKnn, clusteredGaussian, everyQuantizer, recallAt } from '../../../helpers/fixtures.js';

function split(n: number, nq: number, dim: number, seed: number): { base: Matrix; queries: Matrix } {
  const all = clusteredGaussian(n + nq, dim, 8, seed);
  return {
    base: { data: all.data.slice(0, n * dim), n, dim },
    queries: { data: all.data.slice(n * dim), n: nq, dim },
  };
}

test('codec state round trip gives identical codes and distances', () => {
  const { base, queries } = split(600, 3, 20, 1);
  for (const spec of everyQuantizer(5)) {
    const kind = `${spec.kind}${spec.bits ?? ''}`;
    const c: Codec = trainCodec(spec, base, 'l2', 3);
    const back = codecFromState(structuredClone(codecToState(c)));
    const enc = c.encode(base);
    assert.deepEqual(back.encode(base), enc, kind);
    const a = c.scorer(enc);
    const b = back.scorer(enc);
    a.setQuery(queries.data, 0);
    b.setQuery(queries.data, 0);
    for (let i = 0; i < 50; i++) assert.equal(b.refined(i), a.refined(i), kind);
  }
});

test('multi-threaded Vamana build matches the single-threaded recall; batch QPS runs on workers', async () => {
  const { base, queries } = split(4_000, 100, 32, 2);
  const truth = bruteKnn(base, queries, 10, 'l2');
  const codec = trainCodec({ kind: 'F32' }, base, 'l2', 1);
  const encoded = codec.encode(base);
  const recallOf = (graph: ReturnType<typeof buildVamana>) => {
    const s = new PipelineSearcher({ codec, encoded, graph });
    const out = new Int32Array(queries.n * 10);
    for (let q = 0; q < queries.n; q++)
      s.search(queries.data, q * 32, queries.data, q * 32, { k: 10, W: 40, rerank: 0 }, out, q * 10);
    return recallAt(out, truth, queries.n, 10);
  };
  const single = buildVamana(base, 'l2', { R: 24, L: 64, seed: 4 });
  const multi = await parallelBuildVamana(base, 'l2', { R: 24, L: 64, seed: 4 }, 2);
  assert.equal(multi.adjacency.length, 4_000 * 24);
  for (let i = 0; i < multi.adjacency.length; i++)
    assert.ok(multi.adjacency[i]! >= -1 && multi.adjacency[i]! < 4_000);
  const rs = recallOf(single);
  const rm = recallOf(multi);
  console.log(`recall@10 W=40: single-thread build ${rs.toFixed(3)}, 2-thread build ${rm.toFixed(3)}`);
  assert.ok(rm >= 0.95 && rm >= rs - 0.02, `parallel ${rm} vs single ${rs}`);
  const batch = await createBatchQps(2)({ codec, encoded, graph: multi }, queries, queries, {
    k: 10,
    W: 40,
    rerank: 0,
  });
  assert.ok(Number.isFinite(batch.qps) && batch.qps > 0);
  // The workers' ids are the single-thread searcher's, query for query.
  const s = new PipelineSearcher({ codec, encoded, graph: multi });
  const serial = new Int32Array(queries.n * 10);
  for (let q = 0; q < queries.n; q++)
    s.search(
      queries.data,
      q * queries.dim,
      queries.data,
      q * queries.dim,
      { k: 10, W: 40, rerank: 0 },
      serial,
      q * 10,
    );
  assert.deepEqual(batch.ids, serial);
});

test('batch QPS workers size RaBitQ re-ranking by its bound exactly as the single-thread searcher', async () => {
  // Embedding-like rows, where the bound is tight enough to cut the depth; the workers hold no codes,
  // only RaBitQ's per-row factors, which the bound needs.
  const g = new SyntheticEmbeddings({ dim: 64, seed: 4 });
  const base: Matrix = { data: new Float32Array(3_000 * 64), n: 3_000, dim: 64 };
  const queries: Matrix = { data: new Float32Array(60 * 64), n: 60, dim: 64 };
  g.fill(base.data, 'base', 0);
  g.fill(queries.data, 'queries', 0);
  const codec = trainCodec({ kind: 'RaBitQ' }, base, 'l2', 2);
  const encoded = codec.encode(base);
  const f32 = trainCodec({ kind: 'F32' }, base, 'l2', 1);
  const parts = { codec, encoded, secondary: { codec: f32, encoded: f32.encode(base) } };
  const settings = { k: 10, W: 10, rerank: 300 };
  const batch = await createBatchQps(2)(parts, queries, queries, settings);
  const s = new PipelineSearcher(parts);
  const serial = new Int32Array(queries.n * 10);
  let reranked = 0;
  for (let q = 0; q < queries.n; q++) {
    s.search(queries.data, q * 64, queries.data, q * 64, settings, serial, q * 10);
    reranked += s.reranked;
  }
  assert.ok(reranked / queries.n < 300, `re-ranked ${reranked / queries.n}`);
  assert.deepEqual(batch.ids, serial);
});
