import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exportPipeline } from '../../../../core/common/export/exportPipeline.js';
import type { ExportOptions } from '../../../../core/common/export/exportTypes.js';
import { EXPORT_TARGETS, UnsupportedExportError } from '../../../../core/common/export/exportTypes.js';
import { faissExport, toFaissFactory } from '../../../../core/common/export/toFaissFactory.js';
import { toQdrantConfig } from '../../../../core/common/export/toQdrantConfig.js';
import { toUsearchOptions } from '../../../../core/common/export/toUsearchOptions.js';
import { toWeaviateConfig } from '../../../../core/common/export/toWeaviateConfig.js';
import { VecscopeError } from '../../../../core/common/errors.js';
import { parsePipeline } from '../../../../core/common/pipeline/parsePipeline.js';
import {
  checkFaissFactory,
  checkQdrant,
  checkWeaviate,
  EXPORT_EXAMPLES,
} from '../../../helpers/exportFormats.js';

const opts: ExportOptions = { dim: 512, metric: 'ip', k: 10 };
const P = parsePipeline;

test('FAISS factory strings of known pipelines', () => {
  const cases: [string, string][] = [
    ['F32,Flat', 'Flat'],
    ['PCA128,SQ8,Flat', 'PCA128,SQ8'],
    ['OPQ32,Flat', 'OPQ32,PQ32'],
    ['PQ32,Flat', 'PQ32'],
    ['F16,Flat', 'SQfp16'],
    ['SQ8,Flat', 'SQ8'],
    ['BIN,Flat', 'LSH'],
    ['BIN,Flat|rerank=100', 'LSH,RFlat'],
    ['PCA128,SQ8,Flat|rerank=50', 'PCA128,SQ8,RFlat'],
    ['PCA128,SQ8,Flat|rerank=50,sec=F16', 'PCA128,SQ8,Refine(SQfp16)'],
    ['SQ8,Vamana(R=32,L=100)|W=40', 'HNSW16,SQ8'],
    ['F32,Vamana(R=64,L=200)', 'HNSW32,Flat'],
    ['RP64,F16,Vamana(R=32,L=100)|W=64', 'RR64,HNSW16,SQfp16'],
    ['Trunc256,PQ32,Flat|rerank=200', 'PQ32,RFlat'],
    ['LeanVecES64,SQ8,Flat', 'SQ8'],
    ['RaBitQ,Flat', 'RaBitQ'],
    ['RaBitQ,Flat|rerank=100', 'RaBitQ,RFlat'],
    ['PCA128,RaBitQ,Flat', 'PCA128,RaBitQ'],
  ];
  for (const [p, want] of cases) {
    const got = toFaissFactory(P(p), opts);
    assert.equal(got, want, p);
    const d = faissExport(P(p), opts).json['dimension'] as number;
    assert.deepEqual(checkFaissFactory(got, d), [], `${p} -> ${got}`);
  }
  // HNSW and PQ under L2 (the factory builds HNSW<M>,PQ<m> for L2 only).
  assert.equal(toFaissFactory(P('OPQ16,Vamana(R=48,L=80)'), { dim: 128, metric: 'l2' }), 'OPQ16,HNSW24,PQ16');
});

test('FAISS search parameters: efSearch = W (default max(k, 32)), k_factor = rerank / k', () => {
  const a = faissExport(P('SQ8,Vamana|W=40,rerank=80'), opts).json;
  assert.deepEqual(a['searchParams'], { efSearch: 40, k_factor: 8 });
  assert.deepEqual(a['buildParams'], { efConstruction: 100 });
  const b = faissExport(P('SQ8,Vamana'), { dim: 64, metric: 'l2', k: 50 }).json;
  assert.deepEqual(b['searchParams'], { efSearch: 50 });
  assert.equal(faissExport(P('BIN,Flat'), opts).json['metric'], 'METRIC_L2');
  assert.equal(faissExport(P('SQ8,Flat'), opts).json['metric'], 'METRIC_INNER_PRODUCT');
  // Reductions FAISS does not fit itself leave the factory in the reduced dimension.
  assert.equal(faissExport(P('Trunc256,SQ8,Flat'), opts).json['dimension'], 256);
  assert.equal(faissExport(P('PCA128,SQ8,Flat'), opts).json['dimension'], 512);
});

