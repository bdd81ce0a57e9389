import { parseSyntheticSource, syntheticClusters } from '../../common/data/syntheticClusters.js';
import { VecscopeError } from '../../common/errors.js';
import type { Dataset } from '../../common/types.js';
import { loadDataset } from '../io/loadDataset.js';

const MAX_SYNTHETIC_VALUES = 2 ** 28;

/**
 * Turns an `open` source (a path, "sample", or "synthetic:<n>[:<dim>[:<clusters>[:<seed>]]]") into a data
 * set; a table of texts is embedded (its column `opts.textColumn`), reporting progress, until `signal`
 * aborts; a file of more than `opts.maxRows` rows opens as a seeded sample.
 */
export async function loadSource(
  source: string,
  signal: AbortSignal,
  opts: {
    textColumn?: string | undefined;
    onProgress?: (fraction: number) => void;
    maxRows?: number | undefined;
  } = {},
): Promise<Dataset> {
  const synthetic = parseSyntheticSource(source);
  if (synthetic) {
    if (synthetic.n * synthetic.dim > MAX_SYNTHETIC_VALUES)
      throw new VecscopeError('synthetic data set too large');
    return syntheticClusters(synthetic);
  }
  if (source.trim() === '') throw new VecscopeError('no file given');
  return loadDataset(source === 'sample' ? 'sample' : source, {
    signal,
    textColumn: opts.textColumn,
    onTextProgress: opts.onProgress,
    maxRows: opts.maxRows,
  });
}
