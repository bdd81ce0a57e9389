import { VecscopeError } from '../errors.js';
import { Rng } from '../random.js';
import { nowMs } from './clock.js';
import type { FitResult, LinearReduction } from './reduction.js';

export interface RandomProjectionOptions {
  dim: number;
  seed?: number | undefined;
  /** Sparse only: fraction of non-zeros; default 1/√D (Li, Hastie and Church's "very sparse"). */
  density?: number | undefined;
}

/**
 * The Johnson–Lindenstrauss dimension that keeps all pairwise distances of n points within a factor
 * (1 ± eps) with high probability: k = ⌊4 ln n / (eps²/2 − eps³/3)⌋ (as scikit-learn).
 */
export function johnsonLindenstraussDim(n: number, eps = 0.1): number {
  if (!(eps > 0 && eps < 1)) throw new VecscopeError('eps must be in (0, 1)');
  return Math.floor((4 * Math.log(n)) / (eps ** 2 / 2 - eps ** 3 / 3));
}

function checkDims(inDim: number, d: number): void {
  if (!Number.isInteger(d) || d < 1) throw new VecscopeError(`--dim must be a positive integer, got ${d}`);
  if (d > inDim) throw new VecscopeError(`--dim ${d} exceeds the input dimension ${inDim}`);
}

function wrap(
  method: 'gauss-rp' | 'sparse-rp',
  inDim: number,
  d: number,
  m: Float32Array,
  t0: number,
  notes: string[],
): FitResult {
  const reduction: LinearReduction = {
    method,
    inDim,
    outDim: d,
    dataMatrix: m,
    queryMatrix: m,
    centerQueries: false,
  };
  return { reduction, diagnostics: { seconds: (nowMs() - t0) / 1000, notes } };
}

/** Gaussian random projection: entries ~ N(0, 1/d). Data independent; `inDim` is all it needs. */
export function fitGaussianRp(inDim: number, opts: RandomProjectionOptions): FitResult {
  const t0 = nowMs();
  const d = opts.dim;
  checkDims(inDim, d);
  const rng = new Rng(opts.seed ?? 1);
  const s = 1 / Math.sqrt(d);
  const m = Float32Array.from({ length: inDim * d }, () => rng.gaussian() * s);
  return wrap('gauss-rp', inDim, d, m, t0, [`seed: ${opts.seed ?? 1}`]);
}

/**
 * Very sparse random projection: with s = 1/density, each entry is ±√(s/d) with probability 1/(2s)
 * each and 0 otherwise; per output component the number of non-zeros is Binomial(D, density), their
 * positions sampled without replacement and their signs fair coins.
 */
export function fitSparseRp(inDim: number, opts: RandomProjectionOptions): FitResult {
  const t0 = nowMs();
  const d = opts.dim;
  checkDims(inDim, d);
  const density = opts.density ?? 1 / Math.sqrt(inDim);
  if (!(density > 0 && density <= 1)) throw new VecscopeError('density must be in (0, 1]');
  const rng = new Rng(opts.seed ?? 1);
  const v = Math.sqrt(1 / density / d);
  const m = new Float32Array(inDim * d);
  const pool = Int32Array.from({ length: inDim }, (_, i) => i);
  let nonZeros = 0;
  for (let c = 0; c < d; c++) {
    let count = 0;
    for (let j = 0; j < inDim; j++) if (rng.next() < density) count++;
    // partial Fisher–Yates: the first `count` entries of pool are a uniform sample without replacement
    for (let i = 0; i < count; i++) {
      const r = i + rng.int(inDim - i);
      const t = pool[i]!;
      pool[i] = pool[r]!;
      pool[r] = t;
      m[pool[i]! * d + c] = rng.next() < 0.5 ? -v : v;
    }
    nonZeros += count;
  }
  return wrap('sparse-rp', inDim, d, m, t0, [`density: ${density.toPrecision(3)}`, `non-zeros: ${nonZeros}`]);
}
