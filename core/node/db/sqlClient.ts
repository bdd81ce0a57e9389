import { cp, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite/vector';
import pg from 'pg';
import { VecscopeError } from '../../common/errors.js';
import { redactUrl } from './dbSource.js';

/** The little of a Postgres connection that reading and verifying need, over PGlite or `pg`. */
export interface SqlClient {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
  /** Where the connection goes, password hidden. */
  label: string;
}

function pgliteClient(db: PGlite, label: string, cleanup: () => Promise<void>): SqlClient {
  return {
    label,
    async query<T>(sql: string, params?: unknown[]) {
      return (await db.query<T>(sql, params)).rows;
    },
    async exec(sql: string) {
      await db.exec(sql);
    },
    async close() {
      try {
        await db.close();
      } finally {
        await cleanup();
      }
    },
  };
}

/** A fresh in-memory PGlite with pgvector loaded: the scratch database of verification and tests. */
export async function openScratchPglite(): Promise<SqlClient> {
  const db = await PGlite.create({ extensions: { vector } });
  await db.exec('CREATE EXTENSION IF NOT EXISTS vector');
  return pgliteClient(db, 'pglite:memory', async () => {});
}

/**
 * A user's PGlite data directory, opened on a temporary copy: PGlite writes to its directory as it
 * starts and stops (WAL, checkpoints), and the user's files must stay as they were.
 */
export async function openPgliteCopy(dir: string): Promise<SqlClient> {
  let isDir = false;
  try {
    isDir = (await stat(dir)).isDirectory();
  } catch {
    // reported below
  }
  if (!isDir) throw new VecscopeError('no PGlite data directory there', `pglite://${dir}`);
  const copy = await mkdtemp(join(tmpdir(), 'vecscope-pglite-'));
  const cleanup = () => rm(copy, { recursive: true, force: true });
  try {
    await cp(dir, copy, { recursive: true });
    const db = await PGlite.create(copy, { extensions: { vector } });
    return pgliteClient(db, `pglite://${dir}`, cleanup);
  } catch (e) {
    await cleanup();
    if (e instanceof VecscopeError) throw e;
    throw new VecscopeError(`cannot open as a PGlite database (${oneLine(e)})`, `pglite://${dir}`);
  }
}

function oneLine(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  return (m.split('\n')[0] ?? m).trim() || (e as { code?: string }).code || 'unknown error';
}

/** A PostgreSQL server through `pg`; an unreachable server or a refused login is one line naming it. */
export async function openPostgres(url: string): Promise<SqlClient> {
  const label = redactUrl(url);
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  // A dropped connection emits 'error' on the client; without a listener it would kill the process.
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (e) {
    await client.end().catch(() => {});
    const err = e as { code?: string; message?: string };
    const why = err.message && err.message !== '' ? oneLine(e) : (err.code ?? 'connection failed');
    throw new VecscopeError(`cannot reach the database (${why})`, label);
  }
  return {
    label,
    async query<T>(sql: string, params?: unknown[]) {
      return (await client.query(sql, params)).rows as T[];
    },
    async exec(sql: string) {
      await client.query(sql);
    },
    async close() {
      await client.end();
    },
  };
}

/** A query error as one line (Postgres errors carry the reason in `message`). */
export function sqlErrorLine(e: unknown): string {
  return oneLine(e);
}
