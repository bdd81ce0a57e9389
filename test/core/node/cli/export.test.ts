import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { Index as UsearchIndex } from 'usearch';
import { encodeNpy } from '../../../../core/common/io/npy.js';
import { EXPORT_TARGETS } from '../../../../core/common/export/exportTypes.js';
import { toUsearchOptions } from '../../../../core/common/export/toUsearchOptions.js';
import { parsePipeline } from '../../../../core/common/pipeline/parsePipeline.js';
import { runCli } from '../../../../core/node/cli/main.js';
import { clusteredGaussian } from '../../../helpers/fixtures.js';
import { EXPORT_EXAMPLES } from '../../../helpers/exportFormats.js';

/** Minimal .npy (v1, little-endian float32) reader for any rank: shape and data. */
function readNpy(path: string): { shape: number[]; data: Float32Array } {
  const b = new Uint8Array(readFileSync(path));
  const headerLen = b[8]! | (b[9]! << 8);
  const header = new TextDecoder().decode(b.subarray(10, 10 + headerLen));
  assert.match(header, /'descr': '<f4'/);
  const shape = /'shape': \(([^)]*)\)/
    .exec(header)![1]!
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x)
    .map(Number);
  const off = 10 + headerLen;
  return { shape, data: new Float32Array(b.slice(off).buffer) };
}

async function cli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

test('vecscope export: every example to every target exits 0 with one JSON object or 2 with one stderr line', async () => {
  const codes: Record<string, number> = {};
  for (const p of EXPORT_EXAMPLES) {
    for (const t of EXPORT_TARGETS) {
      const r = await cli(['export', p, '--to', t, '--dim', '512', '--json']);
      codes[`${t} ${p}`] = r.code;
      if (r.code === 0) {
        assert.equal(r.stdout.trimEnd().split('\n').length, 1, `${t} ${p}: one line`);
        const obj = JSON.parse(r.stdout) as Record<string, unknown>;
        if (t === 'faiss') assert.equal(typeof obj['factory'], 'string');
      } else {
        assert.equal(r.code, 2, `${t} ${p}: ${r.stderr}`);
        assert.equal(r.stdout, '');
        assert.match(r.stderr, new RegExp(`^vecscope export: ${t} has no equivalent of \\S+.*\\n$`));
        assert.equal(r.stderr.split('\n').length, 2, 'one line');
      }
    }
  }
  // The issue's own examples of unsupported stages, and some that must work.
  assert.equal(codes['weaviate LeanVecOOD128,LVQ4x8,Vamana(R=32,L=128)|W=40,rerank=100'], 2);
  assert.equal(codes['weaviate LVQ8,Flat'], 2);
  assert.equal(codes['faiss F32,Flat'], 0);
  assert.equal(codes['qdrant BIN,Flat|rerank=100'], 0);
  assert.equal(codes['usearch RP64,F16,Vamana(R=32,L=100)|W=64'], 0);
});

test('vecscope export: exact FAISS text, Qdrant binary rescoring, and --dim / --metric', async () => {
  for (const [p, want] of [
    ['PCA128,SQ8,Flat', 'PCA128,SQ8'],
    ['OPQ32,Flat', 'OPQ32,PQ32'],
    ['F16,Flat', 'SQfp16'],
  ]) {
    const r = await cli(['export', p!, '--to', 'faiss', '--dim', '512']);
    assert.equal(r.code, 0);
    assert.equal(r.stdout, `${want}\n`);
  }
  const j = await cli(['export', 'PCA128,SQ8,Flat', '--to', 'faiss', '--dim', '512', '--json']);
  assert.equal((JSON.parse(j.stdout) as { factory: string }).factory, 'PCA128,SQ8');
  const q = await cli([
    'export',
    'BIN,Flat|rerank=100',
    '--to',
    'qdrant',
    '--dim',
    '768',
    '--metric',
    'cos',
    '--json',
  ]);
  const obj = JSON.parse(q.stdout) as {
    createCollection: { vectors: { size: number; distance: string }; quantization_config: unknown };
    searchParams: { quantization: unknown };
  };
  assert.deepEqual(obj.createCollection.vectors, { size: 768, distance: 'Cosine' });
  assert.deepEqual(obj.createCollection.quantization_config, { binary: { always_ram: true } });
  assert.deepEqual(obj.searchParams.quantization, { ignore: false, rescore: true, oversampling: 10 });
  const k = await cli([
    'export',
    'BIN,Flat|rerank=100',
    '--to',
    'qdrant',
    '--dim',
    '64',
    '--k',
    '20',
    '--json',
  ]);
  assert.equal((JSON.parse(k.stdout) as typeof obj).searchParams.quantization instanceof Object, true);
  assert.deepEqual((JSON.parse(k.stdout) as typeof obj).searchParams.quantization, {
    ignore: false,
    rescore: true,
    oversampling: 5,
  });
  // Without --dim the dimension comes from the base (the sample: 512-d).
  const s = await cli(['export', 'F32,Flat', '--to', 'usearch', '--json']);
  assert.equal(s.code, 0, s.stderr);
  assert.equal((JSON.parse(s.stdout) as { dimensions: number }).dimensions, 512);
  const bad = await cli(['export', 'F32,Flat', '--to', 'milvus']);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /--to must be one of faiss, qdrant, weaviate, usearch/);
});

