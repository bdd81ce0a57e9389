import assert from 'node:assert/strict';
import { test } from 'node:test';
import { VecscopeError } from '../../../../core/common/errors.js';
import { formatPipeline } from '../../../../core/common/pipeline/formatPipeline.js';
import { foreignPipelineNote, parsePipeline } from '../../../../core/common/pipeline/parsePipeline.js';

const canon = (s: string) => formatPipeline(parsePipeline(s));

test('FAISS and database words read as the equivalent vecscope pipeline', () => {
  const cases: [string, string][] = [
    ['HNSW32', 'F32,Vamana(R=64)'],
    ['HNSW16', 'F32,Vamana'],
    ['HNSW32,Flat', 'F32,Vamana(R=64)'],
    ['HNSW32,SQ8', 'SQ8,Vamana(R=64)'],
    ['hnsw32,pq16', 'PQ16,Vamana(R=64)'],
    ['HNSW32|W=40', 'F32,Vamana(R=64)|W=40'],
    ['OPQ32,PQ32', 'OPQ32,Flat'],
    ['OPQ16,PQ16x8', 'OPQ16,Flat'],
    ['PQ32', 'PQ32,Flat'],
    ['PCA64,Flat', 'PCA64,F32,Flat'],
    ['PCA64,SQ8', 'PCA64,SQ8,Flat'],
    ['PCAR64,SQ8', 'PCA64,SQ8,Flat'],
    ['RR64,PQ16', 'RP64,PQ16,Flat'],
    ['Flat', 'F32,Flat'],
    ['int8', 'SQ8,Flat'],
    ['fp16', 'F16,Flat'],
    ['SQfp16', 'F16,Flat'],
    ['LSH', 'BIN,Flat'],
    ['RaBitQ', 'RaBitQ,Flat'],
    ['binary|rerank=100', 'BIN,Flat|rerank=100'],
    ['hnsw,int8', 'SQ8,Vamana'],
  ];
  for (const [foreign, native] of cases) assert.equal(canon(foreign), native, foreign);
  assert.match(foreignPipelineNote('HNSW32,SQ8')!, /read "HNSW32,SQ8" as SQ8,Vamana\(R=64\).*2·M neighbours/);
  assert.match(foreignPipelineNote('OPQ32,PQ32')!, /as OPQ32,Flat/);
  // vecscope's own strings are never re-read.
  assert.equal(foreignPipelineNote('PCA64,SQ8,Flat'), undefined);
  assert.equal(canon('PCA64,SQ8,Flat'), 'PCA64,SQ8,Flat');
});

test('FAISS words without an equivalent say in one line what to write instead', () => {
  const cases: [string, RegExp][] = [
    ['IVF4096,PQ32', /no inverted-file \(IVF\) index; for the same codes write PQ32,Flat .* or PQ32,Vamana/],
    ['IVF1024,Flat', /write F32,Flat .* or F32,Vamana/],
    ['IVF1024,RaBitQ', /write RaBitQ,Flat .* or RaBitQ,Vamana/],
    ['PQ32,RFlat', /re-ranking is a search setting here: drop RFlat and add \|rerank=<candidates>/],
    ['SQ4', /no SQ4 scalar code.*write LVQ4,Flat/],
    ['OPQ16_64,PQ16', /write OPQ16,Flat, or PCA64,OPQ16,Flat/],
    ['OPQ16,PQ32', /share m here/],
    ['PQ16x4', /8-bit codes/],
    ['L2norm,Flat', /cos metric/],
  ];
  for (const [text, why] of cases) {
    assert.throws(
      () => parsePipeline(text),
      (e: unknown) => e instanceof VecscopeError && why.test(e.message) && !e.message.includes('\n'),
      text,
    );
  }
  // A mistyped vecscope string keeps its own message.
  assert.throws(() => parsePipeline('LVQ9,Flat'), /bad pipeline "LVQ9,Flat": unknown quantizer "LVQ9"/);
  assert.throws(() => parsePipeline('SQ8,Vamana(R=0)'), /R must be a positive integer/);
});
