import { VecscopeError } from '../../common/errors.js';
import type { DatasetSummary } from '../../common/rpc/protocol.js';
import type { Dataset, Metric } from '../../common/types.js';
import { toShared } from '../pool/toShared.js';

/** A data set the host holds open, with results derived from it (fits, layouts) cached by key. */
export interface OpenDataset {
  id: string;
  dataset: Dataset;
  metric: Metric;
  summary: DatasetSummary;
  cache: Map<string, unknown>;
}

export function summarize(id: string, dataset: Dataset, metric: Metric): DatasetSummary {
  return {
    id,
    file: dataset.file,
    format: dataset.format,
    dtype: dataset.dtype,
    n: dataset.vectors.n,
    dim: dataset.vectors.dim,
    metric,
    hasQueries: dataset.queries !== undefined,
    columns: dataset.metadata.map((c) =>
      c.type === 'category'
        ? { name: c.name, type: c.type, categories: c.categories }
        : { name: c.name, type: c.type },
    ),
  };
}

export class DatasetRegistry {
  private readonly open = new Map<string, OpenDataset>();
  private counter = 0;

  constructor(private readonly onDelete: (id: string) => void = () => {}) {}

  /** Holds a data set open; its vectors move into shared memory once, so worker threads read them in place. */
  add(dataset: Dataset, metric: Metric): OpenDataset {
    dataset = { ...dataset, vectors: toShared(dataset.vectors) };
    const id = `ds${++this.counter}`;
    const entry = { id, dataset, metric, summary: summarize(id, dataset, metric), cache: new Map() };
    this.open.set(id, entry);
    return entry;
  }

  get(id: string): OpenDataset {
    const entry = this.open.get(id);
    if (!entry) throw new VecscopeError(`no open data set "${id}" (it was closed, or the engine restarted)`);
    return entry;
  }

  delete(id: string): void {
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
