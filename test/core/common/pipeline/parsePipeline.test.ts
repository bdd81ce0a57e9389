import assert from 'node:assert/strict';
import { test } from 'node:test';
import { VecscopeError } from '../../../../core/common/errors.js';
import { formatPipeline } from '../../../../core/common/pipeline/formatPipeline.js';
import { parsePipeline } from '../../../../core/common/pipeline/parsePipeline.js';

const canonical = [
  'F32,Flat',
  'SQ8,Flat',
  'LVQ8,Flat',
  'PCA128,LVQ8,Flat',
  'LeanVecOOD128,LVQ4x8,Vamana(L=128)|W=40,rerank=100',
  'Trunc256,PQ32,Flat|rerank=200',
  'BIN,Flat|rerank=100',
  'RP64,F16,Vamana|W=64',
  'PCA128,LVQ8,Vamana|W=40,rerank=80,sec=F16',
  'LeanVecES64,OPQ16,Vamana(R=64,L=200,a=0.95)|W=30,rerank=60,sec=LVQ8',
  'SRP32,LVQ4,Flat',
  'RaBitQ,Flat|rerank=100',
  'PCA128,RaBitQ4,Vamana|W=40,rerank=40',
  'RaBitQ8,Flat',
  'ABIN,Flat|rerank=50',
];

test('canonical pipeline strings print back unchanged', () => {
  for (const s of canonical) assert.equal(formatPipeline(parsePipeline(s)), s);
});

test('accepted variants print in canonical form', () => {
  const cases: [string, string][] = [
    [
      'LeanVecOOD128,LVQ4x8,Vamana(R=32,L=128)|W=40,rerank=100',
      'LeanVecOOD128,LVQ4x8,Vamana(L=128)|W=40,rerank=100',
    ],
    ['RP64,F16,Vamana(R=32,L=100)|W=64', 'RP64,F16,Vamana|W=64'],
    ['PCA128,LVQ8,Vamana(R=32,L=100)|W=40,rerank=80,sec=F16', 'PCA128,LVQ8,Vamana|W=40,rerank=80,sec=F16'],
    [
      ' pca128 , lvq8 , vamana( l=50 , r=16 ) | rerank=20 , w=10 ',
      'PCA128,LVQ8,Vamana(R=16,L=50)|W=10,rerank=20',
    ],
    ['LeanVecID64,FP16,Flat|rerank=10,sec=F32', 'PCA64,F16,Flat|rerank=10'],
    ['opq8,vamana(alpha=1.1)', 'OPQ8,Vamana(a=1.1)'],
    ['F32,Vamana()', 'F32,Vamana'],
    ['rabitq , flat', 'RaBitQ,Flat'],
    ['RABITQ2,Flat', 'RaBitQ2,Flat'],
    ['abin,vamana|w=20', 'ABIN,Vamana|W=20'],
  ];
  for (const [input, want] of cases) {
    const out = formatPipeline(parsePipeline(input));
    assert.equal(out, want);
    assert.equal(formatPipeline(parsePipeline(out)), out);
  }
});

test('parsed fields', () => {
  const p = parsePipeline('LeanVecOOD128,LVQ4x8,Vamana(R=48,L=128,a=0.9)|W=40,rerank=100,sec=LVQ8');
  assert.deepEqual(p, {
    reduction: { kind: 'LeanVecOOD', dim: 128 },
    quantizer: { kind: 'LVQ4x8' },
    index: { kind: 'Vamana', R: 48, L: 128, alpha: 0.9 },
    search: { W: 40, rerank: 100, sec: 'LVQ8' },
  });
  assert.deepEqual(parsePipeline('Trunc256,PQ32,Flat').quantizer, { kind: 'PQ', m: 32 });
  assert.deepEqual(parsePipeline('RaBitQ,Flat').quantizer, { kind: 'RaBitQ' });
  assert.deepEqual(parsePipeline('RaBitQ5,Flat').quantizer, { kind: 'RaBitQ', bits: 5 });
  assert.deepEqual(parsePipeline('ABIN,Flat').quantizer, { kind: 'ABIN' });
});

test('bad strings throw a one-line VecscopeError', () => {
  const bad = [
    '',
    'LVQ9,Flat',
    'PCA,LVQ8,Flat',
    'PCA0,LVQ8,Flat',
    'XYZ12,LVQ8,Flat',
    'LVQ8,Tree',
    'LVQ8,Vamana(R=0)',
    'LVQ8,Vamana(Q=3)',
    'LVQ8,Vamana(R=3',
    'LVQ8,Vamana|W=0',
    'LVQ8,Vamana|W=abc',
    'LVQ8,Vamana|foo=3',
    'LVQ8,Flat|W=20',
    'LVQ8,Flat|sec=F16',
    'LVQ8,Flat|rerank=10,sec=PQ8',
    'PQ0,Flat',
    'A,B,C,D',
    'LVQ8,Flat|',
    'RaBitQ1,Flat',
    'RaBitQ9,Flat',
    'RaBitQ0,Flat',
    'ABIN4,Flat',
  ];
  // FAISS's "Flat" is a whole index (exact search), read as F32,Flat (foreignPipeline.test.ts).
  assert.equal(formatPipeline(parsePipeline('Flat')), 'F32,Flat');
  for (const s of bad) {
    assert.throws(
      () => parsePipeline(s),
      (e: unknown) =>
        e instanceof VecscopeError && !e.message.includes('\n') && e.message.includes('bad pipeline'),
      s,
    );
  }
});
