import { createRng, sampleIndices } from '../random.js';
import type { Matrix } from '../types.js';
import { GramAccumulator } from '../wasm/linalgKernel.js';

/**
 * Linear CKA (Kornblith et al. 2019) between two representations of the same rows, any dimensions:
 * ‖Cᵧₓ‖²_F / (‖Cₓₓ‖_F ‖Cᵧᵧ‖_F) with C the column-centred cross-products. 1 when one is a rotation and
 * uniform scaling of the other, near 0 when unrelated. Computed over at most `rows` rows (seeded
 * sample) through one Gram matrix of the rows side by side, whose blocks are the three C.
 */
export function linearCka(x: Matrix, y: Matrix, opts: { rows?: number; seed?: number } = {}): number {
  if (x.n !== y.n) throw new Error(`CKA of ${x.n} and ${y.n} rows`);
  const m = Math.min(x.n, opts.rows ?? 5000);
  const pick = sampleIndices(x.n, m, createRng(opts.seed ?? 1));
  const dx = x.dim;
  const D = dx + y.dim;
  const joined = new Float32Array(m * D);
  for (let t = 0; t < m; t++) {
    const i = pick[t]!;
    joined.set(x.data.subarray(i * dx, (i + 1) * dx), t * D);
    joined.set(y.data.subarray(i * y.dim, (i + 1) * y.dim), t * D + dx);
  }
  // Shifting by the first row keeps the float32 block sums small; centring is exact below.
  const shift = Float64Array.from(joined.subarray(0, D));
  const acc = new GramAccumulator(D, shift);
  acc.add(joined, 0, m);
  const g = acc.outer();
  const s = acc.sums;
  // Centred cross-product: Σ(z − s̄)(z − s̄)ᵀ = G − s sᵀ / m.
  const c = (i: number, j: number) => g[i * D + j]! - (s[i]! * s[j]!) / m;
  let xx = 0;
  let yy = 0;
  let xy = 0;
  for (let i = 0; i < D; i++)
    for (let j = 0; j < D; j++) {
      const v = c(i, j) ** 2;
      if (i < dx && j < dx) xx += v;
      else if (i >= dx && j >= dx) yy += v;
      else if (i >= dx && j < dx) xy += v;
    }
  return xx > 0 && yy > 0 ? xy / Math.sqrt(xx * yy) : 0;
}
