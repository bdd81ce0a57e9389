import { UMAP } from 'umap-js';
import { exactKnn } from '../../../common/knn/exactKnn.js';
import type { Matrix, Metric } from '../../../common/types.js';
import type { TaskContext } from './tasks.js';

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function flatten(rows: number[][], dim: number): Float32Array {
  const out = new Float32Array(rows.length * dim);
  rows.forEach((r, i) => {
    for (let c = 0; c < dim; c++) out[i * dim + c] = r[c] ?? 0;
  });
  return out;
}

/** UMAP through umap-js (interim until core/common/embed lands), streaming the layout as it goes. */
export async function umapJsLayout(
  x: Matrix,
  metric: Metric,
  dim: number,
  seed: number,
  ctx: TaskContext,
): Promise<Float32Array> {
  const { data, n, dim: d } = x;
  const umap = new UMAP({ nComponents: dim, nNeighbors: Math.min(15, n - 1), random: mulberry32(seed) });
  ctx.progress(0, 'nearest neighbours');
  // Exact neighbours with the kernels (cancellable between batches) instead of umap-js's own search.
  const k = Math.min(15, n - 1);
  const r = exactKnn(x, x, k + 1, metric, {
    signal: ctx.signal,
    onProgress: (f) => ctx.progress(0.2 * f, 'nearest neighbours'),
  });
  const knnIds: number[][] = [];
  const knnDists: number[][] = [];
  for (let i = 0; i < n; i++) {
    const ids: number[] = [];
    const ds: number[] = [];
    for (let j = 0; j < r.k && ids.length < k; j++) {
      const id = r.ids[i * r.k + j]!;
      if (id === i || id < 0) continue;
      const d = r.dists[i * r.k + j]!;
      ids.push(id);
      // umap-js wants non-negative dissimilarities: Euclidean for l2, 1 − similarity otherwise.
      ds.push(metric === 'l2' ? Math.sqrt(Math.max(0, d)) : Math.max(0, 1 + d));
    }
    knnIds.push(ids);
    knnDists.push(ds);
  }
  umap.setPrecomputedKNN(knnIds, knnDists);
  ctx.throwIfCancelled();
  ctx.progress(0.2, 'fuzzy graph');
  // umap-js takes rows as number arrays; the copy lives only for this job.
  const rows: number[][] = [];
  for (let i = 0; i < n; i++) rows.push(Array.from(data.subarray(i * d, (i + 1) * d)));
  const epochs = umap.initializeFit(rows);
  ctx.throwIfCancelled();
  ctx.progress(0.3, 'optimising');
  let lastPartial = Date.now();
  for (let e = 0; e < epochs; e++) {
    umap.step();
    if (e % 5 === 4) {
      ctx.throwIfCancelled();
      ctx.progress(0.3 + (0.7 * (e + 1)) / epochs, `epoch ${e + 1}/${epochs}`);
      if (Date.now() - lastPartial > 300) {
        lastPartial = Date.now();
        ctx.partial(flatten(umap.getEmbedding(), dim), e + 1);
      }
    }
  }
  return flatten(umap.getEmbedding(), dim);
}
