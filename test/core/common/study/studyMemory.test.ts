import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fitReduction } from '../../../../core/common/reduce/fitReduction.js';
import { trainCodec } from '../../../../core/common/quantize/trainCodec.js';
import { buildVamana } from '../../../../core/common/search/buildVamana.js';
import { residentFloat32, residentHome } from '../../../../core/common/search/graphMemory.js';
import { searchIndexFor } from '../../../../core/common/search/graphSearchIndex.js';
import { runStudy } from '../../../../core/common/study/runStudy.js';
import type { ReductionFitter } from '../../../../core/common/study/studyTypes.js';
import type { Matrix } from '../../../../core/common/types.js';
import { clusteredGaussian, randomMatrix } from '../../../helpers/fixtures.js';

// The study's memory accounting: float32 codes of the base are laid out in WebAssembly once, shared by
// the flat scan, the graph search and the re-ranking of every pipeline; codes and graphs add only
// their own sizes.
test('a study holds one WebAssembly copy of the base however many pipelines use it', async () => {
  const n = 6_000;
  const dim = 96;
  const all = clusteredGaussian(n + 40, dim, 8, 4);
  const base: Matrix = { data: all.data.subarray(0, n * dim), n, dim };
  const queries: Matrix = { data: all.data.subarray(n * dim), n: 40, dim };
  const res = await runStudy({
    base,
    queries,
    k: 10,
    metric: 'l2',
    pipelines: [
      'F32,Flat',
      'F32,Vamana(R=16,L=40)|W=20',
      'LVQ8,Flat|rerank=20',
      'LVQ8,Vamana(R=16,L=40)|W=20,rerank=20',
      'F16,Flat|rerank=20',
    ],
  });
  const m = res.memory;
  assert.equal(m.baseBytes, n * dim * 4);
  assert.equal(m.baseCopies, 1, JSON.stringify(m));
  // F32 (flat, graph, re-ranking), LVQ8 (flat, graph), F16: three sets of codes.
  assert.equal(m.indexes, 3, JSON.stringify(m));
  const codes = n * dim * 4 + n * dim + n * 8 + n * dim * 2;
  const graphs = 2 * n * 16 * 4;
  const perThreadScratch = 9 * (n * 4 + 4096 * 28 + 512 * 12) + 3 * 9 * dim * 4;
  const bound = codes + graphs + 3 * perThreadScratch + 3 * 4 * 65536;
  console.log(`study memory: ${JSON.stringify(m)}, bound ${bound}`);
  assert.ok(m.wasmBytes >= codes + graphs, `${m.wasmBytes} < codes and graphs ${codes + graphs}`);
  assert.ok(m.wasmBytes <= bound, `${m.wasmBytes} > ${bound}: a second copy of some codes?`);
});

// A base allocated by residentFloat32 (as the loaders allocate it) is searched in place: no index holds
// a copy of it, and the LVQ8 codes handed to their index are held once, in its memory.
test('a study over a resident base makes no copy of it; quantized codes move into their index', async () => {
  const n = 5_000;
  const dim = 64;
  const all = clusteredGaussian(n + 40, dim, 8, 6);
  const data = residentFloat32(n * dim);
  data.set(all.data.subarray(0, n * dim));
  const base: Matrix = { data, n, dim };
  const queries: Matrix = { data: all.data.subarray(n * dim), n: 40, dim };
  const pipelines = ['F32,Flat', 'LVQ8,Vamana(R=16,L=40)|W=20,rerank=20'];
  const res = await runStudy({ base, queries, k: 10, metric: 'l2', pipelines });
  const plain = await runStudy({
    base: { data: all.data.subarray(0, n * dim), n, dim },
    queries,
    k: 10,
    metric: 'l2',
    pipelines,
  });
  assert.equal(res.memory.baseCopies, 0, JSON.stringify(res.memory));
  assert.equal(plain.memory.baseCopies, 1, JSON.stringify(plain.memory));
  // The resident memory holds the base itself, so the total is at least its size.
  assert.ok(res.memory.wasmBytes >= n * dim * 4);
  // Same searches, same answers.
  for (let i = 0; i < pipelines.length; i++)
    assert.equal(res.rows[i]!.recall, plain.rows[i]!.recall, pipelines[i]);

  const codec = trainCodec({ kind: 'LVQ8' }, base, 'l2', 1);
  const encoded = codec.encode(base);
  const before = encoded.codes.slice();
  const index = searchIndexFor(codec, encoded);
  assert.ok(encoded.codes.buffer instanceof SharedArrayBuffer, 'the codes now view the index memory');
  assert.deepEqual(encoded.codes, before, 'same bytes after the hand-over');
  assert.equal(searchIndexFor(codec, encoded), index, 'the handed-over codes find the same index');
});

