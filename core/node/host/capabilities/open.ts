import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { VecscopeError } from '../../../common/errors.js';
import { datasetMetric } from '../../../common/recipes/datasetMetric.js';
import type { Handler } from '../capability.js';
import { expandHome } from '../../io/expandHome.js';
import { checkOpenAllowed } from '../openRoots.js';
import { loadSource } from '../loadSource.js';

export const open: Handler<'open'> = async (params, ctx, state) => {
  // `~` is the home directory and a relative path starts in the directory the engine was started in.
  const source = expandHome(params.source.trim());
  if (state.options.openRoots) checkOpenAllowed(source, state.options.openRoots);
  // The same unchanged source, still open (a page reloading within the grace period): no second copy.
  const textColumn = params.textColumn;
  const modelArg = params.textModel?.trim() || state.options.textModel;
  const textModel = modelArg === undefined ? undefined : expandHome(modelArg);
  // A model folder is a file the page makes the engine read: the same roots bound it.
  if (textModel !== undefined && state.options.openRoots)
    checkOpenAllowed(textModel, state.options.openRoots);
  const maxRows = params.maxRows ?? state.options.maxRows;
  const stamped = await sourceStamp(source, maxRows);
  // The same table of texts embedded from another column, or by another model, is another data set.
  let key = textColumn === undefined ? stamped.key : `${stamped.key}#text=${textColumn}`;
  if (textModel !== undefined) key += `#model=${resolve(textModel)}`;
  const stamp = stamped.stamp;
  const known = state.datasets.find(key, stamp);
  if (known) return known.summary;
  ctx.progress(0, 'reading');
  const dataset = await loadSource(source, ctx.signal, {
    textColumn,
    textModel,
    maxRows,
    onProgress: (f, stage) => ctx.progress(0.95 * f, stage),
  });
  ctx.throwIfCancelled();
  if (dataset.vectors.n < 2) throw new VecscopeError('a data set needs at least 2 vectors', dataset.file);
  const metric = datasetMetric(dataset, source);
  const entry = state.datasets.add(dataset, metric, { key, stamp });
  ctx.progress(1, 'done');
  return entry.summary;
};

/** What identifies a source's content: a file by its path, size and modification time. */
async function sourceStamp(source: string, maxRows?: number): Promise<{ key: string; stamp: string }> {
  if (source === 'sample' || source.startsWith('synthetic:')) return { key: source, stamp: '' };
  try {
    const s = await stat(source);
    return {
      key: resolve(source),
      stamp: `${s.size}:${s.mtimeMs}${maxRows !== undefined ? `:max${maxRows}` : ''}`,
    };
  } catch {
    // The loader reports a missing file in its own words; such a source is never reused.
    return { key: resolve(source), stamp: `unreadable:${Math.random()}` };
  }
}
