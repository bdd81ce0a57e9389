import type { Matrix } from '../types.js';

/** Distance a codec ranks by, smaller is better: squared L2, or negative inner product (`cos` is `ip`
 * on normalised vectors, handled before the codec). */
export type CodeMetric = 'l2' | 'ip';

/** The pipeline names of the quantizers. */
export type QuantizerKind =
  'F32' | 'F16' | 'SQ8' | 'LVQ8' | 'LVQ4' | 'LVQ4x8' | 'PQ' | 'OPQ' | 'BIN' | 'RaBitQ' | 'ABIN';

/**
 * n encoded vectors. `codes` holds the primary level (n × codec.codeBytes), the part a search
 * traverses; `refine` the second level of two-level codes (n × codec.refineBytes). LVQ keeps its
 * per-vector constants in `scale` / `bias`: they are exact fp16 values, held as f32 for the kernels
 * and counted as 2 bytes each in `codeBytes`. RaBitQ / ABIN keep ‖o − c‖ and <ō, x̄> there, f32, 4 bytes
 * each in `codeBytes`. The caller owns every array.
 */
/** Where a decode writes: `out`'s first `length` floats, else a new array. */
export function decodeTarget(length: number, out?: Float32Array): Float32Array {
  return out ? out.subarray(0, length) : new Float32Array(length);
}

export interface EncodedVectors {
  n: number;
  dim: number;
  codes: Uint8Array;
  refine?: Uint8Array;
  scale?: Float32Array;
  bias?: Float32Array;
}

/**
 * Distances from one float query to encoded vectors, without decoding them. Not thread-safe: one
 * scorer holds one query at a time. `setQuery` copies the query, so the caller may reuse its buffer.
 */
export interface Scorer {
  setQuery(q: Float32Array, offset?: number): void;
  /** Distance from the query to vector i, from its primary codes. */
  distance(i: number): number;
  /** Distance from the full (two-level) code; equal to `distance` for one-level codecs. */
  refined(i: number): number;
}

/** A trained quantizer. Immutable after training; safe to share. */
export interface Codec {
  readonly kind: QuantizerKind;
  readonly dim: number;
  readonly metric: CodeMetric;
  /** Bytes per vector of the primary codes, per-vector constants included. */
  readonly codeBytes: number;
  /** Bytes per vector of the second level (LVQ4x8), else 0. */
  readonly refineBytes: number;
  /** Encodes rows; returns arrays owned by the caller (F32's are a view of `m`, which must not change). */
  encode(m: Matrix): EncodedVectors;
  /**
   * Full reconstruction (both levels): a new matrix owned by the caller, or written into `out` (at
   * least n·dim long) when given, so that a block-by-block reader reuses one buffer.
   */
  decode(v: EncodedVectors, out?: Float32Array): Matrix;
  /** Reconstruction from the primary level only (what a graph over the primary codes sees). */
  decodePrimary(v: EncodedVectors, out?: Float32Array): Matrix;
  /** A WASM scorer; `reference` gives the plain-TS one the kernels are tested against. */
  scorer(v: EncodedVectors, impl?: 'wasm' | 'reference'): Scorer;
  /**
   * Codecs with an error bound on their distance estimates (1-bit RaBitQ): how many of the best `size`
   * candidates (ids and estimated distances, sorted) can still be among the true k nearest of the query
   * at `src[offset …]`, so that re-ranking that prefix loses nothing the bound allows for. `scratch`
   * (at least `size` long) spares an allocation per query.
   */
  rerankDepth?(
    v: EncodedVectors,
    src: ArrayLike<number>,
    offset: number,
    ids: Int32Array,
    dists: Float64Array,
    size: number,
    k: number,
    scratch: Float64Array,
  ): number;
}

export function checkDim(m: Matrix, dim: number, what: string): void {
  if (m.dim !== dim) throw new Error(`${what} expects ${dim}-d vectors, got ${m.dim}-d`);
}
