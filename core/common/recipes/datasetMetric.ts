import type { Dataset, Metric } from '../types.js';

/** The metric guessed for a data set and why, in words a front-end can show. */
export interface MetricChoice {
  metric: Metric;
  why: string;
}

/**
 * The metric a data set is mapped, clustered and searched with when the user names none: the file's own
 * (ann-benchmarks .hdf5), inner product for the built-in sample (as `vecscope knn`), cosine for unit-norm
 * rows (text embeddings), else l2. One rule for the CLI and the app (the CLI used to fall back to l2,
 * so the same file was mapped under another metric in each).
 */
export function datasetMetricChoice(dataset: Dataset, source: string): MetricChoice {
  if (dataset.metric) return { metric: dataset.metric, why: 'the file names its metric' };
  if (source === 'sample') return { metric: 'ip', why: "the built-in sample's metric" };
  const { data, n, dim } = dataset.vectors;
  const rows = Math.min(n, 64);
  for (let s = 0; s < rows; s++) {
    const r = Math.floor((s * n) / rows);
    let norm = 0;
    for (let j = 0; j < dim; j++) norm += data[r * dim + j]! ** 2;
    // Stored as float16, unit vectors come back with norms a little off 1.
    if (Math.abs(Math.sqrt(norm) - 1) > 1e-2)
      return { metric: 'l2', why: `row ${r} has norm ${Math.sqrt(norm).toPrecision(3)}, not 1` };
  }
  return { metric: 'cos', why: `the rows have unit norm (${rows} checked)` };
}

/** The metric of datasetMetricChoice. */
export function datasetMetric(dataset: Dataset, source: string): Metric {
  return datasetMetricChoice(dataset, source).metric;
}
