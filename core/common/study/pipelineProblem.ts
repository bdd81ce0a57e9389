import { formatPipeline } from '../pipeline/formatPipeline.js';
import type { Pipeline } from '../pipeline/pipeline.js';
import { MAX_DEGREE, MAX_SEARCH_BUFFER } from '../search/graphSearchIndex.js';
import type { Metric } from '../types.js';

/** What a study knows before it fits anything: enough to tell whether a pipeline can run at all. */
export interface PipelineContext {
  /** Dimension of the base vectors. */
  dim: number;
  k: number;
  metric: Metric;
  /** Whether training queries for LeanVec-OOD / ES are there. */
  learnQueries: boolean;
}

const LEANVEC_NAMES = { LeanVecOOD: 'LeanVec-OOD', LeanVecES: 'LeanVec-ES' } as const;

/**
 * Why a pipeline cannot run on this data, in the words of neither front-end (no CLI flag, no app
 * control), or undefined when it can. The CLI checks every pipeline with it before running any, so a
 * sweep does not fail after an hour; the study checks each again, so the app's rows say the same.
 */
export function pipelineProblem(p: Pipeline, ctx: PipelineContext): string | undefined {
  const name = formatPipeline(p);
  const r = p.reduction;
  if (r && r.dim > ctx.dim)
    return `${name}: cannot reduce ${ctx.dim}-d vectors to ${r.dim} dimensions (at most ${ctx.dim})`;
  if (r && (r.kind === 'LeanVecOOD' || r.kind === 'LeanVecES')) {
    const what = LEANVEC_NAMES[r.kind];
    if (ctx.metric === 'l2')
      return `${name}: ${what} models inner products, not l2 distances; use PCA${r.dim} (LeanVec-ID) under l2, or the ip or cos metric`;
    if (!ctx.learnQueries)
      return `${name}: ${what} needs learning queries (queries like the ones it will serve, apart from the evaluated ones)`;
  }
  const q = p.quantizer;
  const codeDim = r ? r.dim : ctx.dim;
  if ((q.kind === 'PQ' || q.kind === 'OPQ') && (q.m ?? 8) > codeDim)
    return `${name}: ${q.kind}${q.m} splits ${codeDim}-d vectors into ${q.m} parts; use at most ${q.kind}${codeDim}`;
  const ix = p.index;
  if (ix.kind === 'Vamana' && ix.alpha !== undefined && ix.alpha < 1)
    return `${name}: Vamana's a must be at least 1 (the build prunes by squared L2 distance)`;
  if (ix.kind === 'Vamana' && ix.R > MAX_DEGREE) return `${name}: Vamana's R must be at most ${MAX_DEGREE}`;
  const rerank = p.search.rerank ?? 0;
  if (rerank > 0 && rerank < ctx.k) return `${name}: rerank (${rerank}) must be at least k (${ctx.k})`;
  const kept = Math.max(p.search.W ?? 0, rerank, ctx.k);
  if (kept > MAX_SEARCH_BUFFER)
    return `${name}: a search keeps at most ${MAX_SEARCH_BUFFER} candidates (W, rerank and k ask for ${kept})`;
  return undefined;
}
