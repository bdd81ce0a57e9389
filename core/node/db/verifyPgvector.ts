import { randomBytes } from 'node:crypto';
import { CancelledError, VecscopeError } from '../../common/errors.js';
import type { PgvectorConfig } from '../../common/export/toPgvectorConfig.js';
import type { Matrix } from '../../common/types.js';
import { openPostgres, openScratchPglite, sqlErrorLine, type SqlClient } from './sqlClient.js';
import type { EngineRun } from './verifyTypes.js';

const BATCH = 1000;

function vectorText(m: Matrix, i: number): string {
  return `[${Array.prototype.join.call(m.data.subarray(i * m.dim, (i + 1) * m.dim), ',')}]`;
}

/** Sign bits of (x − mean) as a bit-string literal: the study's BIN codes. */
function bitsText(m: Matrix, i: number, mean: Float32Array): string {
  let s = '';
  for (let j = 0; j < m.dim; j++) s += m.data[i * m.dim + j]! > mean[j]! ? '1' : '0';
  return s;
}

function columnMean(m: Matrix): Float32Array {
  const mean = new Float64Array(m.dim);
  for (let i = 0; i < m.n; i++) for (let j = 0; j < m.dim; j++) mean[j]! += m.data[i * m.dim + j]!;
  return Float32Array.from(mean, (x) => x / Math.max(1, m.n));
}

interface PgRunOptions {
  engine: 'pglite' | 'postgres';
  url?: string | undefined;
  /** An open scratch PGlite (openScratchPglite) to reuse across pipelines; it stays open. */
  scratchDb?: SqlClient | undefined;
  k: number;
  signal?: AbortSignal | undefined;
  onProgress?: ((fraction: number, stage: string) => void) | undefined;
}

async function runSql(db: SqlClient, what: string, sql: string, params?: unknown[]): Promise<void> {
  try {
    await (params ? db.query(sql, params) : db.exec(sql));
  } catch (e) {
    throw new VecscopeError(`${what} failed (${sqlErrorLine(e)})`, db.label);
  }
}

/**
 * Builds the pgvector configuration in scratch storage and runs the queries there: a fresh in-memory
 * PGlite, or on a server a TEMP table `vecscope_scratch_<random>` (visible to this connection only,
 * dropped in `finally` and in any case when the connection ends). The user's tables are never touched,
 * and on a server nothing is created outside the temporary schema (pgvector must already be installed).
 */
