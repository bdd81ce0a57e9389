import { createRng, sampleIndices } from '../random.js';
import type { Matrix } from '../types.js';

/**
 * Mean silhouette (b − a) / max(a, b) of the clustered points (label ≥ 0; noise is left out), with
 * Euclidean distances to every other clustered point. A point alone in its cluster scores 0 (as
 * scikit-learn). Evaluates at most `sample` points (default 2,000, seeded), each against all points:
 * cost O(sample·n·D). Returns NaN with fewer than 2 clusters.
 */
export function silhouette(
  m: Matrix,
  labels: Int32Array,
  opts: { sample?: number; seed?: number } = {},
): number {
  const { n, dim: D, data } = m;
  let k = 0;
  for (let i = 0; i < n; i++) if (labels[i]! + 1 > k) k = labels[i]! + 1;
  const size = new Int32Array(k);
  const members: number[] = [];
  for (let i = 0; i < n; i++) {
    if (labels[i]! >= 0) {
      size[labels[i]!]!++;
      members.push(i);
    }
  }
  let nonEmpty = 0;
  for (let c = 0; c < k; c++) if (size[c]! > 0) nonEmpty++;
  if (nonEmpty < 2) return NaN;
  const pick = sampleIndices(
    members.length,
    Math.min(members.length, opts.sample ?? 2000),
    createRng(opts.seed ?? 1),
  );
  const sums = new Float64Array(k);
  let total = 0;
  for (const t of pick) {
    const i = members[t]!;
    sums.fill(0);
    for (const j of members) {
      if (j === i) continue;
      let s = 0;
      for (let c = 0; c < D; c++) {
        const u = data[i * D + c]! - data[j * D + c]!;
        s += u * u;
      }
      sums[labels[j]!]! += Math.sqrt(s);
    }
    const own = labels[i]!;
    if (size[own]! <= 1) continue;
    const a = sums[own]! / (size[own]! - 1);
    let b = Infinity;
    for (let c = 0; c < k; c++) if (c !== own && size[c]! > 0) b = Math.min(b, sums[c]! / size[c]!);
    total += (b - a) / Math.max(a, b);
  }
  return total / pick.length;
}
