import type { Metric } from '../types.js';

/**
 * What every recipe (one user-level operation, shared by the CLI command and the engine job) takes:
 * the data set's rows, its metric, the operation's parameters, progress, a cancel signal and, in the
 * engine, the data set's cache so graphs computed for one operation serve the next.
 */
export interface RecipeInput<P> {
  /** n × dim, row-major; the recipe only reads it. */
  data: Float32Array;
  n: number;
  dim: number;
  metric: Metric;
  params: P;
  onProgress?: (fraction: number, stage: string) => void;
  signal?: { readonly aborted: boolean };
  cache?: Map<string, unknown>;
}
