import type { Matrix, Metric } from '../../common/types.js';
import type { SqlClient } from './sqlClient.js';

/** Where a pipeline is verified: a scratch PGlite, a scratch table on a PostgreSQL server, a scratch Lance dataset. */
export type VerifyEngine = 'pglite' | 'postgres' | 'lancedb';

export const VERIFY_ENGINES: readonly VerifyEngine[] = ['pglite', 'postgres', 'lancedb'];

export interface VerifyParams {
  base: Matrix;
  queries: Matrix;
  metric: Metric;
  k: number;
  pipeline: string;
  engine: VerifyEngine;
  /** The server, for engine 'postgres'. */
  url?: string | undefined;
  /** For 'pglite': an open scratch database to reuse (each run makes and drops its own table in it). */
  scratchDb?: SqlClient | undefined;
  /** Exact neighbours of the queries (at least k per query); computed when absent. */
  truth?: { ids: Int32Array; nq: number; k: number } | undefined;
  threads?: number | undefined;
  signal?: AbortSignal | undefined;
  onProgress?: ((fraction: number, stage: string) => void) | undefined;
}

/** What one engine returned for the queries, before it is scored. */
export interface EngineRun {
  /** Returned ids, nq × k, −1 where fewer than k came back. */
  ids: Int32Array;
  /** Milliseconds per query, in query order. */
  ms: Float64Array;
  loadSeconds: number;
  buildSeconds: number;
  /** The scratch storage used, said to the user. */
  scratch: string;
}

export interface VerifyResult {
  engine: VerifyEngine;
  pipeline: string;
  k: number;
  nq: number;
  n: number;
  /** The engine's settings (the export's JSON) and what differs from the study. */
  config: Record<string, unknown>;
  notes: string[];
  scratch: string;
  recall: number;
  perQueryRecall: Float32Array;
  ids: Int32Array;
  /** Per query, the true neighbours the engine did not return (row ids). */
  lost: number[][];
  /** Per base row: share of the queries having it as a true neighbour that missed it (NaN: never one). */
  pointLoss: Float32Array;
  latency: { p50Ms: number; p95Ms: number; meanMs: number; qps: number };
  loadSeconds: number;
  buildSeconds: number;
}
