import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SyntheticEmbeddings } from '../../../../core/common/data/syntheticEmbeddings.js';
import { eigenSymmetric } from '../../../../core/common/linalg/eigenSymmetric.js';

const DIM = 64;
const N = 2_000;
const OPTS = { dim: DIM, clusters: 20, seed: 7 };

function make(n = N, opts = OPTS, stream: 'base' | 'queries' = 'base') {
  const g = new SyntheticEmbeddings(opts);
  const data = new Float32Array(n * DIM);
  const labels = new Int32Array(n);
  g.fill(data, stream, 0, n, labels);
  return { data, labels };
}

function dot(a: Float32Array, i: number, b: Float32Array, k: number): number {
  let s = 0;
  for (let j = 0; j < DIM; j++) s += a[i * DIM + j]! * b[k * DIM + j]!;
  return s;
}

test('same seed, same bytes, whether made at once or in chunks in any order', () => {
  const whole = make().data;
  assert.deepEqual(make().data, whole);
  const g = new SyntheticEmbeddings(OPTS);
  const chunked = new Float32Array(N * DIM);
  // Later rows first, through views of one preallocated array, as the bench fills a million rows.
  g.fill(chunked.subarray(700 * DIM), 'base', 700, N - 700);
  g.fill(chunked.subarray(0, 700 * DIM), 'base', 0, 700);
  assert.deepEqual(chunked, whole);
  assert.notDeepEqual(make(N, { ...OPTS, seed: 8 }).data, whole);
  assert.notDeepEqual(make(N, OPTS, 'queries').data, whole);
  assert.match(g.key(), /d64-c20-s7/);
});

test('rows are unit vectors', () => {
  const { data } = make();
  for (let i = 0; i < N; i++) assert.ok(Math.abs(Math.sqrt(dot(data, i, data, i)) - 1) < 1e-6, `row ${i}`);
});

test('the clusters are real: a point’s nearest neighbour, and a query’s, is in its own cluster', () => {
  const base = make();
  const queries = make(200, OPTS, 'queries');
  const sameCluster = (q: { data: Float32Array; labels: Int32Array }, count: number, self: boolean) => {
    let same = 0;
    for (let i = 0; i < count; i++) {
      let best = -Infinity;
      let at = -1;
      for (let k = 0; k < N; k++) {
        if (self && k === i) continue;
        const s = dot(q.data, i, base.data, k);
        if (s > best) [best, at] = [s, k];
      }
      if (base.labels[at] === q.labels[i]) same++;
    }
    return same / count;
  };
  assert.ok(sameCluster(base, 300, true) > 0.95);
  assert.ok(sameCluster(queries, 200, false) > 0.95);
  // Unequal sizes (Zipf), every cluster used.
  const sizes = new Array<number>(20).fill(0);
  for (const l of base.labels) sizes[l]!++;
  assert.ok(Math.min(...sizes) > 0);
  assert.ok(Math.max(...sizes) > 2 * Math.min(...sizes));
});

test('the spectrum decays, is not axis-aligned, and the rows share a common offset', () => {
  const { data } = make();
  const mean = new Float64Array(DIM);
  for (let i = 0; i < N; i++) for (let j = 0; j < DIM; j++) mean[j]! += data[i * DIM + j]! / N;
  const cov = new Float64Array(DIM * DIM);
  for (let i = 0; i < N; i++)
    for (let a = 0; a < DIM; a++) {
      const va = data[i * DIM + a]! - mean[a]!;
      for (let b = 0; b < DIM; b++) cov[a * DIM + b]! += (va * (data[i * DIM + b]! - mean[b]!)) / N;
    }
  const values = Array.from(eigenSymmetric(cov, DIM).values).sort((a, b) => b - a);
  const total = values.reduce((a, b) => a + b, 0);
  // A flat spectrum would give the top 10 % of the axes 10 % of the variance.
  const top = values.slice(0, Math.ceil(DIM / 10)).reduce((a, b) => a + b, 0) / total;
  assert.ok(top > 0.45, `top 10 % of the axes hold ${top}`);
  // Mixed: every coordinate carries a comparable share (unmixed, the first would hold ~DIM× the last).
  const diag = Array.from({ length: DIM }, (_, j) => cov[j * DIM + j]!);
  assert.ok(Math.max(...diag) / Math.min(...diag) < 10);
  let cos = 0;
  for (let i = 0; i < 500; i++) cos += dot(data, i, data, (i * 7 + 13) % N) / 500;
  assert.ok(cos > 0.05, `mean cosine between unrelated rows ${cos}`);
});

test('options are checked', () => {
  assert.throws(() => new SyntheticEmbeddings({ dim: 0 }), RangeError);
  assert.throws(() => new SyntheticEmbeddings({ dim: 8, spread: 0 }), RangeError);
  assert.throws(
    () => new SyntheticEmbeddings({ dim: 8 }).fill(new Float32Array(8), 'base', 0, 2),
    RangeError,
  );
});
