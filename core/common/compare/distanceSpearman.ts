import { pairDistance } from '../knn/pairDistance.js';
import { normalizeRows } from '../knn/normalizeRows.js';
import { createRng } from '../random.js';
import type { Matrix, Metric } from '../types.js';

/**
 * Spearman correlation between the distances two models give the same pairs of rows (`pairs` seeded
 * random pairs of distinct rows, each model under its own metric): near 1 when both order pairs alike
 * even if their scales differ.
 */
export function distanceSpearman(
  x: Matrix,
  mx: Metric,
  y: Matrix,
  my: Metric,
  opts: { pairs?: number; seed?: number } = {},
): number {
  if (x.n !== y.n) throw new Error(`distances of ${x.n} and ${y.n} rows`);
  if (x.n < 2) return NaN;
  const xs = mx === 'cos' ? normalizeRows(x) : x;
  const ys = my === 'cos' ? normalizeRows(y) : y;
  const p = opts.pairs ?? 20000;
  const rng = createRng(opts.seed ?? 1);
  const dx = new Float64Array(p);
  const dy = new Float64Array(p);
  for (let t = 0; t < p; t++) {
    const i = rng.int(x.n);
    let j = rng.int(x.n - 1);
    if (j >= i) j++;
    dx[t] = pairDistance(mx, xs.data, i * x.dim, xs.data, j * x.dim, x.dim);
    dy[t] = pairDistance(my, ys.data, i * y.dim, ys.data, j * y.dim, y.dim);
  }
  return pearson(ranks(dx), ranks(dy));
}

/** Ranks 1 … n, ties given their mean rank. */
export function ranks(v: Float64Array): Float64Array {
  const order = Array.from(v.keys()).sort((a, b) => v[a]! - v[b]!);
  const out = new Float64Array(v.length);
  for (let s = 0; s < order.length;) {
    let e = s + 1;
    while (e < order.length && v[order[e]!] === v[order[s]!]) e++;
    const mean = (s + e + 1) / 2;
    for (let t = s; t < e; t++) out[order[t]!] = mean;
    s = e;
  }
  return out;
}

function pearson(a: Float64Array, b: Float64Array): number {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i]!;
    mb += b[i]!;
  }
  ma /= n;
  mb /= n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const da = a[i]! - ma;
    const db = b[i]! - mb;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : NaN;
}
