/** A measured setting: `recall` (higher is better) against a cost or speed value. */
export interface ParetoPoint {
  key: string;
  recall: number;
  value: number;
}

/**
 * The ann-benchmarks frontier rule (plotting/utils.py create_pointset): sort by value, best first
 * (`higherIsBetter` for QPS, lower first for bytes), ties by recall descending; keep a point iff its
 * recall is strictly above every point kept before it. Returns keys in that order.
 */
export function paretoFrontier(points: readonly ParetoPoint[], higherIsBetter: boolean): string[] {
  const sorted = [...points]
    .filter((p) => Number.isFinite(p.value) && Number.isFinite(p.recall))
    .sort((a, b) => (higherIsBetter ? b.value - a.value : a.value - b.value) || b.recall - a.recall);
  const out: string[] = [];
  let best = -Infinity;
  for (const p of sorted) {
    if (p.recall > best) {
      out.push(p.key);
      best = p.recall;
    }
  }
  return out;
}
