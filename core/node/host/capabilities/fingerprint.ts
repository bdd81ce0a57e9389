import { vectorFingerprint } from '../../../common/workspace/fingerprint.js';
import type { Handler } from '../capability.js';

/** Computed once per open data set (a pass over every row) and kept with it. */
export const fingerprint: Handler<'fingerprint'> = async ({ dataset }, _ctx, state) => {
  const entry = state.datasets.get(dataset);
  let f = entry.cache.get('fingerprint') as string | undefined;
  if (f === undefined) {
    f = vectorFingerprint(entry.dataset.vectors);
    entry.cache.set('fingerprint', f);
  }
  return { fingerprint: f };
};