test('Qdrant: binary quantization with rescoring, oversampling = rerank / k', () => {
  const c = toQdrantConfig(P('BIN,Flat|rerank=100'), opts);
  assert.deepEqual(c.createCollection['quantization_config'], { binary: { always_ram: true } });
  assert.deepEqual(c.searchParams['quantization'], { ignore: false, rescore: true, oversampling: 10 });
  assert.deepEqual(c.createCollection['vectors'], { size: 512, distance: 'Dot' });
  assert.deepEqual(c.createCollection['hnsw_config'], { m: 0 });
  const g = toQdrantConfig(P('SQ8,Vamana(R=32,L=128)|W=48'), { dim: 96, metric: 'cos' });
  assert.deepEqual(g.createCollection['hnsw_config'], { m: 16, ef_construct: 128 });
  assert.deepEqual(g.createCollection['quantization_config'], {
    scalar: { type: 'int8', quantile: 1, always_ram: true },
  });
  assert.equal(g.searchParams['hnsw_ef'], 48);
  assert.deepEqual(g.searchParams['quantization'], { ignore: false, rescore: false });
  // PQ with m one-byte codes on d dims compresses 4d / m.
  const pq = toQdrantConfig(P('Trunc256,PQ32,Flat|rerank=200'), opts);
  assert.deepEqual(pq.createCollection['quantization_config'], {
    product: { compression: 'x32', always_ram: true },
  });
  assert.equal((pq.createCollection['vectors'] as { size: number }).size, 256);
  assert.throws(() => toQdrantConfig(P('PQ32,Flat'), { dim: 96, metric: 'ip' }), /is x12; Qdrant offers/);
  // F16 storage, and secondary F16 vectors for rescoring.
  const f16 = toQdrantConfig(P('F16,Flat'), opts);
  assert.equal((f16.createCollection['vectors'] as { datatype: string }).datatype, 'float16');
  const sec = toQdrantConfig(P('SQ8,Flat|rerank=40,sec=F16'), opts);
  assert.equal((sec.createCollection['vectors'] as { datatype: string }).datatype, 'float16');
  assert.equal(
    toQdrantConfig(P('F32,Flat'), { dim: 8, metric: 'l2' }).createCollection['vectors'] instanceof Object,
    true,
  );
  assert.equal(
    (
      toQdrantConfig(P('F32,Flat'), { dim: 8, metric: 'l2' }).createCollection['vectors'] as {
        distance: string;
      }
    ).distance,
    'Euclid',
  );
});

test('Weaviate: hnsw with sq / pq / bq, flat with bq only, distance names', () => {
  const sq = toWeaviateConfig(P('SQ8,Vamana(R=32,L=100)|W=40,rerank=60'), opts);
  assert.equal(sq.vectorIndexType, 'hnsw');
  assert.deepEqual(sq.vectorIndexConfig, {
    distance: 'dot',
    sq: { enabled: true, trainingLimit: 100_000, rescoreLimit: 60 },
    maxConnections: 16,
    efConstruction: 100,
    ef: 40,
  });
  const pq = toWeaviateConfig(P('PQ64,Vamana'), { dim: 512, metric: 'l2' });
  assert.deepEqual(pq.vectorIndexConfig['pq'], {
    enabled: true,
    segments: 64,
    centroids: 256,
    trainingLimit: 100_000,
  });
  assert.equal(pq.vectorIndexConfig['distance'], 'l2-squared');
  const bq = toWeaviateConfig(P('BIN,Flat|rerank=100'), { dim: 512, metric: 'cos' });
  assert.equal(bq.vectorIndexType, 'flat');
  assert.deepEqual(bq.vectorIndexConfig, { distance: 'cosine', bq: { enabled: true, rescoreLimit: 100 } });
  assert.equal(toWeaviateConfig(P('PCA128,SQ8,Vamana'), opts).vectorizer, 'none');
});

