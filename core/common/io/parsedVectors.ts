import type { Matrix, MetadataColumn, StorageDtype } from '../types.js';

/** What every vector parser returns: float32 rows plus how they were stored. */
export interface ParsedVectors {
  /** A fresh matrix owned by the caller. */
  matrix: Matrix;
  dtype: StorageDtype;
  /** Columns that came inside the vector file itself (jsonl fields, csv text columns). */
  metadata?: MetadataColumn[];
  /** When only a sample of the file's rows was read (LoadOptions.maxRows): their row numbers, ascending. */
  sampledRows?: Int32Array;
  /** The file's row count when `sampledRows` is set. */
  totalRows?: number;
}
