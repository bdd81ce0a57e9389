import { VecscopeError } from '../../../common/errors.js';
import { datasetMetric } from '../../../common/recipes/datasetMetric.js';
import type { Handler } from '../capability.js';
import { checkOpenAllowed } from '../openRoots.js';
import { loadSource } from '../loadSource.js';

export const open: Handler<'open'> = async ({ source }, ctx, state) => {
  if (state.options.openRoots) checkOpenAllowed(source, state.options.openRoots);
  ctx.progress(0, 'reading');
  const dataset = await loadSource(source, ctx.signal);
  ctx.throwIfCancelled();
  if (dataset.vectors.n < 2) throw new VecscopeError('a data set needs at least 2 vectors', dataset.file);
  const metric = datasetMetric(dataset, source);
  const entry = state.datasets.add(dataset, metric);
  ctx.progress(1, 'done');
  return entry.summary;
};
