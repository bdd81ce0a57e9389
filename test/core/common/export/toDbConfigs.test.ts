import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exportPipeline } from '../../../../core/common/export/exportPipeline.js';
import { UnsupportedExportError } from '../../../../core/common/export/exportTypes.js';
import { toLanceConfig } from '../../../../core/common/export/toLanceConfig.js';
import { toPgvectorConfig } from '../../../../core/common/export/toPgvectorConfig.js';
import { parsePipeline } from '../../../../core/common/pipeline/parsePipeline.js';

const P = parsePipeline;
const opts = { dim: 512, metric: 'ip' as const, k: 10 };

test('pgvector: Vamana becomes HNSW (m = R/2), F16 halfvec, BIN a bit column re-ranked by the float32 vectors', () => {
  const f32 = toPgvectorConfig(P('F32,Vamana(R=32,L=100)|W=40'), opts);
  assert.deepEqual(f32.hnsw, { m: 16, efConstruction: 100, efSearch: 40 });
  assert.equal(f32.opsClass, 'vector_ip_ops');
  assert.equal(f32.operator, '<#>');
  const half = toPgvectorConfig(P('F16,Vamana(R=64,L=50)|W=20,rerank=60'), { ...opts, metric: 'cos' });
  assert.equal(half.opsClass, 'halfvec_cosine_ops');
  // ef_construction must be at least 2·m; ef_search must cover the 60 candidates.
  assert.deepEqual(half.hnsw, { m: 32, efConstruction: 64, efSearch: 60 });
  assert.equal(half.candidates, 60);
  const bits = toPgvectorConfig(P('BIN,Flat|rerank=100'), { ...opts, metric: 'l2' });
  assert.equal(bits.type, 'bit');
  assert.equal(bits.opsClass, 'bit_hamming_ops');
  assert.equal(bits.fullOperator, '<->');
  assert.equal(bits.hnsw, undefined);
  assert.ok(bits.centredBits);
  const sql = exportPipeline('pgvector', P('BIN,Vamana|rerank=40'), opts).text;
  assert.match(sql, /USING hnsw \(embedding_bits bit_hamming_ops\) WITH \(m = 16, ef_construction = 100\)/);
  assert.match(sql, /ORDER BY embedding <#> \$1 LIMIT 10;$/);
  for (const p of ['LVQ8,Vamana', 'PQ64,Flat', 'SQ8,Flat', 'RaBitQ4,Flat'])
    assert.throws(
      () => toPgvectorConfig(P(p), opts),
      (e: unknown) => e instanceof UnsupportedExportError && e.target === 'pgvector',
    );
  assert.throws(() => toPgvectorConfig(P('F32,Vamana'), { ...opts, dim: 3000 }), /up to 2000 dimensions/);
});

test('LanceDB: one IVF partition around the graph or code scan, rerank as refineFactor', () => {
  const sq = toLanceConfig(P('SQ8,Vamana(R=32,L=100)|W=40'), opts);
  assert.deepEqual(sq.index, { type: 'IVF_HNSW_SQ', numPartitions: 1, m: 16, efConstruction: 100 });
  assert.deepEqual(sq.search, { nprobes: 1, ef: 40 });
  assert.equal(sq.distanceType, 'dot');
  const pq = toLanceConfig(P('PQ64,Flat|rerank=40'), { ...opts, metric: 'l2' });
  assert.deepEqual(pq.index, { type: 'IVF_PQ', numPartitions: 1, numSubVectors: 64, numBits: 8 });
  assert.deepEqual(pq.search, { nprobes: 1, refineFactor: 4 });
  assert.equal(toLanceConfig(P('RaBitQ,Flat'), opts).index?.type, 'IVF_RQ');
  assert.equal(toLanceConfig(P('F32,Flat'), opts).index, undefined);
  for (const p of ['OPQ16,Flat', 'SQ8,Flat', 'BIN,Vamana'])
    assert.throws(
      () => toLanceConfig(P(p), opts),
      (e: unknown) => e instanceof UnsupportedExportError && e.target === 'lancedb',
    );
});
