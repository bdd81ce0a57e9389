import type { QuantizerSpec } from '../quantize/trainCodec.js';
import type { ReductionMethod } from '../reduce/reduction.js';

/** Reduction tokens of the pipeline grammar (`PCA` is LeanVec-ID). */
export type ReductionToken = 'PCA' | 'LeanVecOOD' | 'LeanVecES' | 'RP' | 'SRP' | 'Trunc';

export const REDUCTION_METHODS: Record<ReductionToken, ReductionMethod> = {
  PCA: 'pca',
  LeanVecOOD: 'leanvec-ood',
  LeanVecES: 'leanvec-es',
  RP: 'gauss-rp',
  SRP: 'sparse-rp',
  Trunc: 'trunc',
};

/** Vectors used to re-score the best `rerank` candidates (always in the original space). */
export type SecondaryKind = 'F32' | 'F16' | 'LVQ8';

export type IndexSpec = { kind: 'Flat' } | { kind: 'Vamana'; R: number; L: number; alpha?: number };

export const VAMANA_DEFAULTS = { R: 32, L: 100 } as const;

/**
 * A compression setting: `[reduction,]quantizer,index[|search settings]`. Search settings left
 * undefined take their defaults at search time: W = max(k, 32), no re-ranking, F32 secondary.
 */
export interface Pipeline {
  reduction?: { kind: ReductionToken; dim: number };
  quantizer: QuantizerSpec;
  index: IndexSpec;
  search: { W?: number; rerank?: number; sec?: SecondaryKind };
}

/** Default search window for k neighbours. */
export function defaultWindow(k: number): number {
  return Math.max(k, 32);
}
