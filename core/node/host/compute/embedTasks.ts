import { hdbscan } from '../../../common/cluster/hdbscan.js';
import { kmeans } from '../../../common/cluster/kmeans.js';
import { summarizeClusters } from '../../../common/cluster/clusterSummary.js';
import { exactSelfKnn } from '../../../common/embed/selfKnn.js';
import { TsneLayout } from '../../../common/embed/tsneLayout.js';
import { UmapLayout } from '../../../common/embed/umapLayout.js';
import { VecscopeError } from '../../../common/errors.js';
import { normalizeRows } from '../../../common/knn/normalizeRows.js';
import { firstNeighbours } from '../../../common/knn/firstNeighbours.js';
import { normalizeLayout } from '../../../common/layout/normalizeLayout.js';
import { fitReduction } from '../../../common/reduce/fitReduction.js';
import { reduceData } from '../../../common/reduce/reduction.js';
import type { KnnResult, MetadataColumn } from '../../../common/types.js';
import { mapKnn } from '../../embed/mapKnn.js';
import { AUTO_FIT_LIMIT, AUTO_FIT_SAMPLE, sampledUmap } from '../../embed/sampledUmap.js';
import { cachedSelfKnn } from './cachedSelfKnn.js';
import type { ComputeDataset, Task, TaskContext } from './tasks.js';

interface SteppedLayout {
  readonly epoch: number;
  readonly done: boolean;
  step(n: number): boolean;
  layout(): Float32Array;
}

/** Runs a stepped layout to the end, streaming a normalised copy every ~300 ms. */
function drive(
  l: SteppedLayout,
  total: number,
  dim: number,
  stepSize: number,
  ctx: TaskContext,
  start: number,
): Float32Array {
  let last = Date.now();
  while (!l.done) {
    l.step(stepSize);
    ctx.throwIfCancelled();
    ctx.progress(start + ((1 - start) * l.epoch) / total, `iteration ${l.epoch}/${total}`);
    if (Date.now() - last > 300) {
      last = Date.now();
      ctx.partial(normalizeLayout(l.layout(), dim), l.epoch);
    }
  }
  return normalizeLayout(l.layout(), dim);
}

/** The app's UMAP parameters; absent ones keep the map as it was before they could be set. */
export interface UmapTaskParams {
  dim: number;
  seed: number;
  /** n_neighbors counting the point itself (default 15 as umap-learn and the CLI: the point and its 14 nearest). */
  nNeighbors?: number;
  minDist?: number;
  nEpochs?: number;
}

export interface TsneTaskParams {
  dim: number;
  seed: number;
  perplexity?: number;
  nIter?: number;
}

/** The app's default UMAP neighbourhood, the point included (the graph holds 14 others), as umap-learn. */
const APP_UMAP_NEIGHBORS = 15;

/** Only the UMAP options the user set, so UmapLayout and sampledUmap keep their own defaults otherwise. */
function umapOptions(p: UmapTaskParams): { minDist?: number; nEpochs?: number } {
  return {
    ...(p.minDist !== undefined ? { minDist: p.minDist } : {}),
    ...(p.nEpochs !== undefined ? { nEpochs: p.nEpochs } : {}),
  };
}

/**
 * UMAP for the map. Up to 20,000 rows the exact k-NN graph (cached, shared with t-SNE); up to
 * AUTO_FIT_LIMIT rows the PCA-prefiltered graph of mapKnn on the worker pool; above, the large-n
 * strategy: fit on AUTO_FIT_SAMPLE rows and place the rest (core/node/embed/sampledUmap.ts).
 */
export function makeUmapTask(
  limits = { exact: 20000, fit: AUTO_FIT_LIMIT, sample: AUTO_FIT_SAMPLE },
): Task<UmapTaskParams, Float32Array> {
  return (ds, p, ctx) => umapTask(ds, p, ctx, limits);
}

export const umap = makeUmapTask();

