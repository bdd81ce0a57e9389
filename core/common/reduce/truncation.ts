import { VecscopeError } from '../errors.js';
import { nowMs } from './clock.js';
import type { FitResult, LinearReduction } from './reduction.js';

export interface TruncationOptions {
  dim: number;
  /** L2-normalise the truncated vectors (Matryoshka models are trained for cosine on prefixes). */
  renormalize?: boolean | undefined;
}

/**
 * Matryoshka truncation: keep the first d coordinates. Only meaningful for embeddings trained with a
 * Matryoshka loss; for others it is a baseline. Stored as a D × d selection matrix so that it saves
 * and applies like every other reduction (its apply cost is reported as d per vector).
 */
export function fitTruncation(inDim: number, opts: TruncationOptions): FitResult {
  const t0 = nowMs();
  const d = opts.dim;
  if (!Number.isInteger(d) || d < 1 || d > inDim)
    throw new VecscopeError(`--dim must be between 1 and ${inDim}, got ${d}`);
  const m = new Float32Array(inDim * d);
  for (let c = 0; c < d; c++) m[c * d + c] = 1;
  const reduction: LinearReduction = {
    method: 'trunc',
    inDim,
    outDim: d,
    dataMatrix: m,
    queryMatrix: m,
    centerQueries: false,
    renormalize: opts.renormalize ?? false,
  };
  return { reduction, diagnostics: { seconds: (nowMs() - t0) / 1000, notes: [] } };
}
