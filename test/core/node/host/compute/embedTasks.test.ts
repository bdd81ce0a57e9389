import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CancelledError, VecscopeError } from '../../../../../core/common/errors.js';
import type { KnnResult, Matrix } from '../../../../../core/common/types.js';
import { MAP_DEFAULTS } from '../../../../../core/common/recipes/mapDefaults.js';
import {
  makeMapTask,
  map,
  type MapLimits,
  type MapTaskParams,
} from '../../../../../core/node/host/compute/embedTasks.js';
import type { ComputeDataset, TaskContext } from '../../../../../core/node/host/compute/tasks.js';
import { plantedBlobs, seeded } from '../../../../helpers/mapsData.js';

function context(abortAfter = Infinity): { ctx: TaskContext; stages: string[]; fractions: number[] } {
  const stages: string[] = [];
  const fractions: number[] = [];
  const signal = { aborted: false };
  const ctx: TaskContext = {
    signal,
    progress(f, stage) {
      fractions.push(f);
      if (stages.at(-1) !== stage) stages.push(stage);
      if (fractions.length >= abortAfter) signal.aborted = true;
    },
    partial() {},
    throwIfCancelled() {
      if (signal.aborted) throw new CancelledError();
    },
  };
  return { ctx, stages, fractions };
}

/** Fraction of each point's 10 nearest map neighbours in its own blob. */
function hit(y: Float32Array, labels: Int32Array, dim: number): number {
  const n = labels.length;
  let h = 0;
  for (let i = 0; i < n; i++) {
    const d = Array.from({ length: n }, (_, j) => {
      let s = 0;
      for (let c = 0; c < dim; c++) s += (y[i * dim + c]! - y[j * dim + c]!) ** 2;
      return [j === i ? Infinity : s, j] as const;
    }).sort((a, b) => a[0] - b[0]);
    for (let r = 0; r < 10; r++) if (labels[d[r]![1]] === labels[i]) h++;
  }
  return h / (10 * n);
}

const { data, labels } = plantedBlobs([300, 250, 250, 200], 12, 1.5, 0, seeded(4));
const ds = (m: Matrix): ComputeDataset => ({ vectors: m, metric: 'l2', cache: new Map() });
const makeUmapTask =
  (limits: MapLimits) =>
  (d: ComputeDataset, p: MapTaskParams, ctx: TaskContext): Promise<Float32Array> =>
    Promise.resolve(makeMapTask(limits)(d, { ...p, method: 'umap' }, ctx));
const tsne = (d: ComputeDataset, p: MapTaskParams, ctx: TaskContext): Promise<Float32Array> =>
  Promise.resolve(map(d, { ...p, method: 'tsne' }, ctx));
const TSNE_LIMIT = MAP_DEFAULTS.tsneLimit;

test('the app UMAP task: exact graph, prefiltered graph and sample-then-place all give faithful maps', async () => {
  const paths = [
    { limits: { exact: 5000, fit: 5000, sample: 0 }, stage: 'nearest neighbours' },
    { limits: { exact: 300, fit: 5000, sample: 0 }, stage: 'nearest neighbours (PCA prefilter)' },
    { limits: { exact: 300, fit: 600, sample: 400 }, stage: 'placing the rest' },
  ];
  for (const { limits, stage } of paths) {
    const { ctx, stages, fractions } = context();
    const y = await makeUmapTask(limits)(ds(data), { dim: 2, seed: 1 }, ctx);
    assert.equal(y.length, data.n * 2);
    assert.ok(stages.includes(stage), `${JSON.stringify(limits)}: ${stages.join(', ')}`);
    assert.ok(fractions.every((f, i) => f >= 0 && f <= 1 && (i === 0 || f >= fractions[i - 1]! - 1e-9)));
    const h = hit(y, labels, 2);
    assert.ok(h > 0.95, `${JSON.stringify(limits)}: hit ${h}`);
  }
});

test('the sampled UMAP task cancels, and t-SNE refuses sets beyond its limit with a clear error', async () => {
  const { ctx } = context(3);
  await assert.rejects(
    makeUmapTask({ exact: 300, fit: 600, sample: 400 })(ds(data), { dim: 2, seed: 1 }, ctx),
    CancelledError,
  );
  const big: Matrix = { data: new Float32Array(TSNE_LIMIT + 1), n: TSNE_LIMIT + 1, dim: 1 };
  await assert.rejects(
    tsne(ds(big), { dim: 2, seed: 1 }, context().ctx),
    (e: unknown) => e instanceof VecscopeError && /t-SNE is limited to 100,000 points/.test(e.message),
  );
});

test('UMAP settings reach the prefiltered path, whose cached graph serves smaller neighbourhoods', async () => {
  const prefiltered = makeUmapTask({ exact: 300, fit: 5000, sample: 0 });
  const d = ds(data);
  const run = (p: { nNeighbors?: number; minDist?: number }) =>
    prefiltered(d, { dim: 2, seed: 1, epochs: 100, ...p }, context().ctx);
  const plain = await run({});
  // The default neighbourhood (15 with the point itself, as umap-learn) needs a graph of 14 others.
  const g14 = d.cache.get('mapKnn') as KnnResult;
  assert.equal(g14.k, 14);
  const wide = await run({ nNeighbors: 31 });
  const g30 = d.cache.get('mapKnn') as KnnResult;
  assert.equal(g30.k, 30, 'a larger neighbourhood needs a larger graph');
  const tight = await run({ nNeighbors: 10, minDist: 0 });
  assert.equal(d.cache.get('mapKnn'), g30, 'a smaller neighbourhood is served by the cached graph');
  let moved = 0;
  for (let i = 0; i < plain.length; i++)
    moved += Math.abs(plain[i]! - tight[i]!) + Math.abs(plain[i]! - wide[i]!);
  assert.ok(moved / plain.length > 0.01);
  for (const y of [plain, wide, tight]) assert.ok(hit(y, labels, 2) > 0.95);
});

test('t-SNE uses 3·perplexity neighbours, whatever larger graph is cached', async () => {
  const { data: small, labels: smallLabels } = plantedBlobs([120, 100, 80], 8, 1.5, 0, seeded(6));
  const fresh = ds(small);
  const p = { dim: 2, seed: 1, epochs: 300 };
  const y = await tsne(fresh, p, context().ctx);
  assert.equal((fresh.cache.get('selfKnn') as KnnResult).k, 90);
  const used = ds(small);
  const low = await tsne(used, { ...p, perplexity: 50 }, context().ctx);
  assert.equal((used.cache.get('selfKnn') as KnnResult).k, 150);
  // With the 150-NN graph cached, the default perplexity gives the same map as on a fresh set.
  assert.deepEqual(await tsne(used, p, context().ctx), y);
  assert.notDeepEqual(low, y);
  assert.ok(hit(y, smallLabels, 2) > 0.95);
});
