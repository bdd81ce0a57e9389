// Follows LanceDB's TypeScript client 0.31 (`@lancedb/lancedb`): `table.createIndex(column, {config:
// Index.ivfPq | ivfRq | hnswSq | hnswPq})` with numPartitions, numSubVectors / numBits, m and
// efConstruction, and distanceType l2 | cosine | dot; searches set nprobes, ef and refineFactor (fetch
// refineFactor × limit candidates and re-rank them with the stored vectors). One IVF partition makes
// the IVF stage a no-op, so the index is the pipeline's graph or flat code scan alone.
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
  throw new UnsupportedExportError('lancedb', stage, why);
};

type LanceIndexType = 'IVF_PQ' | 'IVF_RQ' | 'IVF_HNSW_SQ' | 'IVF_HNSW_PQ';

export interface LanceConfig {
  distanceType: 'l2' | 'cosine' | 'dot';
  /** Absent for an F32 / F16 Flat pipeline: LanceDB then scans every row exactly. */
  index?: {
    type: LanceIndexType;
    numPartitions: number;
    numSubVectors?: number;
    numBits?: number;
    m?: number;
    efConstruction?: number;
  };
  search: { nprobes?: number; ef?: number; refineFactor?: number };
  notes: string[];
}

function lanceDistance(metric: Metric): LanceConfig['distanceType'] {
  return metric === 'ip' ? 'dot' : metric === 'l2' ? 'l2' : 'cosine';
}

/**
 * The LanceDB vector index and search settings nearest to a pipeline. Throws UnsupportedExportError
 * where LanceDB has no equivalent (OPQ; SQ8 / LVQ without a graph; a graph over RaBitQ codes).
 */
export function toLanceConfig(p: Pipeline, opts: ExportOptions): LanceConfig {
  const { dim, notes } = reductionPlan(p, opts, 'lancedb');
  const k = opts.k ?? 10;
  const qt = quantizerToken(p);
  const q = p.quantizer;
  const graph = p.index.kind === 'Vamana';
  const cfg: LanceConfig = { distanceType: lanceDistance(opts.metric), search: {}, notes };
  const hnsw = p.index.kind === 'Vamana' ? { m: hnswM(p.index.R), efConstruction: p.index.L } : undefined;
  switch (q.kind) {
    case 'F32':
    case 'F16':
    case 'SQ8':
    case 'LVQ8':
    case 'LVQ4x8':
    case 'LVQ4':
      if (!graph) {
        if (q.kind === 'F32' || q.kind === 'F16') {
          notes.push('Flat: no vector index, so LanceDB scans every stored float32 vector exactly');
          if (q.kind === 'F16') notes.push('F16: LanceDB compares the stored float32 vectors, not float16');
          break;
        }
        return fail(qt, 'LanceDB scalar-quantizes only inside an HNSW index (IVF_HNSW_SQ)');
      }
      cfg.index = { type: 'IVF_HNSW_SQ', numPartitions: 1, ...hnsw };
      if (q.kind !== 'SQ8')
        notes.push(
          `${qt}: IVF_HNSW_SQ keeps 8-bit scalar codes with one range per dimension, the nearest LanceDB has${q.kind === 'F32' || q.kind === 'F16' ? ' (it has no uncompressed graph); without rerank its order is the codes’' : ''}`,
        );
      break;
    case 'PQ': {
      const m = checkPqSplit('lancedb', p, dim);
      cfg.index = graph
        ? { type: 'IVF_HNSW_PQ', numPartitions: 1, numSubVectors: m, numBits: 8, ...hnsw }
        : { type: 'IVF_PQ', numPartitions: 1, numSubVectors: m, numBits: 8 };
      break;
    }
    case 'OPQ':
      return fail(qt, 'LanceDB product quantization learns no rotation');
    case 'BIN':
    case 'ABIN':
    case 'RaBitQ':
      if (graph) return fail(`${qt} with Vamana`, 'LanceDB has no graph index over RaBitQ codes');
      cfg.index = { type: 'IVF_RQ', numPartitions: 1, numBits: q.kind === 'RaBitQ' ? (q.bits ?? 1) : 1 };
      if (q.kind === 'BIN')
        notes.push(
          `${qt}: IVF_RQ is RaBitQ (rotated sign bits with corrections), finer than plain sign bits`,
        );
      break;
  }
  if (cfg.index) {
    cfg.search.nprobes = 1;
    if (graph) {
      cfg.search.ef = searchWindow(p, opts);
      notes.push(...vamanaNotes(p));
      if (cfg.distanceType === 'dot')
        notes.push(
          'LanceDB 0.31 HNSW under distance "dot" measured far below "cosine" and "l2" on the same unit-norm vectors (vecscope verify, wordnet-use512: recall@10 0.36 against 0.98); for unit-norm vectors use --metric cos',
        );
    }
  }
  const rerank = p.search.rerank;
  if (rerank !== undefined && cfg.index) {
    cfg.search.refineFactor = Math.max(1, Math.ceil(rerank / k));
    notes.push(
      `refineFactor ${cfg.search.refineFactor} re-ranks ${cfg.search.refineFactor * k} candidates (rerank=${rerank}) with the stored float32 vectors`,
    );
  } else if (rerank !== undefined) notes.push(`rerank=${rerank} over an exact scan changes nothing; dropped`);
  notes.push(...rerankSpaceNote(p, true));
  return cfg;
}

export function lanceExport(p: Pipeline, opts: ExportOptions): ExportResult {
  const c = toLanceConfig(p, opts);
  const json: Record<string, unknown> = {
    distanceType: c.distanceType,
    ...(c.index ? { index: c.index } : {}),
    search: c.search,
    notes: c.notes,
  };
  return { target: 'lancedb', text: JSON.stringify(json, null, 2), json, notes: c.notes };
}
