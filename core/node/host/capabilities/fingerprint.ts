import type { Handler } from '../capability.js';
import { runTask } from './compute.js';

/**
 * Computed once per open data set and kept with it. The pass over every row runs on the compute
 * thread, so hover, search and neighbour calls are not held up behind it on a large data set.
 */
export const fingerprint: Handler<'fingerprint'> = async ({ dataset }, ctx, state) => {
  const entry = state.datasets.get(dataset);
  let f = entry.cache.get('fingerprint') as string | undefined;
  if (f === undefined) {
    f = await runTask(state, entry, 'fingerprint', {}, ctx);
    entry.cache.set('fingerprint', f);
  }
  return { fingerprint: f };
};
