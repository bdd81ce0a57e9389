import assert from 'node:assert/strict';
import { test } from 'node:test';
import { everyQuantizer, randomMatrix } from '../../../helpers/fixtures.js';
import { parsePipeline } from '../../../../core/common/pipeline/parsePipeline.js';
import { trainCodec } from '../../../../core/common/quantize/trainCodec.js';
import { codeBytesOf, pipelineBytes } from '../../../../core/common/study/pipelineBytes.js';
import { fitRecallTrend } from '../../../../core/common/study/recallTrend.js';

test("bytes known before training equal every trained codec's codeBytes", () => {
  for (const dim of [24, 70, 130]) {
    const m = randomMatrix(300, dim, dim);
    for (const q of everyQuantizer(8)) {
      const codec = trainCodec(q, m, 'l2', 1);
      assert.equal(codeBytesOf(q, dim), codec.codeBytes, `${q.kind}${q.bits ?? ''} at ${dim}-d`);
    }
  }
  assert.deepEqual(pipelineBytes(parsePipeline('PCA64,LVQ8,Vamana(R=24)|W=40'), 512), {
    primary: 68,
    graph: 96,
  });
  assert.deepEqual(pipelineBytes(parsePipeline('F16,Flat'), 100), { primary: 200, graph: 0 });
});

test('a power-law miss rate is recovered, its interval holds the truth, and far extrapolation is weak', () => {
  // Misses growing as n^0.5 from 1 % at 1,000 vectors.
  const line = (n: number) => 1 - 0.01 * Math.sqrt(n / 1000);
  const points = [1000, 2000, 4000, 8000].map((n, i) => {
    // Small alternating noise, inside the stated intervals.
    const r = line(n) + (i % 2 === 0 ? 0.001 : -0.001);
    return { n, recall: r, low: r - 0.005, high: r + 0.005 };
  });
  const fit = fitRecallTrend(points, 16000);
  assert.ok(Math.abs(fit.b - 0.5) < 0.1, `exponent ${fit.b}`);
  assert.ok(fit.low <= line(16000) && line(16000) <= fit.high, `${fit.low} ${fit.high}`);
  assert.equal(fit.factor, 2);
  assert.deepEqual(fit.weak, []);
  const far = fitRecallTrend(points, 8000 * 100);
  assert.ok(far.weak.some((w) => /beyond the largest measured size/.test(w)));
  assert.ok(far.high - far.low > fit.high - fit.low, 'a farther prediction is less certain');
  // Points scattered far beyond their intervals are said to be so.
  const scattered = points.map((p, i) => ({ ...p, recall: p.recall - (i % 2 === 0 ? 0.03 : 0) }));
  assert.ok(fitRecallTrend(scattered, 16000).weak.some((w) => /scatter/.test(w)));
});
