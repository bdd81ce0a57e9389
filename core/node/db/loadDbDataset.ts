import type { Dataset } from '../../common/types.js';
import { toShared } from '../pool/toShared.js';
import { dbSourceString, parseDbSource } from './dbSource.js';
import { readLanceTable } from './readLanceTable.js';
import { readPgTable } from './readPgTable.js';
import type { DbReadOptions } from './rowCollector.js';
import { openPgliteCopy, openPostgres, openScratchPglite, type SqlClient } from './sqlClient.js';

/** Opens a PostgreSQL-speaking source for reading: a PGlite directory (a temporary copy), memory, or a server. */
async function openSqlSource(source: string): Promise<SqlClient> {
  const s = parseDbSource(source);
  if (!s || s.kind === 'lance') throw new Error(`not a PostgreSQL source: ${source}`);
  if (s.kind === 'postgres') return openPostgres(s.url);
  return s.dir === undefined ? openScratchPglite() : openPgliteCopy(s.dir);
}

/**
 * A data set read from a database source (see parseDbSource): vectors and metadata of one table,
 * read-only. Options override the source's `#table=…` fragment. `file` is the source in the form
 * that opens the same rows again, e.g. `postgres://host/db#table=items&column=embedding`.
 */
export async function loadDbDataset(source: string, options: DbReadOptions): Promise<Dataset> {
  const s = parseDbSource(source)!;
  const f = s.fragment;
  const opts: DbReadOptions = {
    ...options,
    table: options.table ?? f.table,
    column: options.column ?? f.column,
    limit: options.limit ?? f.limit,
  };
  const limit = opts.limit !== undefined ? { limit: opts.limit } : {};
  if (s.kind === 'lance') {
    const r = await readLanceTable(s.dir, { ...opts, table: opts.table ?? s.table });
    return {
      file: dbSourceString(s.label, { column: r.column, ...limit }),
      format: 'lancedb',
      dtype: r.dtype,
      vectors: toShared({ data: r.data, n: r.n, dim: r.dim }),
      metadata: r.metadata,
      ...(r.keep ? { sampled: { rows: r.keep, of: r.total } } : {}),
    };
  }
  const db = await openSqlSource(source);
  try {
    const r = await readPgTable(db, opts);
    return {
      file: dbSourceString(s.label, { table: r.table, column: r.column, ...limit }),
      format: 'pgvector',
      dtype: r.dtype,
      vectors: toShared({ data: r.data, n: r.n, dim: r.dim }),
      metadata: r.metadata,
      ...(r.keep ? { sampled: { rows: r.keep, of: r.total } } : {}),
    };
  } finally {
    await db.close();
  }
}