// Codes above the resident threshold (8 MiB) are encoded into a memory their index then adopts: one
// copy of them, with no hand-over copy.
test('large codes are encoded straight into the memory their index searches', () => {
  const n = 70_000;
  const dim = 128;
  const base = randomMatrix(n, dim, 3);
  for (const kind of ['SQ8', 'LVQ8'] as const) {
    const codec = trainCodec({ kind }, base, 'l2', 1);
    const encoded = codec.encode(base);
    const codes = encoded.codes;
    const index = searchIndexFor(codec, encoded);
    assert.equal(index.layout.adopted, true, kind);
    assert.equal(index.layout.codes, codes.byteOffset, kind);
    assert.equal(encoded.codes, codes, `${kind}: nothing to hand over`);
    assert.equal(index.memory.buffer.byteLength >= codes.byteOffset + codes.length, true);
  }
});

// A graph over resident codes is written into their memory by the build and searched there: no copy
// of its adjacency on the heap or in the index.
test('a graph built for resident codes lies in their memory and is searched in place', () => {
  const n = 4_000;
  const dim = 32;
  const all = clusteredGaussian(n, dim, 6, 9);
  const data = residentFloat32(n * dim);
  data.set(all.data);
  const base: Matrix = { data, n, dim };
  const home = residentHome(data)!;
  assert.ok(home, 'a residentFloat32 array has a home');
  const plain = buildVamana(base, 'l2', { R: 16, L: 40, seed: 3 });
  const inPlace = buildVamana(base, 'l2', { R: 16, L: 40, seed: 3, home });
  assert.deepEqual(inPlace.adjacency, plain.adjacency, 'same graph');
  assert.equal(residentHome(inPlace.adjacency), home, 'the adjacency lies in the codes’ memory');
  const codec = trainCodec({ kind: 'F32' }, base, 'l2', 1);
  const adjacency = inPlace.adjacency;
  const index = searchIndexFor(codec, codec.encode(base), inPlace);
  assert.equal(index.layout.adj, adjacency.byteOffset, 'searched where it was built');
  assert.equal(inPlace.adjacency, adjacency, 'not handed over to a copy');
  const copied = searchIndexFor(codec, codec.encode(base), plain);
  assert.notEqual(copied.layout.adj, 0);
  assert.equal(residentHome(plain.adjacency), home, 'a plain graph is handed over into the memory');
});

// Large reduced rows are dropped once their codes are made and projected again when a later pipeline
// needs them: the rows are the same as a study that keeps them.
test('a study drops large reduced rows after coding them and projects them again on demand', async () => {
  const n = 17_000;
  const dim = 128;
  const all = clusteredGaussian(n + 30, dim, 10, 12);
  const data = residentFloat32(n * dim);
  data.set(all.data.subarray(0, n * dim));
  const queries: Matrix = { data: all.data.subarray(n * dim), n: 30, dim };
  const fitter: ReductionFitter = (method, b, opts) => fitReduction(method, b, opts).reduction;
  const pipelines = ['PCA128,LVQ8,Flat', 'PCA128,SQ8,Flat|rerank=20', 'PCA128,F32,Flat'];
  const setup = { queries, k: 10, metric: 'l2' as const, fitReduction: fitter, pipelines };
  const resident = await runStudy({ ...setup, base: { data, n, dim } });
  const plain = await runStudy({ ...setup, base: { data: all.data.subarray(0, n * dim), n, dim } });
  for (let i = 0; i < pipelines.length; i++) {
    const [a, b] = [resident.rows[i]!, plain.rows[i]!];
    assert.equal(a.recall, b.recall, pipelines[i]);
    assert.deepEqual(a.decomposition, b.decomposition, pipelines[i]);
  }
  // Exact search in the reduced space is what PCA128,F32,Flat measures: the reduction's loss.
  assert.equal(resident.rows[0]!.decomposition.reduction, 1 - resident.rows[2]!.recall);
});
