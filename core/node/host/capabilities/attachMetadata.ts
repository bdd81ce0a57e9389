import { resolve } from 'node:path';
import { VecscopeError } from '../../../common/errors.js';
import { expandHome } from '../../io/expandHome.js';
import { loadMetadataFile, mergeColumns } from '../../io/metadataFile.js';
import type { Handler } from '../capability.js';
import { checkOpenAllowed } from '../openRoots.js';

/**
 * Loads a metadata file for an open data set and merges its columns in (same name: replaced). Every
 * check happens before anything changes, so a refused or bad file leaves the data set as it was.
 */
export const attachMetadata: Handler<'attachMetadata'> = async ({ dataset, path }, ctx, state) => {
  const entry = state.datasets.get(dataset);
  if (path.trim() === '') throw new VecscopeError('no metadata file given');
  // Relative paths resolve against the directory the engine was started in.
  const file = resolve(expandHome(path.trim()));
  if (state.options.openRoots) checkOpenAllowed(file, state.options.openRoots);
  ctx.progress(0, 'reading');
  const extra = await loadMetadataFile(file, entry.dataset.vectors.n, entry.dataset.file);
  ctx.throwIfCancelled();
  ctx.progress(1, 'done');
  return state.datasets.setMetadata(entry, mergeColumns(entry.dataset.metadata, extra));
};
