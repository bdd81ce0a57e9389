import { defaultKernels } from '../kernels/kernels.js';
import { sharedRows } from '../search/graphMemory.js';
import type { Matrix } from '../types.js';

/** CLI / JSON names of the reductions, with their pipeline tokens in comments. */
export type ReductionMethod =
  | 'pca' // PCA<d>  (LeanVec-ID)
  | 'leanvec-ood' // LeanVecOOD<d>
  | 'leanvec-es' // LeanVecES<d>
  | 'gauss-rp' // RP<d>
  | 'sparse-rp' // SRP<d>
  | 'trunc'; // Trunc<d>

/**
 * Solvers of LeanVec-OOD: `eigen-search` (default; leanvecEigenSearch.ts), `frank-wolfe`
 * (leanvecOod.ts), `sphering` (closed form, leanvecSphering.ts).
 */
export type OodSolver = 'eigen-search' | 'frank-wolfe' | 'sphering';

/**
 * A fitted linear reduction x ↦ Bᵀ(x − μ) for data and q ↦ Aᵀ(q − μ·[centerQueries]) for queries.
 * Matrices are D × d, row-major (row j = input coordinate j). For symmetric methods
 * `queryMatrix === dataMatrix`. The reduction owns its arrays; apply functions never modify them.
 */
export interface LinearReduction {
  method: ReductionMethod;
  inDim: number;
  outDim: number;
  dataMatrix: Float32Array;
  queryMatrix: Float32Array;
  /** Subtracted from data rows before projecting (PCA); absent when the method does not centre. */
  mean?: Float32Array;
  /** Whether queries are centred too (PCA under l2; not under ip/cos, where it does not change ranking). */
  centerQueries: boolean;
  /** L2-normalise each output row (Matryoshka truncation with renormalisation). */
  renormalize?: boolean;
  /** L2-normalise each input row before anything else (cosine: normalise, then inner product). */
  normalizeInput?: boolean;
  /** Seconds the fit took, where a cache that hands the reduction out again recorded it. */
  fitSeconds?: number;
}

/** What a fit reports besides the reduction; fields a method does not produce are absent. */
interface ReductionDiagnostics {
  /** Wall time of the fit in seconds. */
  seconds: number;
  /** LeanVec-OOD: the solver that produced the matrices. */
  solver?: OodSolver;
  /** Fraction of the (centred or raw, per method) variance that the d kept directions capture. */
  explainedVariance?: number;
  /** Eigenvalues of the fitted covariance, largest first (all of them for the dense solver). */
  eigenvalues?: Float64Array;
  /** Trace of the fitted covariance: the denominator of explained-variance ratios. */
  totalVariance?: number;
  /** LeanVec-OOD / -ES loss ‖Q A Bᵀ Xᵀ − Q Xᵀ‖²_F, normalised by ‖Q Xᵀ‖²_F (0 = exact). */
  loss?: number;
  /** Loss after each iteration (LeanVec-OOD) or for each blend weight (LeanVec-ES). */
  lossHistory?: number[];
  iterations?: number;
  /** Human-readable remarks (e.g. that a query set was split). */
  notes: string[];
}

/** A fitted reduction with its diagnostics. */
export interface FitResult {
  reduction: LinearReduction;
  diagnostics: ReductionDiagnostics;
}

/** Memory held by a reduction and its cost per applied vector. */
export interface ReductionCost {
  /** Bytes of the matrices and mean (float32). */
  bytes: number;
  /** Multiply-adds to reduce one database vector (one query costs the same). */
  flopsPerVector: number;
}

/** Memory and apply cost. Truncation is a copy, not a product, so it costs d per vector. */
export function reductionCost(r: LinearReduction): ReductionCost {
  const matrices = r.queryMatrix === r.dataMatrix ? 1 : 2;
  const bytes = 4 * (matrices * r.inDim * r.outDim + (r.mean?.length ?? 0));
  const flopsPerVector = r.method === 'trunc' ? r.outDim : r.inDim * r.outDim;
  return { bytes, flopsPerVector };
}

function project(
  r: LinearReduction,
  m: Matrix,
  matrix: Float32Array,
  center: boolean,
  alloc: (length: number) => Float32Array = (length) => new Float32Array(length),
): Matrix {
  if (m.dim !== r.inDim) throw new Error(`reduction expects ${r.inDim}-d vectors, got ${m.dim}-d`);
  const D = r.inDim;
  const d = r.outDim;
  const out = alloc(m.n * d);
  // (s·x − μ)·M = s·(x·M) − μ·M: the products run as one WebAssembly SIMD tile per block of rows
  // (x against the columns of M), the scale and the centring after (a million 384-d rows to 128: ~1 s
  // instead of ~60 s of scalar loops).
  const columns = new Float32Array(d * D);
  for (let j = 0; j < D; j++) for (let c = 0; c < d; c++) columns[c * D + j] = matrix[j * d + c]!;
  const shift = new Float64Array(d);
  const mean = center ? r.mean : undefined;
  if (mean)
    for (let j = 0; j < D; j++) for (let c = 0; c < d; c++) shift[c]! += mean[j]! * matrix[j * d + c]!;
  const kernels = defaultKernels();
  for (let i0 = 0; i0 < m.n; i0 += PROJECT_BLOCK) {
    const count = Math.min(PROJECT_BLOCK, m.n - i0);
    kernels.dotBatch(
      m.data.subarray(i0 * D, (i0 + count) * D),
      count,
      columns,
      d,
      D,
      out.subarray(i0 * d, (i0 + count) * d),
    );
    for (let i = i0; i < i0 + count; i++) {
      let scale = 1;
      if (r.normalizeInput) {
        let s = 0;
        for (let j = 0; j < D; j++) s += m.data[i * D + j]! ** 2;
        scale = s > 0 ? 1 / Math.sqrt(s) : 0;
      }
      const o = i * d;
      if (scale !== 1 || mean) for (let c = 0; c < d; c++) out[o + c] = scale * out[o + c]! - shift[c]!;
      if (r.renormalize) {
        let s = 0;
        for (let c = 0; c < d; c++) s += out[o + c]! ** 2;
        const inv = s > 0 ? 1 / Math.sqrt(s) : 0;
        for (let c = 0; c < d; c++) out[o + c]! *= inv;
      }
    }
  }
  return { data: out, n: m.n, dim: d };
}

/** Rows per projection tile call. */
const PROJECT_BLOCK = 2048;

export function reduceData(r: LinearReduction, m: Matrix): Matrix {
  // Reduced rows of a shared base are shared and resident too: a float32 index over them (exact search
  // in the reduced space) then searches them in place.
  const alloc = m.data.buffer instanceof SharedArrayBuffer ? sharedRows : undefined;
  return project(r, m, r.dataMatrix, r.mean !== undefined, alloc);
}

/** Reduces query rows. Returns a new matrix owned by the caller. */
export function reduceQueries(r: LinearReduction, m: Matrix): Matrix {
  return project(r, m, r.queryMatrix, r.mean !== undefined && r.centerQueries);
}
