import type { ImageShape } from './images/imageShape.js';

/** Similarity metric. Internally every search ranks by a distance where smaller is better:
 * `l2` squared Euclidean, `ip` negative inner product, `cos` negative cosine (vectors normalised first). */
export type Metric = 'ip' | 'l2' | 'cos';

export const METRICS: readonly Metric[] = ['ip', 'l2', 'cos'];

/** A dense row-major matrix: row i is data[i*dim .. (i+1)*dim). */
export interface Matrix {
  data: Float32Array;
  n: number;
  dim: number;
}

/** How the vectors were stored on disk (they are always float32 in memory). */
export type StorageDtype = 'f32' | 'f16' | 'f64' | 'i8' | 'u8' | 'i32';

/** One metadata column, row-aligned with the vectors. */
export type MetadataColumn =
  | { name: string; type: 'number'; values: Float64Array }
  | { name: string; type: 'category'; codes: Int32Array; categories: string[] }
  | { name: string; type: 'text'; values: string[] };

/** k nearest neighbours of nq queries: ids and distances, row-major nq × k, best first. */
export interface KnnResult {
  ids: Int32Array;
  dists: Float32Array;
  nq: number;
  k: number;
}

/** A loaded data set. Vectors live in a SharedArrayBuffer inside the engine host where possible. */
export interface Dataset {
  /** Path of the file the vectors came from, or "sample". */
  file: string;
  /** Detected format name, e.g. "npy", "fvecs", "hdf5". */
  format: string;
  dtype: StorageDtype;
  vectors: Matrix;
  metadata: MetadataColumn[];
  /** Queries shipped inside the file (ann-benchmarks hdf5 test set), if any. */
  queries?: Matrix;
  /** Ground-truth ids shipped inside the file (nq × k), if any. */
  groundTruth?: { ids: Int32Array; nq: number; k: number };
  /** A metric suggested by the file (hdf5 attribute), if any. */
  metric?: Metric;
  /**
   * Set when only a seeded sample of the file's rows was loaded (`--max-rows`): `rows[i]` is the file's
   * row number of vector i, ascending, out of `of` rows.
   */
  sampled?: { rows: Int32Array; of: number };
  /** Set when the vectors were embedded from a text column: the column and the model (its folder, if not built in). */
  textSource?: { column: string; modelId: string; modelDir?: string | undefined };
  /** Each row is an image of this shape (IDX, .npy of rank 3-4), kept for thumbnails. */
  image?: ImageShape;
}
