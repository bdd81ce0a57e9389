import { parseSyntheticSource, syntheticClusters } from '../../common/data/syntheticClusters.js';
import { VecscopeError } from '../../common/errors.js';
import type { Dataset } from '../../common/types.js';
import { loadDataset } from '../io/loadDataset.js';

const MAX_SYNTHETIC_VALUES = 2 ** 28;

/**
 * Turns an `open` source (a path, "sample", "synthetic:<n>[:<dim>[:<clusters>[:<seed>]]]", or a database
 * source such as `postgres://host/db#table=items`, see core/node/db/dbSource.ts) into a data set. A table
 * of texts is embedded (its column `opts.textColumn`) and a database is read in pages, both reporting
 * progress until `signal` aborts; more than `opts.maxRows` rows open as a seeded sample.
 */
export async function loadSource(
  source: string,
  signal: AbortSignal,
  opts: {
    textColumn?: string | undefined;
    /** A table of texts: the model folder (absent: the built-in USE-lite). */
    textModel?: string | undefined;
    maxRows?: number | undefined;
    onProgress?: (fraction: number, stage: string) => void;
  } = {},
): Promise<Dataset> {
  const synthetic = parseSyntheticSource(source);
  if (synthetic) {
    if (synthetic.n * synthetic.dim > MAX_SYNTHETIC_VALUES)
      throw new VecscopeError('synthetic data set too large');
    return syntheticClusters(synthetic);
  }
  if (source.trim() === '') throw new VecscopeError('no file given');
  const onProgress = opts.onProgress;
  return loadDataset(source === 'sample' ? 'sample' : source, {
    signal,
    textColumn: opts.textColumn,
    textModel: opts.textModel,
    maxRows: opts.maxRows,
    ...(onProgress ? { onTextProgress: (f: number) => onProgress(f, 'embedding texts') } : {}),
    db: { signal, ...(onProgress ? { onProgress } : {}) },
  });
}
