import { stat } from 'node:fs/promises';
import { connect } from '@lancedb/lancedb';
import { VecscopeError } from '../../common/errors.js';
import type { MetadataCell } from '../../common/io/metadataColumns.js';
import type { MetadataColumn, StorageDtype } from '../../common/types.js';
import { toMetadataCell } from '../io/tableCells.js';
import { RowCollector, type DbReadOptions } from './rowCollector.js';

/** A fixed-size list of floats: LanceDB's vector column (its type prints as `FixedSizeList[d]<Float32>`). */
const VECTOR_TYPE = /^FixedSizeList\[(\d+)\]<Float(16|32|64)>$/;
/** Nested and binary columns are left out of the metadata. */
const SKIPPED_TYPE = /^(FixedSizeList|List|LargeList|Struct|Binary|LargeBinary|FixedSizeBinary|Map)/;

export interface LanceTableRead {
  data: Float32Array;
  n: number;
  dim: number;
  dtype: StorageDtype;
  metadata: MetadataColumn[];
  total: number;
  /** The table rows kept (ascending) when a larger table was sampled to --max-rows. */
  keep: Int32Array | undefined;
  column: string;
}

interface ArrowVectorLike {
  get(i: number): { toArray(): ArrayLike<number> } | null;
}

/**
 * Reads a LanceDB table (the `<dir>/<table>.lance` dataset) without writing to it: the vector column
 * as float32 rows, scalar columns as metadata, `pageSize` rows per query (offset + limit); with `limit`
 * below the row count, a seeded sample of `limit` rows in table order.
 */
export async function readLanceTable(dir: string, opts: DbReadOptions): Promise<LanceTableRead> {
  const name = opts.table;
  const where = `${dir}/${name ?? ''}.lance`;
  if (name === undefined || name === '') throw new VecscopeError('give the table with --table <name>', dir);
  try {
    if (!(await stat(dir)).isDirectory()) throw new Error('not a folder');
  } catch {
    throw new VecscopeError('no LanceDB folder there', dir);
  }
  const db = await connect(dir);
  try {
    const names = await db.tableNames();
    if (!names.includes(name))
      throw new VecscopeError(
        `no table "${name}" (${names.length ? `tables: ${names.join(', ')}` : 'no tables'})`,
        dir,
      );
    const tbl = await db.openTable(name);
    try {
      const fields = (await tbl.schema()).fields.map((f) => ({ name: f.name, type: String(f.type) }));
      const vectors = fields.filter((f) => VECTOR_TYPE.test(f.type));
      let vcol;
      if (opts.column !== undefined) {
        vcol = fields.find((f) => f.name === opts.column);
        if (!vcol)
          throw new VecscopeError(
            `no column "${opts.column}" (columns: ${fields.map((f) => f.name).join(', ')})`,
            where,
          );
        if (!VECTOR_TYPE.test(vcol.type))
          throw new VecscopeError(`column "${opts.column}" is ${vcol.type}, not a vector column`, where);
      } else {
        if (vectors.length === 0)
          throw new VecscopeError(
            `has no vector column (a fixed-size list of floats; columns: ${fields.map((f) => `${f.name} ${f.type}`).join(', ')})`,
            where,
          );
        if (vectors.length > 1)
          throw new VecscopeError(
            `has ${vectors.length} vector columns (${vectors.map((f) => f.name).join(', ')}); choose one with --column`,
            where,
          );
        vcol = vectors[0]!;
      }
      const m = VECTOR_TYPE.exec(vcol.type)!;
      const dim = Number(m[1]);
      const meta = fields.filter((f) => f !== vcol && !SKIPPED_TYPE.test(f.type));
      const total = await tbl.countRows();
      if (total === 0) throw new VecscopeError('no rows (0 rows)', where);
      const rows = new RowCollector(
        total,
        dim,
        meta.map((f) => f.name),
        where,
        opts,
      );
      const pageSize = opts.pageSize ?? 5000;
      const columns = [vcol.name, ...meta.map((f) => f.name)];
      for (let offset = 0; offset < total; offset += pageSize) {
        const batch = await tbl.query().select(columns).offset(offset).limit(pageSize).toArrow();
        const vec = batch.getChild(vcol.name) as unknown as ArrowVectorLike;
        const metaCols = meta.map((f) => batch.getChild(f.name) as unknown as { get(i: number): unknown });
        for (let i = 0; i < batch.numRows; i++) {
          if (!rows.takeNext()) continue;
          const cells: MetadataCell[] = metaCols.map((c) => toMetadataCell(c.get(i)));
          rows.put(vec.get(i)?.toArray(), cells);
        }
        rows.page(opts);
        if (batch.numRows < pageSize) break;
      }
      const metadata = rows.finish();
      return {
        data: rows.data,
        n: rows.n,
        dim,
        dtype: m[2] === '16' ? 'f16' : m[2] === '64' ? 'f64' : 'f32',
        metadata,
        total,
        keep: rows.keep,
        column: vcol.name,
      };
    } finally {
      tbl.close();
    }
  } finally {
    db.close();
  }
}
