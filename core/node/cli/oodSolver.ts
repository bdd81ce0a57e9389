import { VecscopeError } from '../../common/errors.js';

/** Parses --ood-solver (LeanVec-OOD: Frank–Wolfe, the default, or the closed-form sphering solution). */
export function parseOodSolver(value: unknown): 'frank-wolfe' | 'sphering' {
  if (value === undefined || value === 'frank-wolfe') return 'frank-wolfe';
  if (value === 'sphering') return 'sphering';
  throw new VecscopeError(`--ood-solver must be frank-wolfe or sphering, got "${String(value)}"`);
}
