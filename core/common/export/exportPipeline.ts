import type { Pipeline } from '../pipeline/pipeline.js';
import type { ExportOptions, ExportResult, ExportTarget } from './exportTypes.js';
import { faissExport } from './toFaissFactory.js';
import { lanceExport } from './toLanceConfig.js';
import { pgvectorExport } from './toPgvectorConfig.js';
import { qdrantExport } from './toQdrantConfig.js';
import { usearchExport } from './toUsearchOptions.js';
import { weaviateExport } from './toWeaviateConfig.js';

/**
 * A pipeline's configuration for one target. Throws UnsupportedExportError (one line naming the
 * target and the stage) where the target has no equivalent.
 */
export function exportPipeline(target: ExportTarget, p: Pipeline, opts: ExportOptions): ExportResult {
  switch (target) {
    case 'faiss':
      return faissExport(p, opts);
    case 'qdrant':
      return qdrantExport(p, opts);
    case 'weaviate':
      return weaviateExport(p, opts);
    case 'usearch':
      return usearchExport(p, opts);
    case 'pgvector':
      return pgvectorExport(p, opts);
    case 'lancedb':
      return lanceExport(p, opts);
  }
}