export async function runPgvector(
  base: Matrix,
  queries: Matrix,
  c: PgvectorConfig,
  o: PgRunOptions,
): Promise<EngineRun> {
  const check = () => {
    if (o.signal?.aborted) throw new CancelledError();
  };
  if (base.dim !== c.dim) throw new Error('verify: reduced pipelines are not run in the database');
  let db: SqlClient;
  let table: string;
  let scratch: string;
  if (o.engine === 'postgres') {
    if (!o.url) throw new VecscopeError('--engine postgres needs --url postgres://…');
    db = await openPostgres(o.url);
    table = `vecscope_scratch_${randomBytes(6).toString('hex')}`;
    scratch = `temporary table ${table} on ${db.label} (dropped afterwards)`;
  } else {
    db = o.scratchDb ?? (await openScratchPglite());
    table = `vecscope_scratch_${randomBytes(6).toString('hex')}`;
    scratch = 'a scratch in-memory PGlite database (discarded afterwards)';
  }
  const own = o.scratchDb === undefined || o.engine === 'postgres';
  let created = false;
  try {
    if (o.engine === 'postgres') {
      const ext = await db.query("SELECT 1 FROM pg_extension WHERE extname = 'vector'");
      if (ext.length === 0)
        throw new VecscopeError(
          'the pgvector extension is not installed there (CREATE EXTENSION vector)',
          db.label,
        );
    }
    const d = c.dim;
    const bits = c.type === 'bit';
    const mean = bits ? columnMean(base) : undefined;
    await runSql(
      db,
      'creating the scratch table',
      `CREATE ${o.engine === 'postgres' ? 'TEMP ' : ''}TABLE ${table} (id int4 PRIMARY KEY, emb vector(${d})${bits ? `, bits bit(${d})` : ''})`,
    );
    created = true;
    const t0 = performance.now();
    for (let s = 0; s < base.n; s += BATCH) {
      check();
      const e = Math.min(base.n, s + BATCH);
      const ids: number[] = [];
      const vecs: string[] = [];
      const codes: string[] = [];
      for (let i = s; i < e; i++) {
        ids.push(i);
        vecs.push(vectorText(base, i));
        if (mean) codes.push(bitsText(base, i, mean));
      }
      await runSql(
        db,
        'loading the vectors',
        bits
          ? `INSERT INTO ${table} SELECT * FROM unnest($1::int4[], $2::text[]::vector[], $3::text[]::varbit[]::bit(${d})[])`
          : `INSERT INTO ${table} SELECT * FROM unnest($1::int4[], $2::text[]::vector[])`,
        bits ? [ids, vecs, codes] : [ids, vecs],
      );
      o.onProgress?.((0.4 * e) / base.n, `loading ${e} of ${base.n} vectors`);
    }
    const loadSeconds = (performance.now() - t0) / 1000;
    const expr = c.type === 'vector' ? 'emb' : c.type === 'halfvec' ? `(emb::halfvec(${d}))` : 'bits';
    const t1 = performance.now();
    if (c.hnsw) {
      o.onProgress?.(0.4, `building HNSW (m=${c.hnsw.m}, ef_construction=${c.hnsw.efConstruction})`);
      await runSql(db, 'setting maintenance_work_mem', "SET maintenance_work_mem = '256MB'");
      await runSql(
        db,
        'building the HNSW index',
        `CREATE INDEX ON ${table} USING hnsw (${expr} ${c.opsClass}) WITH (m = ${c.hnsw.m}, ef_construction = ${c.hnsw.efConstruction})`,
      );
      await runSql(db, 'setting hnsw.ef_search', `SET hnsw.ef_search = ${c.hnsw.efSearch}`);
      // The planner may prefer a scan on a small table; the study's graph search is what is measured.
      await runSql(db, 'setting enable_seqscan', 'SET enable_seqscan = off');
    }
    await runSql(db, 'analysing the scratch table', `ANALYZE ${table}`);
    const buildSeconds = (performance.now() - t1) / 1000;
    check();
    // Bits rank by $1 (the query's code) and re-rank by $2 (its vector); the others use $1 for both.
    const qExpr =
      c.type === 'vector'
        ? '$1::vector'
        : c.type === 'halfvec'
          ? `$1::vector::halfvec(${d})`
          : `$1::varbit::bit(${d})`;
    const full = bits ? '$2::vector' : '$1::vector';
    const limit = c.candidates ?? o.k;
    const inner = `SELECT id, emb FROM ${table} ORDER BY ${expr} ${c.operator} ${qExpr} LIMIT ${limit}`;
    const sql =
      c.candidates !== undefined
        ? `SELECT id FROM (${inner}) c ORDER BY emb ${c.fullOperator} ${full} LIMIT ${o.k}`
        : inner;
    const ids = new Int32Array(queries.n * o.k).fill(-1);
    const ms = new Float64Array(queries.n);
    const qmean = mean;
    const params = (q: number): unknown[] => {
      const v = vectorText(queries, q);
      if (!qmean) return [v];
      const code = bitsText(queries, q, qmean);
      return c.candidates !== undefined ? [code, v] : [code];
    };
    // Warm the caches (index pages, plan) so the first queries are not timed cold.
    for (let q = 0; q < Math.min(10, queries.n); q++) await db.query(sql, params(q));
    for (let q = 0; q < queries.n; q++) {
      if (q % 50 === 0) {
        check();
        o.onProgress?.(0.5 + (0.5 * q) / queries.n, `querying ${q} of ${queries.n}`);
      }
      const p = params(q);
      const t = performance.now();
      let rows: { id: number }[];
      try {
        rows = await db.query<{ id: number }>(sql, p);
      } catch (e) {
        throw new VecscopeError(`query ${q} failed (${sqlErrorLine(e)})`, db.label);
      }
      ms[q] = performance.now() - t;
      rows.slice(0, o.k).forEach((r, j) => (ids[q * o.k + j] = r.id));
    }
    return { ids, ms, loadSeconds, buildSeconds, scratch };
  } finally {
    if (created && (o.engine === 'postgres' || !own))
      await db.exec(`DROP TABLE IF EXISTS ${table}`).catch(() => {});
    if (own) await db.close().catch(() => {});
  }
}
