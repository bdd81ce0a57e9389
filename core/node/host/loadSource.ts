import { parseSyntheticSource, syntheticClusters } from '../../common/data/syntheticClusters.js';
import { VecscopeError } from '../../common/errors.js';
import type { Dataset } from '../../common/types.js';
import { UnavailableError } from './capability.js';

const MAX_SYNTHETIC = 20_000_000;

/** Turns an `open` source (a path, "sample", or "synthetic:...") into a data set. */
export async function loadSource(source: string, _signal: AbortSignal): Promise<Dataset> {
  const synthetic = parseSyntheticSource(source);
  if (synthetic) {
    if (synthetic.n * synthetic.dim > MAX_SYNTHETIC * 16)
      throw new VecscopeError('synthetic data set too large');
    return syntheticClusters(synthetic);
  }
  // Interim until the file loaders land: the sample is a synthetic stand-in.
  if (source === 'sample' || source === '') {
    const ds = syntheticClusters({ n: 3000, dim: 32, clusters: 8, seed: 42 });
    return { ...ds, file: 'sample' };
  }
  throw new UnavailableError('opening files');
}
