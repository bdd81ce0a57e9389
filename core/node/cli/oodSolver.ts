import { VecscopeError } from '../../common/errors.js';
import type { OodSolver } from '../../common/reduce/reduction.js';

const SOLVERS: readonly OodSolver[] = ['eigen-search', 'frank-wolfe', 'sphering'];

/**
 * Parses --ood-solver (LeanVec-OOD: eigen-search, the default; frank-wolfe, the reference's
 * algorithm; or the closed-form sphering solution).
 */
export function parseOodSolver(value: unknown): OodSolver {
  if (value === undefined) return 'eigen-search';
  if ((SOLVERS as readonly unknown[]).includes(value)) return value as OodSolver;
  throw new VecscopeError(`--ood-solver must be one of ${SOLVERS.join(', ')}, got "${String(value)}"`);
}
