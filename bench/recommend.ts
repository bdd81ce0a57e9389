// `vecscope recommend` against the full grid (issue 13, part 3): on one data set, the recommendation's
// trials and answer, then every pipeline of the same grid measured, the grid's best under the same
// target and budget, and whether the recall-vs-n fit on 1/8, 1/4, 1/2 of the base predicts the full
// base's measured recall. Writes bench/results/recommend-<set>.{md,json}.
// Env: VECSCOPE_RECOMMEND_SET = wordnet | fashion (default wordnet), VECSCOPE_BENCH_N (base rows),
// VECSCOPE_BENCH_NQ (queries), VECSCOPE_TARGET (recall), VECSCOPE_MAX_BYTES, VECSCOPE_THREADS.
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gridBest, recommendGrid, recommendRecipe } from '../core/common/recipes/recommendRecipe.js';
import { fitRecallTrend } from '../core/common/study/recallTrend.js';
import { runStudy } from '../core/common/study/runStudy.js';
import type { Matrix, Metric } from '../core/common/types.js';
import { loadDataset, loadQueries } from '../core/node/io/loadDataset.js';
import { parallelStudyParts } from '../core/node/study/parallelStudyParts.js';
import { loadFashionTrain } from './fashionMnist.js';

const SET = process.env['VECSCOPE_RECOMMEND_SET'] ?? 'wordnet';
const N = Number(process.env['VECSCOPE_BENCH_N'] ?? 20_000);
const NQ = Number(process.env['VECSCOPE_BENCH_NQ'] ?? 1_000);
const K = 10;
const THREADS = Number(process.env['VECSCOPE_THREADS'] ?? availableParallelism());
const log = (s: string) => process.stderr.write(s + '\n');

function head(m: Matrix, n: number): Matrix {
  const c = Math.min(n, m.n);
  return { data: m.data.slice(0, c * m.dim), n: c, dim: m.dim };
}

async function load(): Promise<{
  base: Matrix;
  queries: Matrix;
  metric: Metric;
  target: number;
  maxBytes: number;
}> {
  if (SET === 'fashion') {
    const dir = resolve('../shared/data/fashion-mnist');
    const base = (await loadFashionTrain(N)).data;
    const queries = (await loadDataset(`${dir}/t10k-images-idx3-ubyte.gz`)).vectors;
    return { base, queries: head(queries, NQ), metric: 'l2', target: 0.95, maxBytes: 200 };
  }
  const dir = resolve('../shared/data/wordnet-use512');
  const base = head((await loadDataset(`${dir}/base.fvecs`)).vectors, N);
  const queries = await loadQueries(`${dir}/query_ood_lemma.fvecs`, base, { metric: 'ip' });
  return { base, queries: head(queries, NQ), metric: 'ip', target: 0.9, maxBytes: 140 };
}

const data = await load();
const target = Number(process.env['VECSCOPE_TARGET'] ?? data.target);
const maxBytes = Number(process.env['VECSCOPE_MAX_BYTES'] ?? data.maxBytes);
const { base, queries, metric } = data;
const grid = recommendGrid(base.dim, K, { learnQueries: false, metric });
const setup = parallelStudyParts(THREADS);
log(
  `${SET}: ${base.n} × ${base.dim}, ${queries.n} queries, ${metric}; recall@${K} ≥ ${target} within ${maxBytes} B`,
);

let t0 = performance.now();
const rec = await recommendRecipe({
  base,
  queries,
  k: K,
  metric,
  targetRecall: target,
  maxBytes,
  grid,
  setup,
  onTrial: (t) => log(`  ${t.stage} ${t.row.pipeline} (n ${t.n}, nq ${t.nq}): ${t.row.recall.toFixed(3)}`),
});
const recSeconds = (performance.now() - t0) / 1000;
log(`recommended ${rec.pipeline} in ${rec.trials} trials (${recSeconds.toFixed(0)} s)`);

