import { takeRows } from '../data/takeRows.js';
import { Rng } from '../random.js';
import type { Matrix } from '../types.js';

/**
 * Splits a query set into two disjoint halves (a seeded random permutation): one to learn a
 * query-aware reduction, one to evaluate it. Returns new matrices and the original row ids of each.
 */
export function splitQueries(
  q: Matrix,
  seed: number,
): { learn: Matrix; evaluate: Matrix; learnIds: Int32Array; evaluateIds: Int32Array } {
  const rng = new Rng(seed);
  const perm = Int32Array.from({ length: q.n }, (_, i) => i);
  for (let i = q.n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = perm[i]!;
    perm[i] = perm[j]!;
    perm[j] = t;
  }
  const half = Math.floor(q.n / 2);
  const learnIds = perm.slice(0, half).sort();
  const evaluateIds = perm.slice(half).sort();
  return { learn: takeRows(q, learnIds), evaluate: takeRows(q, evaluateIds), learnIds, evaluateIds };
}
