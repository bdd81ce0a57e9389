// Follows the FAISS index_factory grammar of faiss v1.12 (faiss/index_factory.cpp and the wiki page
// "The index factory", https://github.com/facebookresearch/faiss/wiki/The-index-factory): vector
// transforms (PCA<d>, RR<d>, OPQ<m>[_<d>]) come first, then the index (Flat, SQ8, SQfp16, PQ<m>, LSH,
// HNSW<M>[,<code>]), and `,RFlat` / `,Refine(<code>)` wrap it in a re-ranking stage. Builds with Intel
// SVS (FAISS >= 1.13, FAISS_ENABLE_SVS) also accept SVSVamana<R>[,LVQ4x8]; they are not the default
// build, so they are not emitted here.
import type { Pipeline } from '../pipeline/pipeline.js';
import type { Metric } from '../types.js';
import {
  checkPqSplit,
  hnswM,
  quantizerToken,
  reductionPlan,
  reductionToken,
  rerankSpaceNote,
  searchWindow,
  vamanaNotes,
} from './exportCommon.js';
import type { ExportOptions, ExportResult } from './exportTypes.js';
import { UnsupportedExportError } from './exportTypes.js';

const fail = (stage: string, why: string): never => {
  throw new UnsupportedExportError('faiss', stage, why);
};

/** FAISS metric constant for a vecscope metric (cosine = inner product on normalised vectors). */
function faissMetric(metric: Metric): 'METRIC_INNER_PRODUCT' | 'METRIC_L2' {
  return metric === 'l2' ? 'METRIC_L2' : 'METRIC_INNER_PRODUCT';
}

/**
 * The FAISS `index_factory` string of a pipeline, e.g. `PCA128,SQ8,Flat` → `PCA128,SQ8`,
 * `OPQ32,PQ32,Flat` → `OPQ32,PQ32`, `F16,Flat` → `SQfp16`. Throws UnsupportedExportError where FAISS
 * has no equivalent stage.
 */
export function toFaissFactory(p: Pipeline, opts: ExportOptions): string {
  return faissExport(p, opts).json['factory'] as string;
}