async function umapTask(
  ds: ComputeDataset,
  p: UmapTaskParams,
  ctx: TaskContext,
  limits: { exact: number; fit: number; sample: number },
): Promise<Float32Array> {
  const { n } = ds.vectors;
  if (n > limits.fit) {
    const weights = { knn: [0, 0.15], layout: [0.15, 0.45], place: [0.45, 1] } as const;
    const names = {
      knn: 'nearest neighbours of the sample',
      layout: 'fitting the sample',
      place: 'placing the rest',
    };
    const r = await sampledUmap(ds.vectors, ds.metric, {
      sampleSize: limits.sample,
      dim: p.dim,
      seed: p.seed,
      // Absent, sampledUmap keeps its own default (15, umap-learn's), as before these could be set.
      ...(p.nNeighbors !== undefined ? { nNeighbors: p.nNeighbors } : {}),
      ...umapOptions(p),
      isCancelled: () => ctx.signal.aborted,
      onProgress: (stage, f) => {
        const [lo, hi] = weights[stage];
        ctx.progress(lo + (hi - lo) * f, names[stage]);
      },
    });
    return normalizeLayout(r.layout, p.dim);
  }
  const nNeighbors = p.nNeighbors ?? APP_UMAP_NEIGHBORS;
  const k = nNeighbors - 1;
  let knn: KnnResult;
  if (n <= limits.exact) knn = cachedSelfKnn(ds, k, ctx, [0, 0.4]);
  else {
    // One prefiltered graph is kept; a larger one serves smaller requests (UmapLayout keeps its first
    // nNeighbors − 1 columns), a larger request replaces it.
    const hit = ds.cache.get('mapKnn') as KnnResult | undefined;
    ctx.progress(0, 'nearest neighbours');
    if (hit && hit.k >= Math.min(k, n - 1)) knn = hit;
    else {
      knn = (
        await mapKnn(ds.vectors, k, ds.metric, {
          seed: p.seed,
          exactLimit: limits.exact,
          onProgress: (f) => ctx.progress(0.4 * f, 'nearest neighbours (PCA prefilter)'),
        })
      ).knn;
      ds.cache.set('mapKnn', knn);
    }
    ctx.throwIfCancelled();
  }
  ctx.progress(0.4, 'fuzzy graph');
  const u = UmapLayout.create(
    { knn, data: ds.vectors },
    { dim: p.dim, seed: p.seed, metric: ds.metric, nNeighbors, ...umapOptions(p) },
  );
  return drive(u, u.nEpochs, p.dim, 10, ctx, 0.45);
}

export const tsne: Task<TsneTaskParams, Float32Array> = (ds, p, ctx) => {
  if (ds.vectors.n > TSNE_LIMIT)
    throw new VecscopeError(
      `t-SNE is limited to ${TSNE_LIMIT.toLocaleString('en-US')} points (this set has ${ds.vectors.n.toLocaleString('en-US')}); UMAP maps larger sets by fitting a sample`,
    );
  const perplexity = p.perplexity ?? 30;
  // About 3·perplexity neighbours (90 at the default), as scikit-learn; the affinities use every
  // column given, so a larger cached graph is cut to that.
  const k = Math.min(Math.ceil(3 * perplexity), ds.vectors.n - 1);
  const knn = firstNeighbours(cachedSelfKnn(ds, k, ctx, [0, 0.4]), k);
  ctx.progress(0.4, 'affinities');
  const t = TsneLayout.create(
    { knn, data: ds.vectors },
    {
      dim: p.dim,
      seed: p.seed,
      metric: ds.metric,
      perplexity,
      ...(p.nIter !== undefined ? { nIter: p.nIter } : {}),
    },
  );
  return drive(t, t.nEpochs, p.dim, 10, ctx, 0.45);
};

/** Barnes–Hut t-SNE needs an exact 3·perplexity-NN graph and about n·log n work per step: hours beyond this. */
export const TSNE_LIMIT = AUTO_FIT_LIMIT;

export interface ClusterParams {
  method: 'kmeans' | 'hdbscan';
  k?: number;
  seed: number;
  metadata: MetadataColumn[];
}

export const cluster: Task<ClusterParams, { labels: Int32Array; names: string[] }> = (ds, p, ctx) => {
  const { n } = ds.vectors;
  // Under cosine (and inner product on unit vectors) clusters are found on the normalised rows.
  const rows = ds.metric === 'l2' ? ds.vectors : normalizeRows(ds.vectors);
  // Both methods run on a PCA of the rows (64 axes for k-means, 32 for HDBSCAN, whose spanning tree is
  // quadratic): most of the variance, a fraction of the cost per distance.
  ctx.progress(0.02, 'PCA');
  const axes = Math.min(p.method === 'kmeans' ? 64 : 32, rows.dim);
  const fit = fitReduction('pca', rows, { dim: axes, metric: 'l2', seed: p.seed });
  const reduced = reduceData(fit.reduction, rows);
  ctx.throwIfCancelled();
  let labels: Int32Array;
  if (p.method === 'kmeans') {
    const k = Math.min(n, p.k ?? Math.max(2, Math.min(30, Math.round(Math.sqrt(n / 20)))));
    ctx.progress(0.2, `k-means, k = ${k}`);
    labels = kmeans(reduced, { k, seed: p.seed, nInit: 2, isCancelled: () => ctx.signal.aborted }).labels;
  } else {
    const minClusterSize = Math.max(10, Math.round(n / 300));
    ctx.progress(0.2, 'HDBSCAN');
    const knn = exactSelfKnn(reduced, minClusterSize, 'l2', { signal: ctx.signal });
    labels = hdbscan(reduced, { minClusterSize, knn }).labels;
  }
  ctx.throwIfCancelled();
  ctx.progress(0.85, 'naming clusters');
  const text = p.metadata.find(
    (c) => c.type === 'text' && /definition|text|title|description|sentence/i.test(c.name),
  );
  const { clusters } = summarizeClusters(ds.vectors, labels, {
    metadata: p.metadata,
    ...(text ? { textColumn: text.name } : {}),
    seed: p.seed,
  });
  const names: string[] = [];
  for (const c of clusters) names[c.id] = c.label;
  return { labels, names: Array.from({ length: names.length }, (_, i) => names[i] ?? `cluster ${i}`) };
};
