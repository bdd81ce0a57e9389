import { VecscopeError } from '../../common/errors.js';
import type { MetadataCell } from '../../common/io/metadataColumns.js';
import type { MetadataColumn, StorageDtype } from '../../common/types.js';
import { RowCollector, type DbReadOptions } from './rowCollector.js';
import { sqlErrorLine, type SqlClient } from './sqlClient.js';

/** pgvector's dense vector types a data set can be read from. */
const VECTOR_TYPE = /^(vector|halfvec)(\((\d+)\))?$/;
/** Columns never turned into metadata: other vectors and binary blobs. */
const SKIPPED_TYPE = /^(vector|halfvec|sparsevec|bit|bit varying|bytea)\b/;

const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;

export interface PgTableRead {
  data: Float32Array;
  n: number;
  dim: number;
  dtype: StorageDtype;
  metadata: MetadataColumn[];
  /** Rows in the table (more than `n` when sampled). */
  total: number;
  /** The table rows kept (ascending) when a larger table was sampled to --max-rows. */
  keep: Int32Array | undefined;
  table: string;
  column: string;
}

interface Column {
  name: string;
  type: string;
}

/** The table's columns in order; an unknown table is one line naming it and the database. */
async function tableColumns(db: SqlClient, table: string): Promise<{ rel: string; cols: Column[] }> {
  let rel: string | null;
  try {
    rel = (await db.query<{ rel: string | null }>('SELECT to_regclass($1)::text AS rel', [table]))[0]!.rel;
  } catch (e) {
    throw new VecscopeError(`bad table name "${table}" (${sqlErrorLine(e)})`, db.label);
  }
  if (rel === null) throw new VecscopeError(`no table "${table}"`, db.label);
  const cols = await db.query<Column>(
    `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type FROM pg_attribute a
     WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum`,
    [rel],
  );
  return { rel, cols };
}

/** The vector column to read: the named one (which must be a vector) or the table's only one. */
function pickVectorColumn(cols: Column[], column: string | undefined, where: string): Column {
  const vectors = cols.filter((c) => VECTOR_TYPE.test(c.type));
  if (column !== undefined) {
    const c = cols.find((x) => x.name === column);
    if (!c)
      throw new VecscopeError(
        `no column "${column}" (columns: ${cols.map((x) => x.name).join(', ')})`,
        where,
      );
    if (!VECTOR_TYPE.test(c.type))
      throw new VecscopeError(`column "${column}" is ${c.type}, not a pgvector vector or halfvec`, where);
    return c;
  }
  if (vectors.length === 0)
    throw new VecscopeError(
      `has no vector column (pgvector vector or halfvec; columns: ${cols.map((c) => `${c.name} ${c.type}`).join(', ')})`,
      where,
    );
  if (vectors.length > 1)
    throw new VecscopeError(
      `has ${vectors.length} vector columns (${vectors.map((c) => c.name).join(', ')}); choose one with --column`,
      where,
    );
  return vectors[0]!;
}

/**
 * Reads a pgvector table: the vector column as float32 rows, every other scalar column as metadata,
 * in pages of `pageSize` rows by keyset pagination on `ctid` inside one read-only repeatable-read
 * transaction (a consistent snapshot; nothing is written). With `limit` below the row count, a seeded
 * sample of `limit` rows in table order.
 */
export async function readPgTable(db: SqlClient, opts: DbReadOptions): Promise<PgTableRead> {
  const table = opts.table;
  if (table === undefined || table === '')
    throw new VecscopeError('give the table with --table <name>', db.label);
  const where = `${db.label} table "${table}"`;
  const { rel, cols } = await tableColumns(db, table);
  const vcol = pickVectorColumn(cols, opts.column, where);
  const meta = cols.filter((c) => c !== vcol && !SKIPPED_TYPE.test(c.type));
  await db.exec('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    const total = Number((await db.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${rel}`))[0]!.n);
    if (total === 0) throw new VecscopeError('no rows (0 rows)', where);
    const v = ident(vcol.name);
    let dim = Number(VECTOR_TYPE.exec(vcol.type)![3] ?? 0);
    if (dim === 0) {
      const first = await db.query<{ d: number }>(
        `SELECT vector_dims(${v}) AS d FROM ${rel} WHERE ${v} IS NOT NULL LIMIT 1`,
      );
      dim = first[0]?.d ?? 0;
      if (dim === 0) throw new VecscopeError(`column "${vcol.name}" holds only NULLs`, where);
    }
    const rows = new RowCollector(
      total,
      dim,
      meta.map((c) => c.name),
      where,
      opts,
    );
    const pageSize = opts.pageSize ?? 5000;
    const select = [`ctid::text AS "__ctid"`, `${v}::vector::text AS "__vec"`]
      .concat(meta.map((c, i) => `${ident(c.name)}::text AS "__m${i}"`))
      .join(', ');
    let after = '(0,0)';
    for (;;) {
      const page = await db.query<Record<string, string | null>>(
        `SELECT ${select} FROM ${rel} WHERE ctid > $1::tid ORDER BY ctid LIMIT ${pageSize}`,
        [after],
      );
      for (const r of page) {
        if (!rows.takeNext()) continue;
        const text = r['__vec'];
        const vec = text === null || text === undefined ? null : (JSON.parse(text) as number[]);
        const cells: MetadataCell[] = meta.map((_, i) => r[`__m${i}`] ?? null);
        rows.put(vec, cells);
      }
      rows.page(opts);
      if (page.length < pageSize) break;
      after = page[page.length - 1]!['__ctid']!;
    }
    const metadata = rows.finish();
    return {
      data: rows.data,
      n: rows.n,
      dim,
      dtype: vcol.type.startsWith('halfvec') ? 'f16' : 'f32',
      metadata,
      total,
      keep: rows.keep,
      table: rel,
      column: vcol.name,
    };
  } finally {
    await db.exec('ROLLBACK').catch(() => {});
  }
}
