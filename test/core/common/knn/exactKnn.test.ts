import assert from 'node:assert/strict';
import { test } from 'node:test';
import { VecscopeError } from '../../../../core/common/errors.js';
import { exactKnn } from '../../../../core/common/knn/exactKnn.js';
import { exactKnnReference } from '../../../../core/common/knn/exactKnnReference.js';
import { mergeKnn } from '../../../../core/common/knn/mergeKnn.js';
import { normalizeRows } from '../../../../core/common/knn/normalizeRows.js';
import type { Matrix, Metric } from '../../../../core/common/types.js';
import { METRICS } from '../../../../core/common/types.js';
import { randomMatrix, rng } from '../../../helpers/fixtures.js';

/** A base with planted exact duplicates, scaled copies (cosine ties) and queries equal to base rows. */
function plantedData(n: number, nq: number, dim: number, seed: number): { base: Matrix; queries: Matrix } {
  const base = randomMatrix(n, dim, seed);
  const queries = randomMatrix(nq, dim, seed + 1);
  const r = rng(seed + 2);
  for (let t = 0; t < n / 10; t++) {
    const from = Math.floor(r() * n);
    const to = Math.floor(r() * n);
    for (let j = 0; j < dim; j++)
      base.data[to * dim + j] = base.data[from * dim + j]! * (t % 3 === 0 ? 2 : 1);
  }
  for (let i = 0; i < nq; i += 3) {
    const from = Math.floor(r() * n);
    queries.data.set(base.data.subarray(from * dim, (from + 1) * dim), i * dim);
  }
  return { base, queries };
}

/** A coarse grid: many distinct rows at exactly equal distances from each query. */
function gridData(n: number, nq: number, dim: number, seed: number): { base: Matrix; queries: Matrix } {
  const r = rng(seed);
  const base = { data: new Float32Array(n * dim).map(() => Math.floor(r() * 3)), n, dim };
  const queries = { data: new Float32Array(nq * dim).map(() => Math.floor(r() * 3)), n: nq, dim };
  return { base, queries };
}

function countTies(res: { dists: Float32Array; nq: number; k: number }): number {
  let ties = 0;
  for (let i = 1; i < res.dists.length; i++) if (i % res.k !== 0 && res.dists[i] === res.dists[i - 1]) ties++;
  return ties;
}

for (const metric of METRICS) {
  test(`exactKnn equals exactKnnReference with planted ties (${metric})`, () => {
    for (const [n, nq, dim, k] of [
      [300, 13, 37, 10],
      [257, 5, 8, 1],
      [120, 9, 3, 50],
      [40, 4, 129, 40],
    ] as const) {
      const { base, queries } = plantedData(n, nq, dim, n + dim);
      const got = exactKnn(base, queries, k, metric);
      const want = exactKnnReference(base, queries, k, metric);
      assert.deepEqual(got, want, `n=${n} dim=${dim} k=${k}`);
    }
    const grid = gridData(500, 20, 6, 3);
    const got = exactKnn(grid.base, grid.queries, 30, metric);
    assert.ok(countTies(got) > 100, 'the grid data has many ties');
    assert.deepEqual(got, exactKnnReference(grid.base, grid.queries, 30, metric));
  });
}

test('ties are ordered by id, and lists by distance', () => {
  const grid = gridData(400, 10, 5, 9);
  const res = exactKnn(grid.base, grid.queries, 60, 'l2');
  for (let q = 0; q < res.nq; q++) {
    for (let t = 1; t < res.k; t++) {
      const i = q * res.k + t;
      const prev = res.dists[i - 1]!;
      const cur = res.dists[i]!;
      assert.ok(prev < cur || (prev === cur && res.ids[i - 1]! < res.ids[i]!), `query ${q} rank ${t}`);
    }
  }
});

