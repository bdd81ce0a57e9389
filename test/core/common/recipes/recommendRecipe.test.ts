import assert from 'node:assert/strict';
import { test } from 'node:test';
import { VecscopeError } from '../../../../core/common/errors.js';
import {
  gridBest,
  measureRecallTrend,
  recommendRecipe,
  type RecommendTrial,
} from '../../../../core/common/recipes/recommendRecipe.js';
import { parsePipeline } from '../../../../core/common/pipeline/parsePipeline.js';
import { expandGrid } from '../../../../core/common/study/expandGrid.js';
import { fitRecallTrend } from '../../../../core/common/study/recallTrend.js';
import { runStudy } from '../../../../core/common/study/runStudy.js';
import type { StudyGrid } from '../../../../core/common/study/studyGrid.js';
import { clusteredGaussian, splitRows, truncatingFitter } from '../../../helpers/fixtures.js';
import { EXPORT_TARGETS } from '../../../../core/common/export/exportTypes.js';

const data = () => splitRows(clusteredGaussian(3_300, 32, 12, 5), 3_000);
const k = 10;
const grid: StudyGrid = {
  reductions: ['none', 'Trunc'],
  dims: [16],
  quantizers: ['F16', 'LVQ8', 'LVQ4', 'BIN'],
  indexes: ['Flat', 'Vamana(R=16,L=40)'],
  W: [10, 20, 40, 80],
  rerank: [0, 40],
};
const setup = { fitReduction: truncatingFitter, repeats: 1 };

test("the recommendation meets target and budget, equals the full grid's best, in fewer trials", async () => {
  const { base, queries } = data();
  const trials: RecommendTrial[] = [];
  const stages: string[] = [];
  const rec = await recommendRecipe({
    base,
    queries,
    k,
    metric: 'l2',
    targetRecall: 0.9,
    maxBytes: 40,
    grid,
    setup,
    trend: false,
    onTrial: (t) => trials.push(t),
    onProgress: (p) => stages.push(p.stage),
  });
  assert.ok(rec.recall >= 0.9, `recall ${rec.recall}`);
  assert.ok(rec.primaryBytes <= 40);
  assert.ok(rec.recallLow <= rec.recall && rec.recall <= rec.recallHigh);
  assert.equal(rec.trials, trials.length);
  assert.equal(rec.gridSize, expandGrid(grid).length);
  assert.ok(rec.trials < rec.gridSize / 2, `${rec.trials} trials of ${rec.gridSize}`);
  assert.ok(trials.some((t) => t.stage === 'screen' && t.nq < queries.n));
  assert.ok(stages.some((s) => s.startsWith('search')));
  // Everything over 40 bytes was refused without a trial.
  assert.ok(rec.rejected.some((r) => r.verdict === 'budget' && r.pipeline === 'F16'));
  assert.ok(!trials.some((t) => t.row.primaryBytes > 40));
  // The runner-up is another representation that also meets the target.
  assert.ok(rec.runnerUp);
  assert.ok(rec.runnerUp.recall >= 0.9 && rec.runnerUp.primaryBytes >= rec.primaryBytes);
  assert.ok(rec.rejected.some((r) => r.verdict === 'recall' && r.loss !== undefined));
  const exports = Object.values(rec.exports);
  assert.equal(exports.length, EXPORT_TARGETS.length);
  for (const e of exports) if ('error' in e) assert.match(e.error, /^\w+ has no equivalent of [^\n]+$/);
  console.log(
    `recommended ${rec.pipeline} (${rec.trials} trials of ${rec.gridSize}), runner-up ${rec.runnerUp.pipeline}`,
  );

  // The whole grid, measured: its best under the same target and budget costs the same, and is the
  // same pipeline or one as fast within its interval.
  const all = await runStudy({ base, queries, k, metric: 'l2', grid, ...setup });
  const best = gridBest(all.rows, { targetRecall: 0.9, budgetBytes: 40, ram: false, dim: base.dim });
  assert.ok(best);
  assert.equal(
    rec.primaryBytes,
    best.primaryBytes,
    `grid best ${best.pipeline}, recommended ${rec.pipeline}`,
  );
  const same = all.rows.find((r) => r.pipeline === rec.pipeline)!;
  assert.ok(same.recall >= 0.9);
});

