import { CancelledError } from '../../../common/errors.js';
import { intrinsicDimension } from '../../../common/metrics/intrinsicDimension.js';
import { fitReduction } from '../../../common/reduce/fitReduction.js';
import { reduceData } from '../../../common/reduce/reduction.js';
import type { Matrix, Metric } from '../../../common/types.js';
import { cluster, tsne, umap } from './embedTasks.js';

/** A data set as the compute worker sees it: the vectors (shared memory) and the metric. */
export interface ComputeDataset {
  vectors: Matrix;
  metric: Metric;
  cache: Map<string, unknown>;
}

export interface TaskContext {
  signal: { readonly aborted: boolean };
  progress(fraction: number, stage: string): void;
  partial(positions: Float32Array, epoch: number): void;
  throwIfCancelled(): void;
}

/** One heavy computation, run inside the compute worker so the host stays responsive. */
export type Task<P, R> = (ds: ComputeDataset, params: P, ctx: TaskContext) => Promise<R> | R;

export interface PcaTaskResult {
  /** n × min(3, dim) PCA coordinates (not normalised). */
  coords: Float32Array;
  coordDim: number;
  eigenvalues: Float64Array;
}

const pca: Task<Record<string, never>, PcaTaskResult> = (ds, _p, ctx) => {
  const hit = ds.cache.get('pca') as PcaTaskResult | undefined;
  if (hit) return hit;
  ctx.progress(0.05, 'covariance');
  const d = Math.min(3, ds.vectors.dim);
  const fit = fitReduction('pca', ds.vectors, { dim: d, metric: ds.metric, seed: 1 });
  ctx.throwIfCancelled();
  ctx.progress(0.8, 'projecting');
  const reduced = reduceData(fit.reduction, ds.vectors);
  const result = {
    coords: reduced.data,
    coordDim: reduced.dim,
    eigenvalues: fit.diagnostics.eigenvalues ?? new Float64Array(0),
  };
  ds.cache.set('pca', result);
  return result;
};

const intrinsic: Task<Record<string, never>, ReturnType<typeof intrinsicDimension>> = (ds) =>
  intrinsicDimension(ds.vectors, { sampleSize: 2000, seed: 1 });

export const tasks = { pca, intrinsic, umap, tsne, cluster } satisfies Record<string, Task<never, unknown>>;
export type TaskName = keyof typeof tasks;
export type TaskParams<T extends TaskName> = Parameters<(typeof tasks)[T]>[1];
export type TaskResult<T extends TaskName> = Awaited<ReturnType<(typeof tasks)[T]>>;

export function cancelled(): never {
  throw new CancelledError();
}
