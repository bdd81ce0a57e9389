// Follows the Weaviate collection schema of v1.31 (https://docs.weaviate.io/weaviate/config-refs/indexing/vector-index
// and .../configuration/compression): `vectorIndexType` hnsw | flat; hnsw `vectorIndexConfig`
// {distance, ef, efConstruction, maxConnections, pq: {enabled, segments, centroids, trainingLimit},
// bq: {enabled}, sq: {enabled, trainingLimit, rescoreLimit}}; the flat index compresses with bq only
// {enabled, rescoreLimit}. Distances: cosine, dot, l2-squared.
import type { Pipeline } from '../pipeline/pipeline.js';
import type { Metric } from '../types.js';
import {
  checkPqSplit,
  hnswM,
  quantizerToken,
  reductionPlan,
  rerankSpaceNote,
  searchWindow,
  vamanaNotes,
} from './exportCommon.js';
import type { ExportOptions, ExportResult } from './exportTypes.js';
import { UnsupportedExportError } from './exportTypes.js';

const fail = (stage: string, why: string): never => {
  throw new UnsupportedExportError('weaviate', stage, why);
};

function weaviateDistance(metric: Metric): 'cosine' | 'dot' | 'l2-squared' {
  return metric === 'ip' ? 'dot' : metric === 'l2' ? 'l2-squared' : 'cosine';
}

/** Weaviate's default number of vectors its PQ / SQ trains on. */
const TRAINING_LIMIT = 100_000;

export interface WeaviateConfig {
  vectorIndexType: 'hnsw' | 'flat';
  vectorIndexConfig: Record<string, unknown>;
  /** `none` when vectors come from the user (after a projection). */
  vectorizer?: 'none';
  notes: string[];
}

/**
 * The Weaviate vector index settings of a pipeline. Throws UnsupportedExportError where Weaviate has
 * no equivalent (float16 storage, LVQ, OPQ, SQ / PQ without a graph, LeanVec-OOD, secondary codes).
 */
export function toWeaviateConfig(p: Pipeline, opts: ExportOptions): WeaviateConfig {
  const { dim, notes } = reductionPlan(p, opts, 'weaviate');
  const q = p.quantizer;
  const qt = quantizerToken(p);
  const rerank = p.search.rerank;
  const sec = p.search.sec ?? 'F32';
  if (sec !== 'F32') fail(`sec=${sec}`, 'Weaviate rescores with the stored float32 vectors');
  const config: Record<string, unknown> = { distance: weaviateDistance(opts.metric) };
  let compressed = false;
  const flat = p.index.kind === 'Flat';
  switch (q.kind) {
    case 'F32':
      break;
    case 'F16':
      return fail(qt, 'Weaviate stores vectors as float32 only');
    case 'SQ8':
      if (flat) fail(`${qt} with Flat`, 'the flat index compresses with BQ only');
      config['sq'] = {
        enabled: true,
        trainingLimit: TRAINING_LIMIT,
        ...(rerank !== undefined ? { rescoreLimit: rerank } : {}),
      };
      compressed = true;
      break;
    case 'PQ': {
      if (flat) fail(`${qt} with Flat`, 'the flat index compresses with BQ only');
      const m = checkPqSplit('weaviate', p, dim);
      config['pq'] = { enabled: true, segments: m, centroids: 256, trainingLimit: TRAINING_LIMIT };
      compressed = true;
      if (rerank !== undefined)
        notes.push(
          `rerank=${rerank}: Weaviate's PQ has no rescoreLimit; it re-scores HNSW candidates with the stored vectors itself`,
        );
      break;
    }
    case 'OPQ':
      return fail(qt, 'Weaviate PQ learns no rotation');
    case 'BIN':
      config['bq'] = { enabled: true, ...(flat && rerank !== undefined ? { rescoreLimit: rerank } : {}) };
      compressed = true;
      if (!flat && rerank !== undefined)
        notes.push(
          `rerank=${rerank}: Weaviate re-scores HNSW+BQ candidates with the stored vectors itself (no rescoreLimit on hnsw)`,
        );
      break;
    case 'RaBitQ': {
      // Weaviate's rotational quantization (RQ, ≥ 1.32; 1 bit from 1.33) rotates and keeps RaBitQ-style
      // per-vector corrections, with 1 or 8 bits per dimension, on the hnsw index.
      const bits = q.bits ?? 1;
      if (bits !== 1 && bits !== 8) fail(qt, "Weaviate's RQ codes take 1 or 8 bits per dimension");
      if (flat) fail(`${qt} with Flat`, 'the flat index compresses with BQ only; RQ needs hnsw');
      config['rq'] = { enabled: true, bits, ...(rerank !== undefined ? { rescoreLimit: rerank } : {}) };
      compressed = true;
      notes.push(`${qt}: Weaviate RQ draws its own rotation and quantizes queries its own way`);
      break;
    }
    case 'ABIN':
      config['bq'] = { enabled: true, ...(flat && rerank !== undefined ? { rescoreLimit: rerank } : {}) };
      compressed = true;
      notes.push(
        'ABIN: Weaviate BQ binarises the query too (Hamming distance), not to 4 bits; it has no per-vector correction factors',
      );
      if (!flat && rerank !== undefined)
        notes.push(
          `rerank=${rerank}: Weaviate re-scores HNSW+BQ candidates with the stored vectors itself (no rescoreLimit on hnsw)`,
        );
      break;
    case 'LVQ4':
    case 'LVQ8':
    case 'LVQ4x8':
      return fail(
        qt,
        'Weaviate compresses with PQ, SQ (one global 8-bit range) or BQ; it has no per-vector scaled codes',
      );
  }
  if (rerank !== undefined && !compressed)
    fail(`rerank=${rerank} over ${qt}`, 'Weaviate rescores compressed candidates only');
  if (!flat) {
    const R = (p.index as { R: number }).R;
    config['maxConnections'] = hnswM(R);
    config['efConstruction'] = (p.index as { L: number }).L;
    config['ef'] = searchWindow(p, opts);
    notes.push(...vamanaNotes(p));
  }
  notes.push(...rerankSpaceNote(p, true));
  const out: WeaviateConfig = { vectorIndexType: flat ? 'flat' : 'hnsw', vectorIndexConfig: config, notes };
  if (p.reduction) out.vectorizer = 'none';
  return out;
}

export function weaviateExport(p: Pipeline, opts: ExportOptions): ExportResult {
  const c = toWeaviateConfig(p, opts);
  const json: Record<string, unknown> = {
    ...(c.vectorizer ? { vectorizer: c.vectorizer } : {}),
    vectorIndexType: c.vectorIndexType,
    vectorIndexConfig: c.vectorIndexConfig,
    notes: c.notes,
  };
  return { target: 'weaviate', text: JSON.stringify(json, null, 2), json, notes: c.notes };
}
