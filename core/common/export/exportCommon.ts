import { formatQuantizer } from '../pipeline/formatPipeline.js';
import type { Pipeline } from '../pipeline/pipeline.js';
import { defaultWindow } from '../pipeline/pipeline.js';
import type { ExportOptions, ExportTarget } from './exportTypes.js';
import { UnsupportedExportError } from './exportTypes.js';

/** The pipeline-string token of a quantizer (`PQ32`, `LVQ8`, …). */
export function quantizerToken(p: Pipeline): string {
  return formatQuantizer(p.quantizer);
}

/** The pipeline-string token of the reduction (`PCA128`), or '' without one. */
export function reductionToken(p: Pipeline): string {
  return p.reduction ? `${p.reduction.kind}${p.reduction.dim}` : '';
}

function checkOptions(opts: ExportOptions): void {
  if (!Number.isInteger(opts.dim) || opts.dim < 1)
    throw new Error(`export needs a positive dim, got ${opts.dim}`);
}

/**
 * What a reduction becomes on a target. Only FAISS fits PCA and random rotations itself; everything
 * else runs outside the engine: the user applies the exported projection matrices (.npy) to the data
 * before inserting and to the queries before searching, so the engine sees `dim`-d vectors.
 * `asymmetric` reductions (LeanVec-OOD: a query matrix different from the data matrix) are refused by
 * the databases, whose server-side paths (vectorizer modules, query-by-id, rescoring with stored
 * vectors) assume queries and points live in one space.
 */
export function reductionPlan(
  p: Pipeline,
  opts: ExportOptions,
  target: ExportTarget,
): { dim: number; notes: string[] } {
  checkOptions(opts);
  const r = p.reduction;
  if (!r) return { dim: opts.dim, notes: [] };
  if (r.dim > opts.dim)
    throw new UnsupportedExportError(
      target,
      reductionToken(p),
      `cannot reduce ${opts.dim}-d vectors to ${r.dim}-d`,
    );
  const token = reductionToken(p);
  if (r.kind === 'LeanVecOOD' && (target === 'qdrant' || target === 'weaviate'))
    throw new UnsupportedExportError(
      target,
      token,
      'queries and data need different projection matrices; apply them client-side with FAISS or USearch instead',
    );
  const notes: string[] = [];
  if (r.kind === 'Trunc')
    notes.push(
      `${token}: insert and query with the first ${r.dim} coordinates of each vector` +
        (opts.metric === 'cos' ? ' (renormalised)' : ''),
    );
  else if (r.kind === 'LeanVecOOD')
    notes.push(
      `${token}: apply the exported data matrix (.data.npy) to the vectors before inserting and the query matrix (.query.npy) to the queries before searching`,
    );
  else
    notes.push(
      `${token}: apply the exported projection (.data.npy, minus .mean.npy when present) to vectors and queries before inserting and searching`,
    );
  return { dim: r.dim, notes };
}

/**
 * The study re-ranks with vectors in the original space; an engine that only ever sees reduced
 * vectors re-scores with those instead, which can cost recall. Returns the note to add, if any.
 */
export function rerankSpaceNote(p: Pipeline, reducedOutside: boolean): string[] {
  if (!p.reduction || !reducedOutside || p.search.rerank === undefined) return [];
  return [
    `rerank=${p.search.rerank} re-scores the ${p.reduction.dim}-d reduced vectors at full precision, not the original vectors as the study did; recall can be lower`,
  ];
}

/** Search window the study used: W, else the default for k. */
export function searchWindow(p: Pipeline, opts: ExportOptions): number {
  return p.search.W ?? defaultWindow(opts.k ?? 10);
}

/**
 * HNSW keeps 2·M neighbours on its base layer (FAISS, Qdrant, Weaviate, USearch all do), so a Vamana
 * graph of out-degree R maps to M = R/2: the same edges per vector where almost all vectors live.
 */
export function hnswM(R: number): number {
  return Math.max(1, Math.ceil(R / 2));
}

/** Notes shared by every HNSW mapping of a Vamana stage. */
export function vamanaNotes(p: Pipeline): string[] {
  if (p.index.kind !== 'Vamana') return [];
  const notes = [
    `Vamana(R=${p.index.R},L=${p.index.L}) is built as HNSW with M=${hnswM(p.index.R)} (2M=${2 * hnswM(p.index.R)} base-layer neighbours) and construction window ${p.index.L}; recall at the same window may differ from the study's`,
  ];
  if (p.index.alpha !== undefined)
    notes.push(`Vamana alpha=${p.index.alpha} has no HNSW setting and is dropped`);
  return notes;
}

/** rerank / k, the oversampling factor of engines that re-score `oversampling × k` candidates. */
export function oversampling(rerank: number, k: number): number {
  return Math.max(1, Math.round((rerank / k) * 1000) / 1000);
}

/** Guards dimension-splitting quantizers (PQ segments must divide the dimension on every target). */
export function checkPqSplit(target: ExportTarget, p: Pipeline, dim: number): number {
  const m = p.quantizer.m ?? 0;
  if (!(m >= 1) || dim % m !== 0)
    throw new UnsupportedExportError(
      target,
      quantizerToken(p),
      `${m} sub-quantizers do not divide the ${dim}-d vectors it encodes`,
    );
  return m;
}
