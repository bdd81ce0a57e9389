// Follows USearch v2.25 (the `usearch` npm package's IndexConfig and Python's usearch.index.Index):
// {dimensions, metric: cos | ip | l2sq | hamming, quantization: f32 | f16 | i8 | b1, connectivity,
// expansion_add, expansion_search}; `exact` searches scan the index without the graph.
import type { Pipeline } from '../pipeline/pipeline.js';
import type { Metric } from '../types.js';
import { hnswM, quantizerToken, reductionPlan, searchWindow, vamanaNotes } from './exportCommon.js';
import type { ExportOptions, ExportResult } from './exportTypes.js';
import { UnsupportedExportError } from './exportTypes.js';

const fail = (stage: string, why: string): never => {
  throw new UnsupportedExportError('usearch', stage, why);
};

function usearchMetric(metric: Metric): 'cos' | 'ip' | 'l2sq' {
  return metric === 'ip' ? 'ip' : metric === 'l2' ? 'l2sq' : 'cos';
}

export interface UsearchOptions {
  metric: 'cos' | 'ip' | 'l2sq' | 'hamming';
  dimensions: number;
  quantization: 'f32' | 'f16' | 'i8' | 'b1';
  connectivity?: number;
  expansion_add?: number;
  expansion_search?: number;
  /** Search with `exact=True` (a scan of all vectors instead of the graph): the pipeline's Flat index. */
  exact?: boolean;
}

/**
 * The USearch index options of a pipeline. Throws UnsupportedExportError where USearch has no
 * equivalent (PQ, OPQ, LVQ, re-ranking with secondary vectors).
 */
export function toUsearchOptions(p: Pipeline, opts: ExportOptions): UsearchOptions & { notes: string[] } {
  const { dim, notes } = reductionPlan(p, opts, 'usearch');
  const qt = quantizerToken(p);
  if (p.search.rerank !== undefined)
    fail(`rerank=${p.search.rerank}`, 'USearch has no re-scoring stage over secondary vectors');
  let quantization: UsearchOptions['quantization'];
  let metric: UsearchOptions['metric'] = usearchMetric(opts.metric);
  switch (p.quantizer.kind) {
    case 'F32':
      quantization = 'f32';
      break;
    case 'F16':
      quantization = 'f16';
      break;
    case 'SQ8':
      quantization = 'i8';
      notes.push(
        'USearch i8 scales every coordinate by 127 over the fixed range [-1, 1] (no training): it matches SQ8 on unit-norm vectors',
      );
      break;
    case 'BIN':
      quantization = 'b1';
      metric = 'hamming';
      notes.push('b1 keeps the sign bit of each coordinate and ranks by Hamming distance');
      break;
    case 'ABIN':
    case 'RaBitQ':
      if ((p.quantizer.bits ?? 1) > 1) fail(qt, 'USearch quantizes to f16, i8 or b1 scalars only');
      quantization = 'b1';
      metric = 'hamming';
      notes.push(
        `b1 is the nearest USearch setting to ${qt}: sign bits without centring${p.quantizer.kind === 'RaBitQ' ? ' or rotation' : ''}, and a binarised query (Hamming), not the study's 4-bit query with per-vector factors`,
      );
      break;
    case 'PQ':
    case 'OPQ':
    case 'LVQ4':
    case 'LVQ8':
    case 'LVQ4x8':
      return fail(qt, 'USearch quantizes to f16, i8 or b1 scalars only');
  }
  const out: UsearchOptions & { notes: string[] } = { metric, dimensions: dim, quantization, notes };
  if (p.index.kind === 'Vamana') {
    out.connectivity = hnswM(p.index.R);
    out.expansion_add = p.index.L;
    out.expansion_search = searchWindow(p, opts);
    notes.push(...vamanaNotes(p));
  } else {
    out.exact = true;
    notes.push('Flat: search with exact=True so USearch scans every vector instead of walking the graph');
  }
  return out;
}

export function usearchExport(p: Pipeline, opts: ExportOptions): ExportResult {
  const o = toUsearchOptions(p, opts);
  const json = { ...o } as Record<string, unknown>;
  return { target: 'usearch', text: JSON.stringify(json, null, 2), json, notes: o.notes };
}
