import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { VecscopeError } from '../../common/errors.js';
import type { MetadataColumn } from '../../common/types.js';

/** Longest predicate accepted (the app's text box and the CLI alike). */
const MAX_PREDICATE_LENGTH = 2000;
/** A predicate that runs longer than this is interrupted (a cross join of generated ranges, say). */
const PREDICATE_TIMEOUT_MS = 10_000;

/** The rows a predicate allows: an n-long 0/1 mask and their count. */
export interface FilterMask {
  allowed: Uint8Array;
  count: number;
}

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Evaluates SQL boolean predicates over a data set's metadata columns with DuckDB
 * (`SELECT row_id FROM meta WHERE (<predicate>)`), as the CLI's `--filter` and the app's filter box.
 *
 * The predicate is user text run as SQL, so the database it runs in holds nothing but a copy of the
 * metadata: an in-memory instance with external access off (no files, no network, no extensions),
 * its configuration locked after the load so a predicate cannot turn that back on, one statement only
 * (a `;` that smuggles in a second one is refused), and a time limit. Category columns are text
 * (`lexname = 'noun.animal'`), numbers are DOUBLE, NaN and missing categories are NULL; `row_id` is
 * the 0-based row (unless a column already has that name, then `_row_id`).
 */
export class MetadataFilter {
  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly conn: DuckDBConnection,
    readonly n: number,
    /** The SQL names of the columns, as the user writes them, `row_id` last. */
    readonly columns: readonly string[],
    /** The SQL name of the row-number column. */
    readonly rowId: string,
  ) {}

  /** Loads the columns (each n long) into a fresh in-memory database. */
  static async create(metadata: readonly MetadataColumn[], n: number): Promise<MetadataFilter> {
    const instance = await DuckDBInstance.create(':memory:', {
      enable_external_access: 'false',
      autoload_known_extensions: 'false',
      autoinstall_known_extensions: 'false',
      threads: '2',
      memory_limit: '1GB',
    });
    const conn = await instance.connect();
    const seen = new Set<string>();
    // DuckDB's identifiers are case-insensitive: of two columns differing only in case, keep the first.
    const cols = metadata.filter((c) => {
      const key = c.name.toLowerCase();
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    const rowId = seen.has('row_id') ? '_row_id' : 'row_id';
    const decl = [
      `${quoteIdent(rowId)} INTEGER`,
      ...cols.map((c) => `${quoteIdent(c.name)} ${c.type === 'number' ? 'DOUBLE' : 'VARCHAR'}`),
    ];
    await conn.run(`CREATE TABLE meta (${decl.join(', ')})`);
    const app = await conn.createAppender('meta');
    for (let i = 0; i < n; i++) {
      app.appendInteger(i);
      for (const c of cols) {
        if (c.type === 'number') {
          const v = c.values[i]!;
          if (Number.isFinite(v)) app.appendDouble(v);
          else app.appendNull();
        } else if (c.type === 'category') {
          const code = c.codes[i]!;
          const name = code >= 0 ? c.categories[code] : undefined;
          if (name === undefined) app.appendNull();
          else app.appendVarchar(name);
        } else {
          const v = c.values[i];
          if (v === undefined) app.appendNull();
          else app.appendVarchar(v);
        }
      }
      app.endRow();
    }
    app.closeSync();
    await conn.run('SET lock_configuration = true');
    return new MetadataFilter(instance, conn, n, [...cols.map((c) => c.name), rowId], rowId);
  }

  /** The rows `predicate` allows. Throws a one-line VecscopeError for bad SQL, an unknown column, a
   * predicate that matches no row, or one that runs too long. */
  async evaluate(predicate: string): Promise<FilterMask> {
    const pred = predicate.trim();
    if (pred.length === 0) throw new VecscopeError('the filter is empty');
    if (pred.length > MAX_PREDICATE_LENGTH)
      throw new VecscopeError(
        `the filter is ${pred.length} characters long; at most ${MAX_PREDICATE_LENGTH}`,
      );
    const sql = `SELECT ${quoteIdent(this.rowId)} FROM meta WHERE (${pred})`;
    let ids: readonly unknown[];
    const timer = setTimeout(() => this.conn.interrupt(), PREDICATE_TIMEOUT_MS);
    try {
      const statements = await this.conn.extractStatements(sql);
      if (statements.count !== 1)
        throw new VecscopeError(`the filter must be one boolean expression, not statements ("${pred}")`);
      const reader = await this.conn.runAndReadAll(sql);
      ids = reader.getColumns()[0] ?? [];
    } catch (e) {
      if (e instanceof VecscopeError) throw e;
      throw new VecscopeError(this.describe(pred, (e as Error).message ?? String(e)));
    } finally {
      clearTimeout(timer);
    }
    const allowed = new Uint8Array(this.n);
    let count = 0;
    for (const id of ids)
      if (typeof id === 'number' && id >= 0 && id < this.n && allowed[id] === 0) {
        allowed[id] = 1;
        count++;
      }
    if (count === 0) throw new VecscopeError(`the filter "${pred}" matches no row (of ${this.n})`);
    return { allowed, count };
  }

  /** DuckDB's error as one line about the user's predicate. */
  private describe(pred: string, message: string): string {
    const first = (message.split('\n')[0] ?? message).trim().replace(/^Failed to extract statements:\s*/, '');
    const missing = /Referenced column "([^"]*)" not found/.exec(first);
    if (missing)
      return `unknown column "${missing[1]}" in the filter "${pred}"; the columns are: ${this.columns.join(', ')}`;
    if (/^INTERRUPT/i.test(first) || /interrupted/i.test(first))
      return `the filter "${pred}" took longer than ${PREDICATE_TIMEOUT_MS / 1000} s and was stopped`;
    if (/^Parser Error/.test(first))
      return `the filter "${pred}" is not a SQL boolean expression: ${first.replace(/^Parser Error:\s*/, '')}`;
    return `the filter "${pred}" failed: ${first.replace(/^[A-Za-z ]*Error:\s*/, '')}`;
  }

  close(): void {
    this.conn.closeSync();
    this.instance.closeSync();
  }
}

/** The selectivities of `--selectivity-sweep` and the lab's sweep. */
export const SWEEP_SELECTIVITIES = [1, 0.1, 0.01, 0.001] as const;

/**
 * A predicate allowing about `fraction` of the rows, chosen by a hash of the row (uncorrelated with
 * the vectors, like a tenant or an access-control list), so a sweep runs on any data set and the user
 * can rerun one level with `--filter`.
 */
export function sweepPredicate(fraction: number, rowId = 'row_id'): string {
  if (fraction >= 1) return 'true';
  return `hash(${rowId}) % 1000000 < ${Math.round(fraction * 1e6)}`;
}
