import { parseSyntheticSource, syntheticClusters } from '../../common/data/syntheticClusters.js';
import { VecscopeError } from '../../common/errors.js';
import type { Dataset } from '../../common/types.js';
import { loadDataset } from '../io/loadDataset.js';

const MAX_SYNTHETIC_VALUES = 2 ** 28;

/** Turns an `open` source (a path, "sample", "synthetic:<n>[:<dim>[:<clusters>[:<seed>]]]", or a database
 * source such as `postgres://host/db#table=items`, see core/node/db/dbSource.ts) into a data set. */
export async function loadSource(
  source: string,
  signal: AbortSignal,
  onProgress?: (fraction: number, message: string) => void,
): Promise<Dataset> {
  const synthetic = parseSyntheticSource(source);
  if (synthetic) {
    if (synthetic.n * synthetic.dim > MAX_SYNTHETIC_VALUES)
      throw new VecscopeError('synthetic data set too large');
    return syntheticClusters(synthetic);
  }
  if (source.trim() === '') throw new VecscopeError('no file given');
  // A database source reads in pages: it reports them and stops between them when cancelled.
  return loadDataset(source === 'sample' ? 'sample' : source, { db: { signal, onProgress } });
}
