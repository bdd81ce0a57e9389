import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TsneLayout, tsneAffinities } from '../../../../core/common/embed/tsneLayout.js';
import { CancelledError } from '../../../../core/common/errors.js';
import { mapQuality } from '../../../../core/common/metrics/mapQuality.js';
import type { Matrix } from '../../../../core/common/types.js';
import { loadMnistSubset, plainSelfKnn } from '../../../helpers/mapsData.js';

// The quality bar runs on 1,500 rows (every 6th) of mnist10k with 500 gradient steps (plain-TS k-NN).
const N = 1500;
const { data, labels } = loadMnistSubset(N);
const knn = plainSelfKnn(data, 90);

function head(n: number): { data: Matrix; knn: ReturnType<typeof plainSelfKnn> } {
  const m = { data: data.data.subarray(0, n * data.dim), n, dim: data.dim };
  return { data: m, knn: plainSelfKnn(m, 30) };
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

test('t-SNE of mnist10k (1,500 digits, every 6th row) reaches neighbourhood hit >= 0.9 and trustworthiness >= 0.95', () => {
  const y = TsneLayout.create({ knn, data }, { seed: 42, nIter: 500 }).run();
  const q = mapQuality(data, { data: y, n: N, dim: 2 }, { labels });
  console.log(`engine t-SNE n=${N}: ${JSON.stringify(q)}`);
  assert.ok(q.neighbourhoodHit![10]! >= 0.9);
  assert.ok(q.trustworthiness[10]! >= 0.95);
  assert.ok(q.trustworthiness[15]! >= 0.95);
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