test('an unreachable target says which target and what came closest, in one line', async () => {
  const { base, queries } = data();
  await assert.rejects(
    recommendRecipe({
      base,
      queries,
      k,
      metric: 'l2',
      targetRecall: 0.999,
      maxBytes: 6,
      grid,
      setup,
      trend: false,
    }),
    (e: unknown) => {
      assert.ok(e instanceof VecscopeError);
      assert.match(
        e.message,
        /recall@10 ≥ 0\.999 is out of reach within 6 B per vector; closest: \S+ at recall 0\.\d{3}$/,
      );
      assert.ok(!e.message.includes('\n'));
      return true;
    },
  );
  await assert.rejects(
    recommendRecipe({ base, queries, k, metric: 'l2', targetRecall: 0.9, maxBytes: 1, grid, setup }),
    /no pipeline of the space fits 1 B per vector \(the cheapest takes 2 B\)/,
  );
});

test('recall at 1/8 … 1/2 of the base predicts the measured full-size recall within its interval', async () => {
  const all = clusteredGaussian(8_300, 24, 30, 11);
  const { base, queries } = splitRows(all, 8_000);
  const p = parsePipeline('LVQ8,Vamana(R=8,L=20)|W=10');
  const input = { base, queries, k, metric: 'l2' as const, setup };
  const points = await measureRecallTrend(input, p, [1 / 8, 1 / 4, 1 / 2, 1 - 1e-9]);
  assert.equal(points.length, 3);
  assert.deepEqual(
    points.map((q) => q.n),
    [1000, 2000, 4000],
  );
  const fullRow = (
    await runStudy({ base, queries, k, metric: 'l2', pipelines: ['LVQ8,Vamana(R=8,L=20)|W=10'], ...setup })
  ).rows[0]!;
  const fit = fitRecallTrend(points, base.n);
  assert.ok(points[0]!.recall > fullRow.recall, 'recall falls as n grows');
  assert.ok(
    fit.low <= fullRow.recall && fullRow.recall <= fit.high,
    `predicted ${fit.predicted.toFixed(3)} [${fit.low.toFixed(3)}, ${fit.high.toFixed(3)}], measured ${fullRow.recall.toFixed(3)}`,
  );
});

test('a RAM budget counts codes and graph at the production count; a q/s floor out of reach is one line', async () => {
  const { base, queries } = data();
  // 40 B per vector at a million vectors: a 16-neighbour graph (64 B) no longer fits, a flat scan does.
  const rec = await recommendRecipe({
    base,
    queries,
    k,
    metric: 'l2',
    targetRecall: 0.9,
    maxRam: 40e6,
    productionN: 1e6,
    grid,
    setup,
    trend: false,
  });
  assert.equal(rec.budgetCounts, 'primary+graph');
  assert.equal(rec.budgetBytes, 40);
  assert.match(rec.pipeline, /,Flat/);
  assert.ok(rec.primaryBytes + rec.graphBytes <= 40 && rec.recall >= 0.9);
  await assert.rejects(
    recommendRecipe({
      base,
      queries,
      k,
      metric: 'l2',
      targetRecall: 0.9,
      maxBytes: 40,
      minQps: 1e12,
      grid,
      setup,
      trend: false,
    }),
    (e: unknown) => {
      assert.ok(e instanceof VecscopeError);
      assert.match(
        e.message,
        /^recall@10 ≥ 0\.9 is reached within 40 B per vector but never at 1000000000000 q\/s; closest: \S+ \(reaches recall/,
      );
      assert.ok(!e.message.includes('\n'));
      return true;
    },
  );
});