test('k larger than the searched rows pads with id -1 and +Infinity; k = 1000 works', () => {
  const base = randomMatrix(30, 7, 1);
  const queries = randomMatrix(3, 7, 2);
  const res = exactKnn(base, queries, 45, 'ip');
  assert.deepEqual(res, exactKnnReference(base, queries, 45, 'ip'));
  for (let q = 0; q < 3; q++) {
    const ids = [...res.ids.subarray(q * 45, (q + 1) * 45)];
    assert.deepEqual(
      [...ids.slice(0, 30)].sort((a, b) => a - b),
      [...Array(30).keys()],
    );
    assert.ok(ids.slice(30).every((id) => id === -1));
    assert.ok([...res.dists.subarray(q * 45 + 30, (q + 1) * 45)].every((d) => d === Infinity));
  }
  const big = randomMatrix(1500, 12, 3);
  const q2 = randomMatrix(4, 12, 4);
  assert.deepEqual(exactKnn(big, q2, 1000, 'l2'), exactKnnReference(big, q2, 1000, 'l2'));
});

test('row ranges search a slice with global ids, and merging the slices gives the full result', () => {
  const { base, queries } = plantedData(700, 11, 19, 5);
  for (const metric of METRICS) {
    const full = exactKnn(base, queries, 25, metric);
    const parts = [
      [0, 100],
      [100, 101],
      [101, 450],
      [450, 700],
    ].map(([a, b]) => exactKnn(base, queries, 25, metric, { rowRange: [a!, b!] }));
    assert.deepEqual(parts[1]!.ids.subarray(0, 2), new Int32Array([100, -1]));
    assert.deepEqual(parts[2], exactKnnReference(base, queries, 25, metric, { rowRange: [101, 450] }));
    assert.deepEqual(mergeKnn(parts), full, metric);
  }
});

test('cosine equals inner product on normalised rows; zero rows stay zero', () => {
  const { base, queries } = plantedData(200, 7, 21, 8);
  base.data.fill(0, 5 * 21, 6 * 21);
  const cos = exactKnn(base, queries, 20, 'cos');
  assert.deepEqual(cos, exactKnn(normalizeRows(base), normalizeRows(queries), 20, 'ip'));
  const nb = normalizeRows(base);
  assert.ok(nb.data.subarray(5 * 21, 6 * 21).every((x) => x === 0));
  let s = 0;
  for (let j = 0; j < 21; j++) s += nb.data[j]! ** 2;
  assert.ok(Math.abs(s - 1) < 1e-6);
});

test('progress is reported per batch and an aborted search throws CancelledError', () => {
  const base = randomMatrix(50, 4, 1);
  const queries = randomMatrix(600, 4, 2);
  const seen: number[] = [];
  exactKnn(base, queries, 3, 'l2', { onProgress: (f) => seen.push(f) });
  assert.ok(seen.length >= 3);
  assert.equal(seen.at(-1), 1);
  assert.throws(() => exactKnn(base, queries, 3, 'l2', { signal: { aborted: true } }), {
    name: 'CancelledError',
  });
});

test('bad arguments are user errors', () => {
  const base = randomMatrix(10, 4, 1);
  const bad: [Matrix, number, Metric, [number, number]?][] = [
    [randomMatrix(2, 5, 2), 3, 'l2'],
    [randomMatrix(2, 4, 2), 0, 'l2'],
    [randomMatrix(2, 4, 2), 2.5, 'ip'],
    [randomMatrix(2, 4, 2), 3, 'hamming' as Metric],
    [randomMatrix(2, 4, 2), 3, 'l2', [5, 11]],
  ];
  for (const [q, k, metric, rowRange] of bad) {
    assert.throws(() => exactKnn(base, q, k, metric, rowRange ? { rowRange } : {}), VecscopeError);
  }
});

test('a progress callback may use the same kernels instance, even growing its memory', () => {
  const base = randomMatrix(300, 9, 1);
  const queries = randomMatrix(600, 9, 2);
  const want = exactKnn(base, queries, 5, 'cos');
  const big = randomMatrix(200, 3000, 3);
  const got = exactKnn(base, queries, 5, 'cos', { onProgress: () => void exactKnn(big, big, 3, 'l2') });
  assert.deepEqual(got, want);
});
