import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exactSelfKnn } from '../../../../core/common/embed/selfKnn.js';
import { TsneLayout, tsneAffinities } from '../../../../core/common/embed/tsneLayout.js';
import { CancelledError } from '../../../../core/common/errors.js';
import { mapQuality } from '../../../../core/common/metrics/mapQuality.js';
import type { KnnResult, Matrix } from '../../../../core/common/types.js';
import { sampleSubset } from '../../../helpers/sampleData.js';

// Affinities, 3-D, determinism and cancellation on 1,500 rows (every 6.7th) of the built-in sample; the
// 3-D bar on mnist10k digits is in tsneLayout.data.test.ts, the quality bar in mnistMaps.data.test.ts.
const N = 1500;
const { data } = sampleSubset(N);
const knn = exactSelfKnn(data, 90, 'l2');

function head(n: number): { data: Matrix; knn: KnnResult } {
  const m = { data: data.data.subarray(0, n * data.dim), n, dim: data.dim };
  return { data: m, knn: exactSelfKnn(m, 30, 'l2') };
}

test('t-SNE affinities are symmetric, sum to 1, and reach the requested perplexity per row', () => {
  const P = tsneAffinities(knn, 30);
  let total = 0;
  for (let e = 0; e < P.weights.length; e++) total += P.weights[e]!;
  assert.ok(Math.abs(total - 1) < 1e-4, String(total));
  for (let i = 0; i < 100; i++) {
    for (let e = P.indptr[i]!; e < P.indptr[i + 1]!; e++) {
      const j = P.indices[e]!;
      let back = -1;
      for (let f = P.indptr[j]!; f < P.indptr[j + 1]!; f++) if (P.indices[f] === i) back = P.weights[f]!;
      assert.equal(back, P.weights[e]);
    }
  }
});

test('3-D t-SNE keeps neighbourhoods; layouts are deterministic for a seed and cancel', () => {
  const small = head(600);
  const y3 = TsneLayout.create(small, { seed: 2, dim: 3, perplexity: 10, nIter: 400 }).run();
  const q = mapQuality(small.data, { data: y3, n: 600, dim: 3 });
  assert.ok(q.trustworthiness[10]! >= 0.93, String(q.trustworthiness[10]));
  const tiny = head(200);
  const a = TsneLayout.create(tiny, { seed: 5, perplexity: 10, nIter: 100 });
  const b = TsneLayout.create(tiny, { seed: 5, perplexity: 10, nIter: 100 });
  a.step(30);
  assert.equal(a.epoch, 30);
  assert.deepEqual(a.run(), b.run());
  const c = TsneLayout.create(tiny, { seed: 5, perplexity: 10, nIter: 100 });
  c.step(1);
  c.cancel();
  assert.throws(() => c.step(1), CancelledError);
});

test('the WASM Barnes–Hut repulsion gives layouts bit-identical to the plain-TS reference', () => {
  // 300 steps run through the exaggeration phase and past it; 2-D is where the kernel runs.
  const a = TsneLayout.create({ knn, data }, { seed: 5, engine: 'ts' });
  const b = TsneLayout.create({ knn, data }, { seed: 5, engine: 'wasm' });
  a.step(300);
  b.step(300);
  const ya = a.layout();
  const yb = b.layout();
  let differ = 0;
  for (let i = 0; i < ya.length; i++) if (ya[i] !== yb[i]) differ++;
  assert.equal(differ, 0);
  // And the layout did move from its 1e-4-scale start.
  let spread = 0;
  for (let i = 0; i < ya.length; i++) spread = Math.max(spread, Math.abs(ya[i]!));
  assert.ok(spread > 1, String(spread));
});
