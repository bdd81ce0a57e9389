import { basename, dirname, resolve } from 'node:path';
import { VecscopeError } from '../../common/errors.js';
import { expandHome } from '../io/expandHome.js';

/** What a source's `#table=…&column=…&max-rows=…` fragment sets (the app's one-string form of --table, --column, --max-rows). */
export interface DbFragment {
  table?: string;
  column?: string;
  limit?: number;
}

/** A database a data set is read from: PGlite (a data directory, or in memory), a PostgreSQL server, a Lance dataset. */
export type DbSource = (
  | { kind: 'pglite'; dir: string | undefined; label: string }
  | { kind: 'postgres'; url: string; label: string }
  | { kind: 'lance'; dir: string; table: string | undefined; label: string }
) & { fragment: DbFragment };

function parseFragment(text: string, source: string): DbFragment {
  const out: DbFragment = {};
  for (const [key, value] of new URLSearchParams(text)) {
    if (key === 'table' || key === 'column') out[key] = value;
    else if (key === 'max-rows' && /^\d+$/.test(value) && Number(value) > 0) out.limit = Number(value);
    else
      throw new VecscopeError(
        `unknown or bad "#${key}=${value}" (use #table=…&column=…&max-rows=…)`,
        redactUrl(source),
      );
  }
  return out;
}

/** The one-string form of a database source with its table, column and limit (what `open` takes). */
export function dbSourceString(label: string, f: DbFragment): string {
  const q = new URLSearchParams();
  if (f.table !== undefined) q.set('table', f.table);
  if (f.column !== undefined) q.set('column', f.column);
  if (f.limit !== undefined) q.set('max-rows', String(f.limit));
  const text = q.toString();
  return text ? `${label}#${text}` : label;
}

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
 * (a LanceDB table: its folder is the database, its name without `.lance` the table); any of them may
 * end in `#table=…&column=…&max-rows=…`.
 */
export function parseDbSource(source: string): DbSource | undefined {
  const hash = source.indexOf('#');
  const s = (hash < 0 ? source : source.slice(0, hash)).trim();
  const found = parseBare(s);
  if (!found) return undefined;
  return { ...found, fragment: hash < 0 ? {} : parseFragment(source.slice(hash + 1), s) };
}

type BareSource = DbSource extends infer T ? (T extends unknown ? Omit<T, 'fragment'> : never) : never;

function parseBare(s: string): BareSource | undefined {
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