test('vecscope export --matrices writes the fitted projection as .npy', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vecscope-export-'));
  const n = 600;
  const D = 24;
  const data = clusteredGaussian(n, D, 4, 5).data;
  writeFileSync(join(dir, 'base.npy'), encodeNpy(data, [n, D]));
  const prefix = join(dir, 'proj');
  const r = await cli([
    'export',
    'PCA8,SQ8,Flat',
    join(dir, 'base.npy'),
    '--to',
    'qdrant',
    '--metric',
    'l2',
    '--matrices',
    prefix,
    '--json',
  ]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(
    (JSON.parse(r.stdout) as { createCollection: { vectors: { size: number } } }).createCollection.vectors
      .size,
    8,
  );
  const m = readNpy(`${prefix}.data.npy`);
  assert.deepEqual(m.shape, [D, 8]);
  const mean = readNpy(`${prefix}.mean.npy`);
  assert.deepEqual(mean.shape, [D]);
  // PCA directions are orthonormal columns, and the mean is the data's.
  const B = m.data;
  for (let a = 0; a < 8; a++)
    for (let b = 0; b < 8; b++) {
      let s = 0;
      for (let j = 0; j < D; j++) s += B[j * 8 + a]! * B[j * 8 + b]!;
      assert.ok(Math.abs(s - (a === b ? 1 : 0)) < 1e-3, `B^T B [${a},${b}] = ${s}`);
    }
  let mu0 = 0;
  for (let i = 0; i < n; i++) mu0 += data[i * D]!;
  assert.ok(Math.abs(mean.data[0]! - mu0 / n) < 1e-4);
  const none = await cli([
    'export',
    'SQ8,Flat',
    join(dir, 'base.npy'),
    '--to',
    'faiss',
    '--matrices',
    prefix,
  ]);
  assert.equal(none.code, 1);
  assert.match(none.stderr, /no reduction/);
});

test('USearch options construct a working usearch index (v2.25)', () => {
  const D = 32;
  const { data } = clusteredGaussian(200, D, 4, 9);
  for (const p of ['F32,Flat', 'F16,Vamana(R=32,L=100)|W=64', 'SQ8,Vamana(R=16,L=64)']) {
    const {
      notes: _notes,
      exact: _exact,
      ...o
    } = toUsearchOptions(parsePipeline(p), { dim: D, metric: 'l2' });
    const index = new UsearchIndex(o as never);
    const keys = new BigUint64Array(200).map((_, i) => BigInt(i));
    index.add(keys, data, 1);
    assert.equal(Number(index.size()), 200, p);
    const q = data.subarray(5 * D, 6 * D);
    const found = index.search(q, 1, 1);
    assert.equal(Number(found.keys[0]), 5, `${p}: a stored vector finds itself`);
  }
});

test('vecscope report turns a study result into CSV, JSON rows and SVG charts', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vecscope-report-'));
  const mk = (pipeline: string, recall: number, qps: number, bytes: number) => ({
    pipeline,
    recall,
    recallLow: recall - 0.02,
    recallHigh: recall + 0.02,
    bytesPerVector: bytes,
    primaryBytes: bytes,
    secondaryBytes: 0,
    graphBytes: 0,
    buildSeconds: 0.5,
    qps,
    qpsSpread: 0.05,
    qpsBatch: null,
    evaluations: 100,
    perQueryRecall: [recall],
    decomposition: { reduction: 0, quantization: 1 - recall, traversal: 0, rerankRecovered: 0 },
  });
  const rows = [
    mk('F32,Flat', 1, 300, 2048),
    mk('SQ8,Flat', 0.97, 1200, 512),
    mk('PCA128,LVQ8,Flat', 0.9, 5000, 132),
    mk('BIN,Flat', 0.6, 9000, 64),
    mk('F16,Flat', 0.95, 250, 1024),
  ];
  const path = join(dir, 'res.json');
  writeFileSync(path, JSON.stringify({ k: 10, metric: 'ip', rows, frontier: { qps: [], bytes: [] } }));
  const plain = await cli(['report', path]);
  assert.equal(plain.code, 0, plain.stderr);
  assert.equal(plain.stdout.split('\r\n').length, rows.length + 2);
  assert.ok(plain.stdout.includes('"PCA128,LVQ8,Flat",0.9,'));
  const r = await cli([
    'report',
    path,
    '--csv',
    join(dir, 'rows.csv'),
    '--rows',
    join(dir, 'rows.json'),
    '--svg-qps',
    join(dir, 'qps.svg'),
    '--svg-bytes',
    join(dir, 'bytes.svg'),
    '--json',
  ]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal((JSON.parse(r.stdout) as { written: string[] }).written.length, 4);
  const svg = readFileSync(join(dir, 'bytes.svg'), 'utf8');
  assert.equal((svg.match(/<circle /g) ?? []).length, rows.length);
  // F16,Flat is dominated on bytes (SQ8,Flat is smaller and recalls more): the frontier holds the other four.
  assert.equal(/<polyline[^>]*points="([^"]+)"/.exec(svg)![1]!.split(' ').length, 4);
  assert.equal((JSON.parse(readFileSync(join(dir, 'rows.json'), 'utf8')) as unknown[]).length, rows.length);
  const bad = await cli(['report', join(dir, 'rows.csv')]);
  assert.equal(bad.code, 1);
});
