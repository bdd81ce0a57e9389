import { VecscopeError } from '../errors.js';
import { eigenSymmetric } from '../linalg/eigenSymmetric.js';
import { matmul } from '../linalg/matmul.js';
import type { Matrix } from '../types.js';
import { nowMs } from './clock.js';
import { prepareLeanVec, type LeanVecInputs } from './leanvecSetup.js';
import type { FitResult, LinearReduction } from './reduction.js';

export interface LeanVecSpheringOptions extends LeanVecInputs {
  dim: number;
  /** Ridge added to K_X's eigenvalues before the inverse square root, relative to the largest; default 1e-6. */
  ridge?: number | undefined;
}

/**
 * Closed-form minimiser of the LeanVec loss over all rank-d products A Bᵀ (no spectral-ball
 * constraint), by sphering the data: with V_d the top-d eigenvectors of K_X^{1/2} K_Q K_X^{1/2},
 * queries map by A = K_X^{1/2} V_d and data by B = K_X^{-1/2} V_d (Eckart–Young). Experimental:
 * exposed as method `leanvec-ood` with the note "solver: sphering".
 */
export function fitLeanVecSphering(base: Matrix, opts: LeanVecSpheringOptions): FitResult {
  const t0 = nowMs();
  const D = base.dim;
  const d = opts.dim;
  if (!Number.isInteger(d) || d < 1 || d > D)
    throw new VecscopeError(`--dim must be between 1 and ${D}, got ${d}`);
  const setup = prepareLeanVec(base, opts, 'LeanVec-OOD');
  const obj = setup.objective;
  const { values, vectors } = eigenSymmetric(obj.kx, D);
  const ridge = (opts.ridge ?? 1e-6) * Math.max(values[0]!, 0);
  const root = new Float64Array(D * D);
  const invRoot = new Float64Array(D * D);
  for (let i = 0; i < D; i++) {
    const l = Math.max(values[i]!, 0);
    const s = Math.sqrt(l);
    const r = 1 / Math.sqrt(l + ridge);
    for (let a = 0; a < D; a++) {
      const va = vectors[i * D + a]!;
      if (va === 0) continue;
      for (let b = 0; b < D; b++) {
        const v = va * vectors[i * D + b]!;
        root[a * D + b]! += s * v;
        invRoot[a * D + b]! += r * v;
      }
    }
  }
  const m = matmul(matmul(root, obj.kq, D, D, D), root, D, D, D);
  for (let i = 0; i < D; i++)
    for (let j = i + 1; j < D; j++) m[i * D + j] = m[j * D + i] = 0.5 * (m[i * D + j]! + m[j * D + i]!);
  const top = eigenSymmetric(m, D).vectors;
  const vd = new Float64Array(D * d);
  for (let c = 0; c < d; c++) for (let j = 0; j < D; j++) vd[j * d + c] = top[c * D + j]!;
  const A = matmul(root, vd, D, D, d);
  const B = matmul(invRoot, vd, D, D, d);
  const reduction: LinearReduction = {
    method: 'leanvec-ood',
    inDim: D,
    outDim: d,
    dataMatrix: Float32Array.from(B),
    queryMatrix: Float32Array.from(A),
    centerQueries: false,
    normalizeInput: setup.normalize,
  };
  return {
    reduction,
    diagnostics: {
      seconds: (nowMs() - t0) / 1000,
      solver: 'sphering',
      loss: obj.loss(A, B, d),
      notes: ['solver: sphering'],
    },
  };
}
