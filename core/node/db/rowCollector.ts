import { CancelledError, VecscopeError } from '../../common/errors.js';
import { buildMetadataColumn, type MetadataCell } from '../../common/io/metadataColumns.js';
import { rowSample } from '../io/rowSample.js';
import type { MetadataColumn } from '../../common/types.js';

/** Options shared by the database readers. */
export interface DbReadOptions {
  /** The table (PostgreSQL: `name` or `schema.name`; Lance: the dataset's name). */
  table?: string | undefined;
  /** The vector column; default: the table's only one. */
  column?: string | undefined;
  /** At most this many rows: a larger table is sampled (seeded), keeping the table's order. */
  limit?: number | undefined;
  /** Seed of the sample (default 1). */
  seed?: number | undefined;
  /** Rows per query (default 5,000). */
  pageSize?: number | undefined;
  onProgress?: ((fraction: number, message: string) => void) | undefined;
  signal?: AbortSignal | undefined;
}

/**
 * Gathers the kept rows of a paged read: which table rows to keep (all, or a seeded sample of
 * `limit`), their vectors into one float32 block, their other columns as metadata cells.
 */
export class RowCollector {
  readonly keep: Int32Array | undefined;
  readonly n: number;
  readonly data: Float32Array;
  private readonly cells: MetadataCell[][];
  private seen = 0;
  private kept = 0;
  private nextKeep = 0;

  constructor(
    readonly total: number,
    readonly dim: number,
    readonly metaNames: string[],
    private readonly where: string,
    opts: DbReadOptions,
  ) {
    this.keep = rowSample(total, opts.limit, opts.seed);
    this.n = this.keep ? this.keep.length : total;
    if (this.n * dim > 2 ** 31 - 1)
      throw new VecscopeError(
        `${total} rows of ${dim}-d vectors are too many to load; give --max-rows to sample fewer`,
        where,
      );
    this.data = new Float32Array(this.n * dim);
    this.cells = metaNames.map(() => new Array<MetadataCell>(this.n));
  }

  /** Rows read so far (kept or not). */
  get rowsSeen(): number {
    return this.seen;
  }

  /** True when the next row read is one to keep; advances the row counter. */
  takeNext(): boolean {
    const i = this.seen++;
    if (i >= this.total) return false;
    if (!this.keep) return true;
    if (this.keep[this.nextKeep] === i) {
      this.nextKeep++;
      return true;
    }
    return false;
  }

  /** Stores the next kept row: its vector (checked for length) and metadata cells. */
  put(vec: ArrayLike<number> | null | undefined, meta: readonly MetadataCell[]): void {
    const r = this.kept++;
    if (vec === null || vec === undefined)
      throw new VecscopeError(`row ${this.seen - 1} has no vector (NULL)`, this.where);
    if (vec.length !== this.dim)
      throw new VecscopeError(
        `row ${this.seen - 1} has a ${vec.length}-d vector, the first row ${this.dim}-d`,
        this.where,
      );
    this.data.set(vec, r * this.dim);
    for (let c = 0; c < meta.length; c++) this.cells[c]![r] = meta[c];
  }

  /** Progress report and cancellation check after a page. */
  page(opts: DbReadOptions): void {
    if (opts.signal?.aborted) throw new CancelledError();
    opts.onProgress?.(
      this.total === 0 ? 1 : Math.min(1, this.seen / this.total),
      `read ${Math.min(this.seen, this.total)} of ${this.total} rows`,
    );
  }

  /** The metadata columns; throws when the table changed under the read (fewer rows than counted). */
  finish(): MetadataColumn[] {
    if (this.kept !== this.n)
      throw new VecscopeError(
        `the table changed while it was read (${this.kept} of ${this.n} rows found)`,
        this.where,
      );
    return this.metaNames.map((name, c) => buildMetadataColumn(name, this.cells[c]!));
  }
}
