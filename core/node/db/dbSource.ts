import { basename, dirname, resolve } from 'node:path';
import { VecscopeError } from '../../common/errors.js';
import { expandHome } from '../io/expandHome.js';

/** A database a data set is read from: PGlite (a data directory, or in memory), a PostgreSQL server, a Lance dataset. */
export type DbSource =
  | { kind: 'pglite'; dir: string | undefined; label: string }
  | { kind: 'postgres'; url: string; label: string }
  | { kind: 'lance'; dir: string; table: string | undefined; label: string };

/** The URL with its password replaced, for messages and labels. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url.replace(/\/\/([^:/@]*):[^@/]*@/, '//$1:***@');
  }
}

/**
 * A source string that names a database, else undefined: `pglite:memory`, `pglite://<dir>`,
 * `postgres://…`, `postgresql://…`, `pgvector://…` (read as postgres://), or a path ending in `.lance`
 * (a LanceDB table: its folder is the database, its name without `.lance` the table).
 */
export function parseDbSource(source: string): DbSource | undefined {
  const s = source.trim();
  if (s === 'pglite:memory' || s === 'pglite://memory')
    return { kind: 'pglite', dir: undefined, label: 'pglite:memory' };
  if (s.startsWith('pglite://') || s.startsWith('pglite:')) {
    const path = s.replace(/^pglite:(\/\/)?/, '');
    if (path === '') throw new VecscopeError('pglite:// needs a data directory (or pglite:memory)');
    const dir = resolve(expandHome(path));
    return { kind: 'pglite', dir, label: `pglite://${dir}` };
  }
  if (/^(postgres|postgresql|pgvector):\/\//i.test(s)) {
    const url = s.replace(/^pgvector:/i, 'postgres:');
    return { kind: 'postgres', url, label: redactUrl(url) };
  }
  const path = s.replace(/\/+$/, '');
  if (/\.lance$/i.test(path)) {
    const full = resolve(expandHome(path));
    return {
      kind: 'lance',
      dir: dirname(full),
      table: basename(full).replace(/\.lance$/i, ''),
      label: full,
    };
  }
  return undefined;
}

/** True when a source string names a database rather than a file. */
export function isDbSource(source: string): boolean {
  try {
    return parseDbSource(source) !== undefined;
  } catch {
    return true;
  }
}
