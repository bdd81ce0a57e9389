import { QUERY_SETS, type DatasetSummary, type QuerySet } from '../../../core/common/rpc/protocol.js';
import type { Metric } from '../../../core/common/types.js';

/** How the lab names each query set (the protocol's values are not words for the user). */
export const QUERY_SET_LABELS: Record<QuerySet, string> = {
  ood: 'sample OOD',
  id: 'sample ID',
  dataset: "file's queries",
  file: 'query file',
  base: 'base rows',
};

type DatasetFacts = Pick<DatasetSummary, 'file' | 'hasQueries'>;

function isSample(ds: DatasetFacts): boolean {
  return ds.file === 'sample' || /sample[\\/]base\.npy$/.test(ds.file);
}

/** Whether a query set exists for this data set: the sample's sets only for the sample, the query
 * file once one is attached (`hasQueryFile`). */
export function querySetUsable(q: QuerySet, ds: DatasetFacts | null, hasQueryFile = false): boolean {
  if (!ds) return false;
  switch (q) {
    case 'ood':
    case 'id':
      return isSample(ds);
    case 'dataset':
      return ds.hasQueries;
    case 'file':
      return hasQueryFile;
    case 'base':
      return true;
  }
}

/**
 * The query set a sweep uses: the one chosen while this data set has it, else the first it has, so
 * a first sweep on a new file never asks for the sample's queries.
 */
export function effectiveQuerySet(chosen: QuerySet, ds: DatasetFacts | null, hasQueryFile = false): QuerySet {
  if (querySetUsable(chosen, ds, hasQueryFile)) return chosen;
  return QUERY_SETS.find((q) => querySetUsable(q, ds, hasQueryFile)) ?? 'base';
}

/** The metric a sweep uses: the one the user chose for this data set, else the data set's guess. */
export function effectiveMetric(
  chosen: { datasetId: string; metric: Metric } | null,
  ds: Pick<DatasetSummary, 'id' | 'metric'> | null,
): Metric | undefined {
  if (!ds) return undefined;
  return chosen && chosen.datasetId === ds.id ? chosen.metric : ds.metric;
}
