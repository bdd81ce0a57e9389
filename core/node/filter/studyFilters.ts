import type { StudyFilter } from '../../common/study/filteredRecall.js';
import type { MetadataColumn } from '../../common/types.js';
import { MetadataFilter, SWEEP_SELECTIVITIES, sweepPredicate } from './metadataFilter.js';

/**
 * The filters a study measures (the CLI's `--filter` / `--selectivity-sweep` and the lab alike): the
 * sweep's hashed subsets at 100 %, 10 %, 1 % and 0.1 % of the rows, then the user's predicate (the
 * `primary` one, whose numbers the rows carry as fields). A sweep level that allows no row (a small
 * data set at 0.1 %) is left out with a note; a bad user predicate throws its one-line error.
 */
export async function studyFilters(
  metadata: readonly MetadataColumn[],
  n: number,
  opts: { filter?: string; sweep?: boolean },
): Promise<{ filters: StudyFilter[]; notes: string[] }> {
  const filters: StudyFilter[] = [];
  const notes: string[] = [];
  if (opts.filter === undefined && !opts.sweep) return { filters, notes };
  const db = await MetadataFilter.create(metadata, n);
  try {
    // The user's predicate first: its error should come before any sweep work.
    const own = opts.filter !== undefined ? await db.evaluate(opts.filter) : undefined;
    if (opts.sweep)
      for (const s of SWEEP_SELECTIVITIES) {
        const predicate = sweepPredicate(s, db.rowId);
        try {
          filters.push({ filter: predicate, allowed: (await db.evaluate(predicate)).allowed });
        } catch {
          notes.push(`the sweep's ${100 * s} % level allows no row of ${n}; left out`);
        }
      }
    if (own) filters.push({ filter: opts.filter!.trim(), allowed: own.allowed, primary: true });
  } finally {
    db.close();
  }
  return { filters, notes };
}
