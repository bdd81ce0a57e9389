import type { IntrinsicDimension } from '../../../common/metrics/intrinsicDimension.js';
import { ANALYSE_DEFAULTS, intrinsicEstimates } from '../../../common/recipes/analyseRecipe.js';
import { fitReduction } from '../../../common/reduce/fitReduction.js';
import { reduceData } from '../../../common/reduce/reduction.js';
import type { Matrix, Metric } from '../../../common/types.js';
import { vectorFingerprint } from '../../../common/workspace/fingerprint.js';
import { cluster, map } from './embedTasks.js';
import { mapQualityTask } from './qualityTasks.js';

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

interface PcaTaskResult {
  /** n × min(3, dim) PCA coordinates (not normalised). */
  coords: Float32Array;
  coordDim: number;
  /** The leading eigenvalues (up to ANALYSE_DEFAULTS.spectrumAxes), largest first. */
  eigenvalues: Float64Array;
  /** Trace of the covariance, so the spectrum shows shares of the whole variance. */
  totalVariance: number;
}

/** The data set panel's spectrum (analysis); PCA maps are mapRecipe's, through the 'map' task. */
const pca: Task<Record<string, never>, PcaTaskResult> = (ds, _p, ctx) => {
  const hit = ds.cache.get('pca') as PcaTaskResult | undefined;
  if (hit) return hit;
  ctx.progress(0.05, 'covariance');
  const D = ds.vectors.dim;
  const d = Math.min(3, D);
  // Fit more axes than the map needs, for the spectrum; the map projects onto the first d only.
  const fit = fitReduction('pca', ds.vectors, {
    dim: Math.min(ANALYSE_DEFAULTS.spectrumAxes, D),
    metric: ds.metric,
    seed: 1,
  });
  ctx.throwIfCancelled();
  ctx.progress(0.8, 'projecting');
  const full = fit.reduction;
  const matrix = new Float32Array(D * d);
  for (let j = 0; j < D; j++)
    for (let c = 0; c < d; c++) matrix[j * d + c] = full.dataMatrix[j * full.outDim + c]!;
  const reduced = reduceData({ ...full, outDim: d, dataMatrix: matrix, queryMatrix: matrix }, ds.vectors);
  const eigenvalues = fit.diagnostics.eigenvalues ?? new Float64Array(0);
  let trace = fit.diagnostics.totalVariance ?? 0;
  if (!(trace > 0)) for (const v of eigenvalues) trace += Math.max(v, 0);
  const result = { coords: reduced.data, coordDim: reduced.dim, eigenvalues, totalVariance: trace };
  ds.cache.set('pca', result);
  return result;
};

const intrinsic: Task<Record<string, never>, IntrinsicDimension> = (ds) => intrinsicEstimates(ds.vectors);

/** A hash of every row (a pass over all of them: seconds for millions of rows, so not on the host). */
const fingerprint: Task<Record<string, never>, string> = (ds) => vectorFingerprint(ds.vectors);

export const tasks = {
  pca,
  intrinsic,
  map,
  cluster,
  mapQuality: mapQualityTask,
  fingerprint,
} satisfies Record<string, Task<never, unknown>>;
export type TaskName = keyof typeof tasks;
export type TaskParams<T extends TaskName> = Parameters<(typeof tasks)[T]>[1];
export type TaskResult<T extends TaskName> = Awaited<ReturnType<(typeof tasks)[T]>>;