// The trend: fitted on the three subsets only, checked against the full base it did not see.
const pts = rec.trend!.points;
const unseen = pts.at(-1)!;
const heldOut = fitRecallTrend(pts.slice(0, -1), unseen.n);
const trendHit = heldOut.low <= unseen.recall && unseen.recall <= heldOut.high;

t0 = performance.now();
const all = await runStudy({
  base,
  queries,
  k: K,
  metric,
  grid,
  seed: 1,
  ...setup,
  onRow: (r) => log(`  grid ${r.pipeline}: ${r.recall.toFixed(3)}`),
});
const gridSeconds = (performance.now() - t0) / 1000;
const best = gridBest(all.rows, { targetRecall: target, budgetBytes: maxBytes, ram: false, dim: base.dim });
const sameCost = best !== undefined && best.primaryBytes === rec.primaryBytes;
const inRecCi = best !== undefined && best.recall >= rec.recallLow;
const result = {
  set: SET,
  n: base.n,
  dim: base.dim,
  nq: queries.n,
  metric,
  target,
  maxBytes,
  recommended: {
    pipeline: rec.pipeline,
    recall: rec.recall,
    recallLow: rec.recallLow,
    recallHigh: rec.recallHigh,
    primaryBytes: rec.primaryBytes,
    qps: rec.qps,
  },
  runnerUp: rec.runnerUp,
  trials: rec.trials,
  gridSize: all.rows.length,
  recommendSeconds: recSeconds,
  gridSeconds,
  gridBest: best
    ? { pipeline: best.pipeline, recall: best.recall, primaryBytes: best.primaryBytes, qps: best.qps }
    : null,
  samePipeline: best?.pipeline === rec.pipeline,
  sameCost,
  trend: { points: pts, heldOut, measured: unseen.recall, inside: trendHit },
  rejected: rec.rejected,
};
mkdirSync('bench/results', { recursive: true });
writeFileSync(`bench/results/recommend-${SET}.json`, JSON.stringify(result, null, 2) + '\n');
const f3 = (x: number) => x.toFixed(3);
const md = [
  `# recommend vs the full grid: ${SET} (${base.n} × ${base.dim}, ${queries.n} queries, ${metric})`,
  '',
  `Target recall@${K} ≥ ${target}, at most ${maxBytes} primary bytes per vector; ${THREADS} threads.`,
  '',
  `| | pipeline | recall [95 % CI] | primary B | q/s |`,
  `|---|---|---|---|---|`,
  `| recommended (${rec.trials} trials, ${recSeconds.toFixed(0)} s) | ${rec.pipeline} | ${f3(rec.recall)} [${f3(rec.recallLow)}, ${f3(rec.recallHigh)}] | ${rec.primaryBytes} | ${rec.qps.toFixed(0)} |`,
  `| runner-up | ${rec.runnerUp?.pipeline ?? '-'} | ${rec.runnerUp ? f3(rec.runnerUp.recall) : '-'} | ${rec.runnerUp?.primaryBytes ?? '-'} | ${rec.runnerUp?.qps.toFixed(0) ?? '-'} |`,
  `| grid's best (${all.rows.length} pipelines, ${gridSeconds.toFixed(0)} s) | ${best?.pipeline ?? 'none'} | ${best ? f3(best.recall) : '-'} | ${best?.primaryBytes ?? '-'} | ${best?.qps.toFixed(0) ?? '-'} |`,
  '',
  `Same pipeline: ${result.samePipeline}; same cost (primary bytes): ${sameCost}; grid best's recall within the recommendation's CI or above: ${inRecCi}.`,
  '',
  `Recall vs n (${pts.map((p) => `${p.n}: ${f3(p.recall)}`).join(', ')}): fitted on the first three, predicted at ${unseen.n}: ${f3(heldOut.predicted)} [${f3(heldOut.low)}, ${f3(heldOut.high)}], measured ${f3(unseen.recall)} (${trendHit ? 'inside' : 'OUTSIDE'} the interval).`,
  '',
].join('\n');
writeFileSync(`bench/results/recommend-${SET}.md`, md);
process.stdout.write(md);
