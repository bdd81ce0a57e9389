/**
 * Index of the point nearest to (px, py) within `maxDistance` (same units, usually pixels), or -1.
 * Ties go to the later point, which is drawn on top. Points with a non-finite coordinate are skipped.
 */
export function nearestPoint(
  points: ReadonlyArray<{ x: number; y: number }>,
  px: number,
  py: number,
  maxDistance = Infinity,
): number {
  let best = -1;
  let bestD = maxDistance * maxDistance;
  for (let i = 0; i < points.length; i++) {
    const p = points[i]!;
    if (!Number.isFinite(p.x) || !Number.isFinite(p.y)) continue;
    const d = (p.x - px) ** 2 + (p.y - py) ** 2;
    if (d <= bestD) {
      bestD = d;
      best = i;
    }
  }
  return best;
}
