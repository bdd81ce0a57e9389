import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createStudy, qpsOfPasses } from '../../../../core/common/study/createStudy.js';
import type { LinearReduction } from '../../../../core/common/reduce/reduction.js';
import type { ReductionFitter } from '../../../../core/common/study/studyTypes.js';
import { clusteredGaussian, splitRows, truncatingFitter } from '../../../helpers/fixtures.js';

test('q/s is the median of the timed passes, with their range over it as the spread', () => {
  assert.deepEqual(qpsOfPasses([100, 300, 200]), { qps: 200, qpsSpread: 1 });
  assert.deepEqual(qpsOfPasses([100, 200, 300, 400]), { qps: 250, qpsSpread: 300 / 250 });
  assert.deepEqual(qpsOfPasses([500]), { qps: 500, qpsSpread: 0 });
  // One slow pass (another process woke up) moves the median not at all; the best-of or mean would.
  assert.equal(qpsOfPasses([1000, 1010, 300]).qps, 1000);
  // Passes too fast to time: infinite q/s, and no spread to report.
  assert.deepEqual(qpsOfPasses([Infinity, Infinity, Infinity]), { qps: Infinity, qpsSpread: 0 });
});

test('a study times three passes by default, and the spread of a row is measured from them', async () => {
  const { base, queries } = splitRows(clusteredGaussian(1_050, 16, 4, 2), 1_000);
  // A clock whose readings make the three timed passes take 10, 20 and 40 ms. Its calls: the SQ8
  // training's start and end, then a start and an end per pass.
  const steps = [0, 0, 0, 10, 0, 20, 0, 40];
  let call = 0;
  let now = 0;
  const study = createStudy({
    base,
    queries,
    k: 5,
    metric: 'l2',
    clock: () => (now += steps[call++] ?? 0),
  });
  const row = await study.runPipeline('SQ8,Flat');
  assert.equal(row.qps, queries.n / 0.02);
  assert.ok(Math.abs(row.qpsSpread - (queries.n / 0.01 - queries.n / 0.04) / (queries.n / 0.02)) < 1e-9);
});

test('stages reused from an earlier pipeline or study are named, and their fit time still counts', async () => {
  const { base, queries } = splitRows(clusteredGaussian(1_050, 16, 4, 2), 1_000);
  // The second study gets its reduction from a cache (as the app's engine does across studies): a
  // fitter that reports a reuse, with the time the original fit took.
  const fitted = (await truncatingFitter('trunc', base, {
    dim: 8,
    metric: 'l2',
    seed: 1,
  })) as LinearReduction;
  const reused: ReductionFitter = () => ({ reused: { ...fitted, fitSeconds: 7 } });

  const first = createStudy({ base, queries, k: 5, metric: 'l2', fitReduction: truncatingFitter });
  const a = await first.runPipeline('Trunc8,SQ8,Flat');
  assert.equal(a.cachedStages, undefined, 'the first pipeline fits every stage');
  const b = await first.runPipeline('Trunc8,SQ8,Vamana(R=8,L=16)');
  assert.equal(b.cachedStages, 'reduction,codes');
  const c = await first.runPipeline('Trunc8,SQ8,Vamana(R=8,L=16)|W=20,rerank=10');
  assert.equal(c.cachedStages, 'reduction,codes,graph');
  // Build time of a row counts its cached stages: never less than a row that fitted the same stages.
  assert.ok(b.buildSeconds >= a.buildSeconds && c.buildSeconds >= b.buildSeconds);

  const second = createStudy({ base, queries, k: 5, metric: 'l2', fitReduction: reused });
  const d = await second.runPipeline('Trunc8,SQ8,Flat');
  assert.equal(d.cachedStages, 'reduction');
  assert.ok(d.buildSeconds >= 7, `${d.buildSeconds}`);
  assert.equal(d.recall, a.recall, 'the reused reduction is the same reduction');
});
