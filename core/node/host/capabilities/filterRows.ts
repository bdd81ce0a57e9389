import type { MetadataColumn } from '../../../common/types.js';
import { MetadataFilter } from '../../filter/metadataFilter.js';
import type { Handler } from '../capability.js';

/**
 * One DuckDB copy of a data set's metadata, made by the first filter and reused while the columns are
 * the same array (attachMetadata makes a new one); it goes with the columns when they are collected.
 */
const databases = new WeakMap<readonly MetadataColumn[], Promise<MetadataFilter>>();

/** The rows a metadata predicate allows (core/node/filter/metadataFilter.ts), ascending. */
export const filterRows: Handler<'filterRows'> = async ({ dataset, predicate }, _ctx, state) => {
  const { dataset: ds } = state.datasets.get(dataset);
  const n = ds.vectors.n;
  let db = databases.get(ds.metadata);
  if (!db) {
    db = MetadataFilter.create(ds.metadata, n);
    databases.set(ds.metadata, db);
    // A failed load is not kept, so the next call tries again.
    db.catch(() => databases.delete(ds.metadata));
  }
  const { allowed, count } = await (await db).evaluate(predicate);
  const rows = new Int32Array(count);
  let j = 0;
  for (let i = 0; i < n; i++) if (allowed[i]) rows[j++] = i;
  return { rows, n };
};