/** The factory string with the metric, search parameters and notes that go with it. */
export function faissExport(p: Pipeline, opts: ExportOptions): ExportResult {
  const { dim, notes } = reductionPlan(p, opts, 'faiss');
  let metric = faissMetric(opts.metric);
  const parts: string[] = [];
  const r = p.reduction;
  if (r?.kind === 'PCA') {
    parts.push(`PCA${r.dim}`);
    notes.length = 0;
    notes.push(
      `${reductionToken(p)}: FAISS fits its own PCA (PCAMatrix) at train time; it centres queries too, which under inner product shifts scores slightly — apply the exported matrices instead for the study's exact projection`,
    );
  } else if (r?.kind === 'RP') {
    parts.push(`RR${r.dim}`);
    notes.length = 0;
    notes.push(
      `${reductionToken(p)}: FAISS's RandomRotationMatrix draws an orthonormal random projection (the study's RP is Gaussian); apply the exported matrix for the study's exact projection`,
    );
  }
  const qt = quantizerToken(p);
  const q = p.quantizer;
  let code: string;
  switch (q.kind) {
    case 'F32':
      code = 'Flat';
      break;
    case 'F16':
      code = 'SQfp16';
      break;
    case 'SQ8':
      code = 'SQ8';
      break;
    case 'PQ':
      code = `PQ${checkPqSplit('faiss', p, dim)}`;
      break;
    case 'OPQ': {
      const m = checkPqSplit('faiss', p, dim);
      parts.push(`OPQ${m}`);
      code = `PQ${m}`;
      break;
    }
    case 'BIN':
      code = 'LSH';
      break;
    case 'RaBitQ':
      // faiss/index_factory.cpp matches "RaBitQ" (IndexRaBitQ, 1 bit) and nothing with a bit count;
      // multi-bit RaBitQ is only reachable through IndexRaBitQ's constructor (nb_bits).
      if ((q.bits ?? 1) > 1)
        fail(
          qt,
          "FAISS's index_factory builds 1-bit RaBitQ only; multi-bit RaBitQ takes nb_bits in the IndexRaBitQ constructor, which a factory string cannot set",
        );
      code = 'RaBitQ';
      notes.push(
        'RaBitQ: pass qb=4 (faiss.RaBitQSearchParameters) to quantize queries to 4 bits as the study does; FAISS draws its own rotation',
      );
      break;
    case 'ABIN':
      return fail(
        qt,
        'FAISS has no unrotated asymmetric binary code; RaBitQ (the same estimator after a random rotation) is the nearest',
      );
    case 'LVQ4':
    case 'LVQ8':
    case 'LVQ4x8':
      return fail(
        qt,
        'LVQ codes (per-vector scale and bias) exist only in FAISS builds with Intel SVS; the nearest core codec is SQ8',
      );
  }
  const searchParams: Record<string, number> = {};
  const buildParams: Record<string, number> = {};
  if (p.index.kind === 'Flat') {
    parts.push(code);
  } else {
    const M = hnswM(p.index.R);
    if (q.kind === 'BIN')
      fail(
        `${qt} with Vamana`,
        "index_factory builds no graph over LSH codes (index_binary_factory's BHNSW takes packed bits)",
      );
    if (q.kind === 'RaBitQ')
      fail(`${qt} with Vamana`, 'index_factory builds RaBitQ flat or under IVF, never under HNSW');
    if ((q.kind === 'PQ' || q.kind === 'OPQ') && opts.metric === 'ip')
      fail(`${qt} with Vamana under inner product`, 'the factory builds HNSW<M>,PQ<m> for L2 only');
    parts.push(code === 'Flat' ? `HNSW${M},Flat` : `HNSW${M},${code}`);
    searchParams['efSearch'] = searchWindow(p, opts);
    buildParams['efConstruction'] = p.index.L;
    notes.push(
      ...vamanaNotes(p),
      `set hnsw.efConstruction=${p.index.L} before adding and efSearch=${searchParams['efSearch']} (faiss.SearchParametersHNSW) when searching`,
    );
  }
  if (q.kind === 'BIN') {
    metric = 'METRIC_L2';
    notes.push('LSH ranks by Hamming distance on sign bits and must be created with METRIC_L2');
  }
  const rerank = p.search.rerank;
  if (rerank !== undefined) {
    const sec = p.search.sec ?? 'F32';
    if (sec === 'LVQ8') fail('sec=LVQ8', 'FAISS refines with Flat, SQ8 or SQfp16 codes, not LVQ');
    parts.push(sec === 'F16' ? 'Refine(SQfp16)' : 'RFlat');
    const kFactor = rerank / (opts.k ?? 10);
    searchParams['k_factor'] = kFactor;
    notes.push(
      `re-ranking: pass k_factor=${kFactor} (faiss.IndexRefineSearchParameters) so ${rerank} candidates are re-scored for k=${opts.k ?? 10}`,
    );
    if (q.kind === 'BIN' && opts.metric !== 'l2')
      notes.push(
        'the refine stage inherits METRIC_L2 from LSH: it ranks like inner product only on unit-norm vectors',
      );
  }
  notes.push(...rerankSpaceNote(p, r !== undefined && r.kind !== 'PCA' && r.kind !== 'RP'));
  if (opts.metric === 'cos')
    notes.push('cosine: L2-normalise vectors and queries before adding and searching');
  const factory = parts.join(',');
  const json: Record<string, unknown> = {
    factory,
    // The dimension to pass to index_factory: the reduced one when the projection runs outside FAISS.
    dimension: r?.kind === 'PCA' || r?.kind === 'RP' ? opts.dim : dim,
    metric,
    ...(Object.keys(buildParams).length > 0 ? { buildParams } : {}),
    ...(Object.keys(searchParams).length > 0 ? { searchParams } : {}),
    notes,
  };
  return { target: 'faiss', text: factory, json, notes };
}
