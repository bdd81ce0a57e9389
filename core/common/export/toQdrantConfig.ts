// Follows the Qdrant REST API of v1.15 (https://qdrant.tech/documentation/guides/quantization/ and
// https://api.qdrant.tech/api-reference/collections/create-collection): `vectors` {size, distance,
// datatype}, `hnsw_config` {m, ef_construct}, `quantization_config` with `scalar` {type: int8,
// quantile, always_ram}, `product` {compression: x4…x64, always_ram} or `binary` {always_ram}; search
// `params` {hnsw_ef, quantization: {ignore, rescore, oversampling}}.
import type { Pipeline } from '../pipeline/pipeline.js';
import type { Metric } from '../types.js';
import {
  checkPqSplit,
  hnswM,
  oversampling,
  quantizerToken,
  reductionPlan,
  rerankSpaceNote,
  searchWindow,
  vamanaNotes,
} from './exportCommon.js';
import type { ExportOptions, ExportResult } from './exportTypes.js';
import { UnsupportedExportError } from './exportTypes.js';

const fail = (stage: string, why: string): never => {
  throw new UnsupportedExportError('qdrant', stage, why);
};

function qdrantDistance(metric: Metric): 'Dot' | 'Euclid' | 'Cosine' {
  return metric === 'ip' ? 'Dot' : metric === 'l2' ? 'Euclid' : 'Cosine';
}

/** Qdrant's product-quantization ratios: float32 bytes per code byte. */
const PQ_COMPRESSIONS = [4, 8, 16, 32, 64];

export interface QdrantConfig {
  /** Body of `PUT /collections/{collection_name}`. */
  createCollection: Record<string, unknown>;
  /** `params` of a search / query request. */
  searchParams: Record<string, unknown>;
  notes: string[];
}

/**
 * The Qdrant collection and search parameters of a pipeline. Throws UnsupportedExportError where
 * Qdrant has no equivalent (LVQ, OPQ, PQ ratios other than x4…x64, asymmetric reductions).
 */
export function toQdrantConfig(p: Pipeline, opts: ExportOptions): QdrantConfig {
  const { dim, notes } = reductionPlan(p, opts, 'qdrant');
  const k = opts.k ?? 10;
  const vectors: Record<string, unknown> = { size: dim, distance: qdrantDistance(opts.metric) };
  const q = p.quantizer;
  const qt = quantizerToken(p);
  let quantization: Record<string, unknown> | undefined;
  switch (q.kind) {
    case 'F32':
      break;
    case 'F16':
      vectors['datatype'] = 'float16';
      break;
    case 'SQ8':
      // quantile 1: the range is the data's min and max, as the study's SQ8 trains it (Qdrant keeps
      // one range for all dimensions, the study one per dimension).
      quantization = { scalar: { type: 'int8', quantile: 1, always_ram: true } };
      break;
    case 'PQ': {
      const m = checkPqSplit('qdrant', p, dim);
      const ratio = (4 * dim) / m;
      if (!PQ_COMPRESSIONS.includes(ratio))
        fail(qt, `${dim}-d with ${m} one-byte codes is x${ratio}; Qdrant offers x4, x8, x16, x32 and x64`);
      quantization = { product: { compression: `x${ratio}`, always_ram: true } };
      break;
    }
    case 'OPQ':
      return fail(qt, 'Qdrant product quantization learns no rotation');
    case 'BIN':
      quantization = { binary: { always_ram: true } };
      break;
    case 'ABIN':
    case 'RaBitQ':
      if ((q.bits ?? 1) > 1)
        fail(
          qt,
          'Qdrant binary quantization keeps 1 bit (or 1.5 / 2 fixed-threshold bits) per dimension, not extended RaBitQ codes',
        );
      // Qdrant ≥ 1.15: 1-bit codes with 4-bit queries, the asymmetric scoring of ABIN / RaBitQ.
      quantization = { binary: { always_ram: true, encoding: 'one_bit', query_encoding: 'scalar4bits' } };
      notes.push(
        `${qt}: Qdrant binarises at zero without centring${q.kind === 'RaBitQ' ? ', rotation' : ''} or per-vector correction factors; its ranking is coarser than the study's, so keep rescoring on`,
      );
      break;
    case 'LVQ4':
    case 'LVQ8':
    case 'LVQ4x8':
      return fail(
        qt,
        'Qdrant quantizes to int8 with one global range, to PQ or to bits; it has no per-vector scaled codes',
      );
  }
  const body: Record<string, unknown> = { vectors };
  const searchParams: Record<string, unknown> = {};
  if (p.index.kind === 'Vamana') {
    body['hnsw_config'] = { m: hnswM(p.index.R), ef_construct: p.index.L };
    searchParams['hnsw_ef'] = searchWindow(p, opts);
    notes.push(...vamanaNotes(p));
  } else {
    // m = 0 builds no graph: every search scans all points, on the quantized vectors when there are
    // some (`exact: true` would scan the originals and skip quantization, since Qdrant 1.15).
    body['hnsw_config'] = { m: 0 };
    notes.push('hnsw_config.m = 0 builds no HNSW graph, so Qdrant scans every point (a flat index)');
  }
  if (quantization) body['quantization_config'] = quantization;
  const rerank = p.search.rerank;
  if (rerank !== undefined) {
    if (!quantization)
      fail(
        `rerank=${rerank} over ${qt}`,
        'Qdrant rescores quantized candidates only, with the stored vectors',
      );
    const sec = p.search.sec ?? 'F32';
    if (sec === 'LVQ8') fail('sec=LVQ8', 'Qdrant rescores with the stored float32 or float16 vectors');
    if (sec === 'F16') vectors['datatype'] = 'float16';
    searchParams['quantization'] = { ignore: false, rescore: true, oversampling: oversampling(rerank, k) };
    notes.push(`oversampling ${oversampling(rerank, k)} re-scores ${rerank} candidates for limit=${k}`);
  } else if (quantization) {
    searchParams['quantization'] = { ignore: false, rescore: false };
  }
  notes.push(...rerankSpaceNote(p, true));
  return { createCollection: body, searchParams, notes };
}

export function qdrantExport(p: Pipeline, opts: ExportOptions): ExportResult {
  const c = toQdrantConfig(p, opts);
  const json = { createCollection: c.createCollection, searchParams: c.searchParams, notes: c.notes };
  return { target: 'qdrant', text: JSON.stringify(json, null, 2), json, notes: c.notes };
}