test('USearch options: metric names, scalar kinds, connectivity = R / 2', () => {
  assert.deepEqual(toUsearchOptions(P('RP64,F16,Vamana(R=32,L=100)|W=64'), opts), {
    metric: 'ip',
    dimensions: 64,
    quantization: 'f16',
    connectivity: 16,
    expansion_add: 100,
    expansion_search: 64,
    notes: toUsearchOptions(P('RP64,F16,Vamana(R=32,L=100)|W=64'), opts).notes,
  });
  const bin = toUsearchOptions(P('BIN,Flat'), { dim: 256, metric: 'cos' });
  assert.equal(bin.quantization, 'b1');
  assert.equal(bin.metric, 'hamming');
  assert.equal(bin.exact, true);
  assert.equal(toUsearchOptions(P('SQ8,Flat'), { dim: 8, metric: 'l2' }).metric, 'l2sq');
  assert.equal(toUsearchOptions(P('SQ8,Flat'), { dim: 8, metric: 'cos' }).quantization, 'i8');
});

test('RaBitQ and ABIN: the nearest setting of each engine', () => {
  const f = faissExport(P('RaBitQ,Flat|rerank=100'), opts);
  assert.equal(f.json['factory'], 'RaBitQ,RFlat');
  assert.ok(f.notes.some((n) => n.includes('qb=4')));
  const q = toQdrantConfig(P('ABIN,Flat|rerank=100'), opts);
  assert.deepEqual(q.createCollection['quantization_config'], {
    binary: { always_ram: true, encoding: 'one_bit', query_encoding: 'scalar4bits' },
  });
  assert.deepEqual(q.searchParams['quantization'], { ignore: false, rescore: true, oversampling: 10 });
  assert.deepEqual(checkQdrant(q.createCollection, q.searchParams), []);
  const w = toWeaviateConfig(P('RaBitQ8,Vamana|W=40,rerank=80'), { dim: 256, metric: 'cos' });
  assert.equal(w.vectorIndexType, 'hnsw');
  assert.deepEqual(w.vectorIndexConfig['rq'], { enabled: true, bits: 8, rescoreLimit: 80 });
  assert.deepEqual(checkWeaviate({ ...w }, 256), []);
  const wb = toWeaviateConfig(P('ABIN,Flat|rerank=100'), { dim: 256, metric: 'cos' });
  assert.deepEqual(wb.vectorIndexConfig['bq'], { enabled: true, rescoreLimit: 100 });
  const u = toUsearchOptions(P('RaBitQ,Vamana'), { dim: 256, metric: 'ip' });
  assert.equal(u.quantization, 'b1');
  assert.equal(u.metric, 'hamming');
});

