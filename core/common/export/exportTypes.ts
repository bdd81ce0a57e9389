import { VecscopeError } from '../errors.js';
import type { Metric } from '../types.js';

/** The engines a pipeline exports to. */
export type ExportTarget = 'faiss' | 'qdrant' | 'weaviate' | 'usearch' | 'pgvector' | 'lancedb';

export const EXPORT_TARGETS: readonly ExportTarget[] = [
  'faiss',
  'qdrant',
  'weaviate',
  'usearch',
  'pgvector',
  'lancedb',
];

export interface ExportOptions {
  /** Dimension of the vectors the pipeline starts from (before any reduction). */
  dim: number;
  metric: Metric;
  /** Neighbours per query the study measured; turns `rerank` into an oversampling factor. Default 10. */
  k?: number;
}

/**
 * A stage of a pipeline that a target cannot express. The message is one line naming the target and
 * the stage, e.g. "weaviate has no equivalent of LVQ8 (…)"; the CLI prints it and exits with code 2.
 */
export class UnsupportedExportError extends VecscopeError {
  constructor(
    readonly target: ExportTarget,
    readonly stage: string,
    reason: string,
  ) {
    super(`${target} has no equivalent of ${stage}${reason ? ` (${reason})` : ''}`);
    this.name = 'UnsupportedExportError';
  }
}

/** A target's configuration: `json` is what `--json` prints; `text` what the CLI prints without it. */
export interface ExportResult {
  target: ExportTarget;
  text: string;
  json: Record<string, unknown>;
  /** Things the user must do outside the configuration (apply a projection, normalise vectors…). */
  notes: string[];
}
