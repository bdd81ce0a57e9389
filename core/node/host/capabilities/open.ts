import { VecscopeError } from '../../../common/errors.js';
import type { Dataset, Metric } from '../../../common/types.js';
import type { Handler } from '../capability.js';
import { loadSource } from '../loadSource.js';

/** A metric for files that do not name one: cosine for unit-norm rows (text embeddings), else l2. */
export function guessMetric(dataset: Dataset): Metric {
  if (dataset.metric) return dataset.metric;
  const { data, n, dim } = dataset.vectors;
  const rows = Math.min(n, 64);
  for (let s = 0; s < rows; s++) {
    const r = Math.floor((s * n) / rows);
    let norm = 0;
    for (let j = 0; j < dim; j++) norm += data[r * dim + j]! ** 2;
    // Stored as float16, unit vectors come back with norms a little off 1.
    if (Math.abs(Math.sqrt(norm) - 1) > 1e-2) return 'l2';
  }
  return 'cos';
}

export const open: Handler<'open'> = async ({ source }, ctx, state) => {
  ctx.progress(0, 'reading');
  const dataset = await loadSource(source, ctx.signal);
  ctx.throwIfCancelled();
  if (dataset.vectors.n < 2) throw new VecscopeError('a data set needs at least 2 vectors', dataset.file);
  // The sample is searched by inner product, as `vecscope knn` does.
  const metric = source === 'sample' ? (dataset.metric ?? 'ip') : guessMetric(dataset);
  const entry = state.datasets.add(dataset, metric);
  ctx.progress(1, 'done');
  return entry.summary;
};