test('unsupported stages throw one-line UnsupportedExportErrors naming the target and the stage', () => {
  const cases: [string, string, RegExp][] = [
    ['weaviate', 'LeanVecOOD128,SQ8,Vamana', /^weaviate has no equivalent of LeanVecOOD128 \(/],
    ['qdrant', 'LeanVecOOD128,SQ8,Vamana', /^qdrant has no equivalent of LeanVecOOD128 \(/],
    ['weaviate', 'LVQ8,Vamana', /^weaviate has no equivalent of LVQ8 \(/],
    ['faiss', 'LVQ4x8,Flat', /^faiss has no equivalent of LVQ4x8 \(/],
    ['qdrant', 'LVQ4,Flat', /^qdrant has no equivalent of LVQ4 \(/],
    ['usearch', 'PQ32,Vamana', /^usearch has no equivalent of PQ32 \(/],
    ['qdrant', 'OPQ32,Flat', /^qdrant has no equivalent of OPQ32 \(/],
    ['weaviate', 'F16,Flat', /^weaviate has no equivalent of F16 \(/],
    ['weaviate', 'SQ8,Flat', /^weaviate has no equivalent of SQ8 with Flat \(/],
    ['usearch', 'BIN,Flat|rerank=100', /^usearch has no equivalent of rerank=100 \(/],
    ['faiss', 'SQ8,Flat|rerank=40,sec=LVQ8', /^faiss has no equivalent of sec=LVQ8 \(/],
    ['faiss', 'BIN,Vamana', /^faiss has no equivalent of BIN with Vamana \(/],
    ['faiss', 'PQ32,Vamana', /^faiss has no equivalent of PQ32 with Vamana under inner product \(/],
    ['faiss', 'PQ30,Flat', /^faiss has no equivalent of PQ30 \(30 sub-quantizers do not divide/],
    ['qdrant', 'F32,Flat|rerank=20', /^qdrant has no equivalent of rerank=20 over F32 \(/],
    ['faiss', 'RaBitQ4,Flat', /^faiss has no equivalent of RaBitQ4 \(FAISS's index_factory builds 1-bit/],
    ['faiss', 'RaBitQ,Vamana', /^faiss has no equivalent of RaBitQ with Vamana \(/],
    ['faiss', 'ABIN,Flat', /^faiss has no equivalent of ABIN \(/],
    ['qdrant', 'RaBitQ2,Flat', /^qdrant has no equivalent of RaBitQ2 \(/],
    ['weaviate', 'RaBitQ4,Vamana', /^weaviate has no equivalent of RaBitQ4 \(/],
    ['weaviate', 'RaBitQ,Flat', /^weaviate has no equivalent of RaBitQ with Flat \(/],
    ['usearch', 'RaBitQ8,Vamana', /^usearch has no equivalent of RaBitQ8 \(/],
  ];
  for (const [target, p, re] of cases) {
    assert.throws(
      () => exportPipeline(target as never, P(p), opts),
      (e: unknown) => {
        assert.ok(e instanceof UnsupportedExportError && e instanceof VecscopeError, `${target} ${p}`);
        assert.match(e.message, re);
        assert.ok(!e.message.includes('\n'));
        assert.equal(e.target, target);
        return true;
      },
    );
  }
  // LeanVec-OOD is fine for the libraries: the user applies both matrices client-side.
  assert.equal(toFaissFactory(P('LeanVecOOD128,SQ8,Flat'), opts), 'SQ8');
  assert.equal(toUsearchOptions(P('LeanVecOOD128,SQ8,Vamana'), opts).dimensions, 128);
});

test('every example through every target: a valid configuration or an UnsupportedExportError', () => {
  let ok = 0;
  for (const metric of ['ip', 'l2', 'cos'] as const) {
    for (const p of EXPORT_EXAMPLES) {
      for (const target of EXPORT_TARGETS) {
        let res;
        try {
          res = exportPipeline(target, P(p), { dim: 512, metric, k: 10 });
        } catch (e) {
          assert.ok(e instanceof UnsupportedExportError, `${target} ${p}: ${(e as Error).message}`);
          assert.ok(e.message.startsWith(`${target} has no equivalent of `));
          continue;
        }
        ok++;
        const j = res.json;
        assert.deepEqual(JSON.parse(JSON.stringify(j)), j, 'plain JSON');
        if (target === 'faiss') {
          assert.equal(res.text, j['factory']);
          assert.deepEqual(checkFaissFactory(res.text, j['dimension'] as number), [], `${p}: ${res.text}`);
        } else if (target === 'qdrant') {
          const body = j['createCollection'] as Record<string, unknown>;
          assert.deepEqual(checkQdrant(body, j['searchParams'] as Record<string, unknown>), [], p);
        } else if (target === 'weaviate') {
          assert.deepEqual(checkWeaviate(j, P(p).reduction?.dim ?? 512), [], p);
        }
        if (target === 'pgvector') {
          // pgvector's text is the SQL itself, one statement a line.
          assert.equal(res.text, (j['sql'] as string[]).join('\n'));
          assert.match(res.text, /ORDER BY .* (<->|<#>|<=>|<~>) .* LIMIT 10;$/);
        } else assert.deepEqual(JSON.parse(res.text === j['factory'] ? JSON.stringify(j) : res.text), j);
      }
    }
  }
  assert.ok(ok >= 20, `only ${ok} exports succeeded`);
});
