import { VecscopeError } from '../errors.js';
import { eigenSymmetric } from '../linalg/eigenSymmetric.js';
import { topEigenSymmetric } from '../linalg/topEigenSymmetric.js';
import type { Matrix } from '../types.js';
import { nowMs } from './clock.js';
import { prepareLeanVec, type LeanVecInputs } from './leanvecSetup.js';
import type { FitResult, LinearReduction } from './reduction.js';

export interface LeanVecEsOptions extends LeanVecInputs {
  dim: number;
  seed?: number | undefined;
}

/**
 * LeanVec-ES (eigenvector search): A = B = P_β, the top-d eigenvectors of
 * K_β = β·K_Q/‖K_Q‖_F + (1 − β)·K_X/‖K_X‖_F, with β ∈ [0, 1] chosen to minimise the LeanVec loss
 * L(P_β, P_β): a grid of step 0.1, then a step-0.025 refinement around the best grid point.
 * Symmetric (one matrix), no centring.
 */
export function fitLeanVecEs(base: Matrix, opts: LeanVecEsOptions): FitResult {
  const t0 = nowMs();
  const D = base.dim;
  const d = opts.dim;
  if (!Number.isInteger(d) || d < 1 || d > D)
    throw new VecscopeError(`--dim must be between 1 and ${D}, got ${d}`);
  const setup = prepareLeanVec(base, opts, 'LeanVec-ES');
  const obj = setup.objective;
  const fro = (m: Float64Array): number => Math.sqrt(m.reduce((s, v) => s + v * v, 0)) || 1;
  const nq = fro(obj.kq);
  const nx = fro(obj.kx);
  const tried = new Map<number, { loss: number; p: Float64Array }>();
  let lastVectors: Float64Array | undefined;
  const evaluate = (beta: number): number => {
    const key = Math.round(beta * 1000) / 1000;
    const seen = tried.get(key);
    if (seen) return seen.loss;
    const k = obj.kq.map((v, i) => (key * v) / nq + ((1 - key) * obj.kx[i]!) / nx);
    // consecutive blends are close: warm-start the subspace iteration from the last one's vectors
    const top = topEigenSymmetric(k, D, d, { seed: opts.seed ?? 1, maxIterations: 300, start: lastVectors });
    const vectors = top.converged ? top.vectors : eigenSymmetric(k, D).vectors;
    lastVectors = vectors;
    const p = new Float64Array(D * d);
    for (let c = 0; c < d; c++) for (let j = 0; j < D; j++) p[j * d + c] = vectors[c * D + j]!;
    const loss = obj.loss(p, p, d);
    tried.set(key, { loss, p });
    return loss;
  };
  let best = 0;
  for (let i = 0; i <= 10; i++) if (evaluate(i / 10) < evaluate(best)) best = i / 10;
  const center = best;
  for (const delta of [-0.075, -0.05, -0.025, 0.025, 0.05, 0.075]) {
    const beta = center + delta;
    if (beta < 0 || beta > 1) continue;
    if (evaluate(beta) < evaluate(best)) best = beta;
  }
  const chosen = tried.get(Math.round(best * 1000) / 1000)!;
  const matrix = Float32Array.from(chosen.p);
  const reduction: LinearReduction = {
    method: 'leanvec-es',
    inDim: D,
    outDim: d,
    dataMatrix: matrix,
    queryMatrix: matrix,
    centerQueries: false,
    normalizeInput: setup.normalize,
  };
  const history = [...tried.entries()].sort((a, b) => a[0] - b[0]);
  return {
    reduction,
    diagnostics: {
      seconds: (nowMs() - t0) / 1000,
      loss: chosen.loss,
      lossHistory: history.map(([, v]) => v.loss),
      iterations: history.length,
      notes: [`beta: ${best.toFixed(3)}`, `betas tried: ${history.map(([b]) => b).join(',')}`],
    },
  };
}
