import { VecscopeError } from '../../common/errors.js';
import type { DatasetSummary } from '../../common/rpc/protocol.js';
import type { Dataset, Matrix, MetadataColumn, Metric } from '../../common/types.js';
import { findImagePathColumn } from '../../common/images/imagePathColumn.js';
import { toShared } from '../pool/toShared.js';
import { BoundedCache } from './boundedCache.js';

/** Derived results kept per data set (layouts, fits, graphs), least recently used dropped first. */
const CACHE_ENTRIES = 32;

/** A data set the host holds open, with results derived from it (fits, layouts) cached by key. */
export interface OpenDataset {
  id: string;
  dataset: Dataset;
  metric: Metric;
  summary: DatasetSummary;
  cache: Map<string, unknown>;
  /** The user's query file (the `file` query set), kept outside the bounded cache. */
  queryFile?: QueryFile;
}

interface QueryFile {
  /** Counts attachments, so caches keyed by the set tell one file from the next. */
  version: number;
  file: string;
  queries: Matrix;
  /** One name per query: the file's first text column, else "query i". */
  labels: string[];
  labelColumn: string;
  /** Learning queries from a second file, if one was given. */
  learn?: Matrix;
}

function summarize(id: string, dataset: Dataset, metric: Metric): DatasetSummary {
  return {
    id,
    file: dataset.file,
    format: dataset.format,
    dtype: dataset.dtype,
    n: dataset.vectors.n,
    dim: dataset.vectors.dim,
    metric,
    hasQueries: dataset.queries !== undefined,
    ...(dataset.sampled ? { sampledFrom: dataset.sampled.of } : {}),
    ...(dataset.textSource
      ? {
          textSource: {
            column: dataset.textSource.column,
            model: dataset.textSource.modelId,
            ...(dataset.textSource.modelDir !== undefined ? { modelDir: dataset.textSource.modelDir } : {}),
          },
        }
      : {}),
    columns: dataset.metadata.map((c) =>
      c.type === 'category'
        ? { name: c.name, type: c.type, categories: c.categories }
        : { name: c.name, type: c.type },
    ),
    images: imagesOf(dataset),
  };
}

/** Where the data set's pictures come from, if it has any (the vectors' own pixels win over a path column). */
function imagesOf(dataset: Dataset): DatasetSummary['images'] {
  if (dataset.image) return { source: 'pixels', ...dataset.image };
  if (dataset.file === 'sample') return undefined;
  const column = findImagePathColumn(dataset.metadata);
  return column === undefined ? undefined : { source: 'paths', column };
}

/**
 * The data sets the host holds open. Each is held by the connections that opened or used it; when the
 * last one closes it is released after a grace period (a reloading page opens the same source again
 * within it and gets the same data set back, see `find`), so web mode frees what no page shows.
 */
export class DatasetRegistry {
  private readonly open = new Map<string, OpenDataset>();
  private readonly holders = new Map<string, Set<number>>();
  private readonly sources = new Map<string, { id: string; stamp: string }>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private counter = 0;

  constructor(
    private readonly onDelete: (id: string) => void = () => {},
    /** How long a data set no connection holds stays open (ms). */
    private readonly graceMs = 30_000,
  ) {}

  /** Holds a data set open; its vectors move into shared memory once, so worker threads read them in place. */
  add(dataset: Dataset, metric: Metric, source?: { key: string; stamp: string }): OpenDataset {
    dataset = { ...dataset, vectors: toShared(dataset.vectors) };
    const id = `ds${++this.counter}`;
    const entry = {
      id,
      dataset,
      metric,
      summary: summarize(id, dataset, metric),
      cache: new BoundedCache<string, unknown>(CACHE_ENTRIES),
    };
    this.open.set(id, entry);
    if (source) this.sources.set(source.key, { id, stamp: source.stamp });
    return entry;
  }

  /**
   * Replaces a data set's metadata columns (an attached file's), keeping its vectors and derived
   * results, which do not depend on metadata; the summary is rebuilt so later answers list them.
   */
  setMetadata(entry: OpenDataset, metadata: MetadataColumn[]): DatasetSummary {
    entry.dataset = { ...entry.dataset, metadata };
    entry.summary = summarize(entry.id, entry.dataset, entry.metric);
    return entry.summary;
  }

  /** The open data set loaded from `key` when the source is unchanged (`stamp`: its size and time). */
  find(key: string, stamp: string): OpenDataset | undefined {
    const hit = this.sources.get(key);
    return hit && hit.stamp === stamp ? this.open.get(hit.id) : undefined;
  }

  /** Connection `conn` holds data set `id` (opened or used it): it stays open while any holder lives. */
  hold(id: string, conn: number): void {
    if (!this.open.has(id)) return;
    let set = this.holders.get(id);
    if (!set) this.holders.set(id, (set = new Set()));
    set.add(conn);
    clearTimeout(this.timers.get(id));
    this.timers.delete(id);
  }

  /** Connection `conn` closed: what it alone held is released after the grace period. */
  releaseConnection(conn: number): void {
    for (const [id, set] of this.holders) {
      if (!set.delete(conn) || set.size > 0) continue;
      clearTimeout(this.timers.get(id));
      const timer = setTimeout(() => {
        this.timers.delete(id);
        if ((this.holders.get(id)?.size ?? 0) === 0) this.delete(id);
      }, this.graceMs);
      timer.unref?.();
      this.timers.set(id, timer);
    }
  }

  /** Data sets open now. */
  get size(): number {
    return this.open.size;
  }

  get(id: string): OpenDataset {
    const entry = this.open.get(id);
    if (!entry) throw new VecscopeError(`no open data set "${id}" (it was closed, or the engine restarted)`);
    return entry;
  }

  delete(id: string): void {
    this.holders.delete(id);
    clearTimeout(this.timers.get(id));
    this.timers.delete(id);
    for (const [key, s] of this.sources) if (s.id === id) this.sources.delete(key);
    if (this.open.delete(id)) this.onDelete(id);
  }

  /** Memoises an expensive derived result (a PCA fit, a layout) on the data set. */
  async cached<T>(entry: OpenDataset, key: string, compute: () => Promise<T>): Promise<T> {
    if (entry.cache.has(key)) return entry.cache.get(key) as T;
    const value = await compute();
    entry.cache.set(key, value);
    return value;
  }
}
