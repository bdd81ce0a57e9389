import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createStudy } from '../../../../core/common/study/createStudy.js';
import {
  allowedRows,
  filteredRecallOf,
  filteredTruth,
  type StudyFilter,
} from '../../../../core/common/study/filteredRecall.js';
import type { Matrix } from '../../../../core/common/types.js';
import { bruteKnn, clusteredGaussian, rng, splitRows } from '../../../helpers/fixtures.js';

/** A seeded random mask allowing about `fraction` of n rows (at least one). */
function randomMask(n: number, fraction: number, seed: number): Uint8Array {
  const r = rng(seed);
  const m = new Uint8Array(n);
  for (let i = 0; i < n; i++) m[i] = r() < fraction ? 1 : 0;
  if (!m.includes(1)) m[0] = 1;
  return m;
}

/** Brute-force filtered k-NN through the fixture's bruteKnn on the allowed rows, ids mapped back. */
function bruteFiltered(base: Matrix, queries: Matrix, mask: Uint8Array, k: number): Int32Array {
  const ids = allowedRows(mask);
  const sub = new Float32Array(ids.length * base.dim);
  ids.forEach((id, j) => sub.set(base.data.subarray(id * base.dim, (id + 1) * base.dim), j * base.dim));
  const kk = Math.min(k, ids.length);
  const local = bruteKnn({ data: sub, n: ids.length, dim: base.dim }, queries, kk, 'l2');
  const out = new Int32Array(queries.n * k).fill(-1);
  for (let q = 0; q < queries.n; q++) for (let i = 0; i < kk; i++) out[q * k + i] = ids[local[q * kk + i]!]!;
  return out;
}

test('filteredTruth is brute force over the allowed rows, −1 past their count', async () => {
  const { base, queries } = splitRows(clusteredGaussian(1_030, 16, 4, 2), 1_000);
  for (const [fraction, seed] of [
    [0.2, 1],
    [0.004, 2],
  ] as const) {
    const mask = randomMask(base.n, fraction, seed);
    const ids = allowedRows(mask);
    const got = await filteredTruth(base, queries, ids, 10, 'l2');
    // The same through an injected exact k-NN (the study's parallel one).
    const viaKnn = await filteredTruth(base, queries, ids, 10, 'l2', (sub, kk) =>
      bruteKnn(sub, queries, kk, 'l2'),
    );
    assert.equal(filteredRecallOf(viaKnn, got, queries.n, 10).mean, 1);
    const want = bruteFiltered(base, queries, mask, 10);
    assert.equal(filteredRecallOf(got, want, queries.n, 10).mean, 1);
    for (let i = 0; i < got.length; i++) if (got[i]! >= 0) assert.equal(mask[got[i]!], 1);
    if (ids.length < 10) assert.equal(got[ids.length], -1);
  }
});

test('filteredRecallOf counts hits over min(k, allowed) and ignores repeats and −1', () => {
  const truth = Int32Array.from([3, 5, -1, -1]);
  const { per, mean } = filteredRecallOf(Int32Array.from([5, 5, 9, -1]), truth, 1, 4);
  assert.equal(per[0], 0.5);
  assert.equal(mean, 0.5);
});

// 6,000 clustered rows: at 100 % in-graph filtering is the plain search; as the filter narrows to 1 %
// and 0.2 % of the rows the traversal still stops near the query, where few allowed rows lie, so its
// recall falls far, while the exact scan of the allowed rows stays exact.
test('study under filters: pre-filter stays exact, in-graph filtering degrades at 1 % and 0.2 %', async () => {
  const { base, queries } = splitRows(clusteredGaussian(6_060, 24, 8, 7), 6_000);
  const k = 10;
  const filters: StudyFilter[] = [
    { filter: 'all', allowed: new Uint8Array(base.n).fill(1) },
    { filter: '10 %', allowed: randomMask(base.n, 0.1, 11) },
    { filter: '1 %', allowed: randomMask(base.n, 0.01, 12) },
    { filter: '0.2 %', allowed: randomMask(base.n, 0.002, 13), primary: true },
  ];
  const study = createStudy({ base, queries, k, metric: 'l2', filters, repeats: 1 });
  const flat = await study.runPipeline('F32,Flat');
  const graph = await study.runPipeline('F32,Vamana(R=24,L=60)|W=40');
  const lvq = await study.runPipeline('LVQ8,Vamana(R=24,L=60)|W=40,rerank=40');
  for (const row of [flat, graph, lvq]) {
    assert.equal(row.error, undefined);
    assert.equal(row.filtered!.length, 4);
    assert.equal(row.filter, '0.2 %');
    assert.equal(row.selectivity, row.filtered![3]!.selectivity);
    assert.equal(row.filteredRecall, row.filtered![3]!.recallPrefilter);
    for (const f of row.filtered!) assert.ok(f.recallPrefilter >= 0.97, `${row.pipeline} ${f.filter}`);
  }
  assert.equal(flat.filtered![0]!.recallInGraph, undefined);
  assert.equal(flat.filteredRecallInGraph, undefined);
  const inGraph = graph.filtered!.map((f) => f.recallInGraph!);
  // At 100 % the in-graph search is the unfiltered one.
  assert.ok(Math.abs(inGraph[0]! - graph.recall) < 1e-9, `${inGraph[0]} vs ${graph.recall}`);
  assert.ok(inGraph[0]! > 0.95, String(inGraph[0]));
  assert.ok(inGraph[2]! < 0.7, `1 %: ${inGraph[2]}`);
  assert.ok(inGraph[3]! < 0.5, `0.2 %: ${inGraph[3]}`);
  assert.ok(
    inGraph[0]! > inGraph[1]! && inGraph[1]! > inGraph[2]! && inGraph[2]! >= inGraph[3]!,
    String(inGraph),
  );
  assert.equal(graph.filteredRecallInGraph, inGraph[3]);
  // The painted arrays: per query, and per base row NaN wherever the filter disallows it.
  const last = graph.filtered![3]!;
  assert.equal(last.perQueryRecall.length, queries.n);
  for (let i = 0; i < base.n; i++)
    if (!filters[3]!.allowed[i]) assert.ok(Number.isNaN(last.neighbourLoss[i]!));
  // The pre-filter scans only the allowed rows.
  assert.equal(graph.filtered![2]!.evaluationsPrefilter, graph.filtered![2]!.allowed);
});

test('a study refuses a filter that matches no row, or one of another length', async () => {
  const { base, queries } = splitRows(clusteredGaussian(520, 8, 2, 1), 500);
  assert.throws(
    () =>
      createStudy({
        base,
        queries,
        k: 5,
        metric: 'l2',
        filters: [{ filter: 'x', allowed: new Uint8Array(10) }],
      }),
    /filter "x" covers 10 rows, the base has 500/,
  );
  const study = createStudy({
    base,
    queries,
    k: 5,
    metric: 'l2',
    filters: [{ filter: 'none', allowed: new Uint8Array(500) }],
  });
  await assert.rejects(() => study.runPipeline('F32,Flat'), /the filter "none" matches no row/);
});
