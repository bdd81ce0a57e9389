import { randomOrthogonal } from '../linalg/polarFactor.js';
import { Rng } from '../random.js';
import type { Matrix } from '../types.js';
import { packPlanes, planeBytes, planeValue } from './bitPlanes.js';
import {
  checkDim,
  decodeTarget,
  type Codec,
  type CodeMetric,
  type EncodedVectors,
  type Scorer,
} from './codec.js';
import { extendedCode } from './extendedCode.js';
import { WasmArena } from './wasmArena.js';
import { codeBytes } from '../search/graphMemory.js';

export type RabitqKind = 'RaBitQ' | 'ABIN';

/** The ε0 of RaBitQ's error bound (Gao & Long 2024 use 1.9: the bound then fails for few pairs). */
export const RABITQ_EPSILON0 = 1.9;

/**
 * Bits of the query's scalar quantization: 4 against 1-bit codes (the paper's B_q = 4, enough that the
 * query adds little to the code's error); B + 4, at most 8, against B-bit codes, since a 4-bit query
 * would otherwise cap the accuracy that more code bits buy.
 */
function rabitqQueryBits(bits: number): number {
  return bits === 1 ? 4 : Math.min(8, bits + 4);
}

/** Per-row terms of the estimator derived once per encoding from the stored codes and factors. */
interface RabitqRows {
  /** ‖o − c‖ / (<ō, x̄>·‖y‖): turns <y, u'> into an estimate of <o − c, u>. */
  mult: Float32Array;
  /** m·Σ_j c_j, m = (2^B_q − 1)/2 the centre of the query grid. */
  midSum: Float32Array;
  /** ‖o − c‖² (the l2 expansion's row term). */
  norm2: Float32Array;
}

/**
 * RaBitQ (Gao & Long, SIGMOD 2024) and extended RaBitQ (Gao et al. 2024, B bits per dimension), and
 * ABIN, the same asymmetric estimator without the rotation (1-bit data, 4-bit query, as Elastic's BBQ).
 *
 * Training takes the centroid c of the rows and, for RaBitQ, a seeded random orthogonal P of size
 * D' × D' (D padded to a multiple of 64 with zeros, so the codes fill whole words). A row o is stored as
 * the B-bit code of r = P·(o − c) (extendedCode.ts; for B = 1 the signs) in bit planes, and two f32
 * factors: `scale` = ‖o − c‖ and `bias` = <ō, x̄>, the cosine between the residual and its quantized unit
 * vector x̄ = y/‖y‖, y_j = c_j − (2^B − 1)/2. `codeBytes` counts both factors.
 *
 * A query residual u (q − c under l2; q itself under ip, since <o, q> = <c, q> + <o − c, q>) is rotated
 * to u' and quantized to B_q bits (4 for 1-bit codes, rabitqQueryBits) on a symmetric grid
 * u' ≈ Δ·(q̃ − (2^B_q − 1)/2), Δ = 2·max|u'|/(2^B_q − 1), by plain
 * rounding (deterministic, so a graph search and a scan of the same query see the same codes; the
 * paper's randomized rounding only removes a bias far below the code's own error at 4 bits). Then
 * <o − c, u> ≈ ‖o − c‖·<x̄, u'>/<ō, x̄>, the paper's unbiased estimator of <ō, ū> scaled back, and
 * <x̄, u'> comes from one integer dot of the bit planes (popcounts, core/wasm/quant.ts rabitqDot).
 *
 * With B = 1 and the rotation, |<ō, ū> − <x̄, ū>/<ō, x̄>| ≤ √((1 − <ō, x̄>²)/<ō, x̄>²)·ε0/√(D' − 1) with
 * high probability (`errorHalfWidth`), which bounds how many candidates need re-ranking.
 */
export class RabitqCodec implements Codec {
  readonly codeBytes: number;
  readonly refineBytes = 0;
  /** Coordinates coded per row: D' (rotated, padded) or D (ABIN). */
  readonly codeDim: number;
  /** Bytes of one bit plane. */
  readonly planeBytes: number;
  /** Bytes of one row's planes (codeBytes less the two factors). */
  readonly rowBytes: number;
  /** Bits of the quantized query (rabitqQueryBits). */
  readonly queryBits: number;
  private readonly rows = new WeakMap<EncodedVectors, RabitqRows>();
  private readonly spreads = new WeakMap<EncodedVectors, Float32Array>();

  constructor(
    readonly kind: RabitqKind,
    readonly bits: number,
    readonly metric: CodeMetric,
    readonly centroid: Float32Array,
    /** D' × D' row-major, r = P·(o − c) padded; absent for ABIN. */
    readonly rotation: Float32Array | undefined,
  ) {
    if (!Number.isInteger(bits) || bits < 1 || bits > 8) throw new Error(`${kind}: bits must be 1 … 8`);
    if (kind === 'ABIN' && bits !== 1) throw new Error('ABIN has 1-bit codes');
    this.codeDim = rotation ? Math.round(Math.sqrt(rotation.length)) : centroid.length;
    this.planeBytes = planeBytes(this.codeDim);
    this.rowBytes = bits * this.planeBytes;
    this.codeBytes = this.rowBytes + 8;
    this.queryBits = rabitqQueryBits(bits);
  }

  get dim(): number {
    return this.centroid.length;
  }

  /** The pipeline token: `RaBitQ`, `RaBitQ<B>` or `ABIN`. */
  get token(): string {
    return this.kind === 'RaBitQ' && this.bits > 1 ? `RaBitQ${this.bits}` : this.kind;
  }

  static train(kind: RabitqKind, bits: number, m: Matrix, metric: CodeMetric, seed: number): RabitqCodec {
    const { n, dim, data } = m;
    const c = new Float64Array(dim);
    for (let i = 0; i < n; i++) for (let j = 0; j < dim; j++) c[j]! += data[i * dim + j]!;
    if (n > 0) for (let j = 0; j < dim; j++) c[j]! /= n;
    let rotation: Float32Array | undefined;
    if (kind === 'RaBitQ') {
      const padded = Math.max(64, Math.ceil(dim / 64) * 64);
      rotation = Float32Array.from(randomOrthogonal(padded, new Rng(seed ^ 0x5ab17)));
    }
    return new RabitqCodec(kind, bits, metric, Float32Array.from(c), rotation);
  }

  /** u' = P·u (u zero-padded to D'), or u itself without a rotation. */
  rotate(u: ArrayLike<number>, out: Float64Array): void {
    const { dim, codeDim } = this;
    const P = this.rotation;
    if (!P) {
      for (let j = 0; j < dim; j++) out[j] = u[j]!;
      return;
    }
    for (let a = 0; a < codeDim; a++) {
      let s = 0;
      const row = a * codeDim;
      for (let b = 0; b < dim; b++) s += P[row + b]! * u[b]!;
      out[a] = s;
    }
  }

  encode(m: Matrix): EncodedVectors {
    checkDim(m, this.dim, this.token);
    const { n, dim, data } = m;
    const { codeDim, bits, rowBytes } = this;
    const half = ((1 << bits) - 1) / 2;
    const codes = codeBytes(n * rowBytes);
    const scale = new Float32Array(n);
    const bias = new Float32Array(n);
    const u = new Float64Array(dim);
    const r = new Float64Array(codeDim);
    const values = new Uint8Array(codeDim);
    for (let i = 0; i < n; i++) {
      let norm2 = 0;
      for (let j = 0; j < dim; j++) {
        u[j] = data[i * dim + j]! - this.centroid[j]!;
        norm2 += u[j]! * u[j]!;
      }
      this.rotate(u, r);
      const yNorm = extendedCode(r, codeDim, bits, values);
      let ry = 0;
      for (let j = 0; j < codeDim; j++) ry += r[j]! * (values[j]! - half);
      const norm = Math.sqrt(norm2);
      scale[i] = norm;
      // A row at the centroid has no direction: any code is exact, and <ō, x̄> = 1 keeps the factors finite.
      bias[i] = norm > 0 ? ry / (norm * yNorm) : 1;
      packPlanes(values, codeDim, bits, this.planeBytes, codes, i * rowBytes);
    }
    return { n, dim, codes, scale, bias };
  }

  /** The unsigned code of row i, coordinate j (in the rotated space). */
  code(v: EncodedVectors, i: number, j: number): number {
    return planeValue(v.codes, i * this.rowBytes, j, this.bits, this.planeBytes);
  }

  /** c + Pᵀ(‖o − c‖·<ō, x̄>·x̄): the residual's component along its code, rotated back. */
  decode(v: EncodedVectors, out?: Float32Array): Matrix {
    const { n, dim } = v;
    const { codeDim, bits } = this;
    const half = ((1 << bits) - 1) / 2;
    const data = decodeTarget(n * dim, out);
    const y = new Float64Array(codeDim);
    const P = this.rotation;
    for (let i = 0; i < n; i++) {
      let yy = 0;
      for (let j = 0; j < codeDim; j++) {
        y[j] = this.code(v, i, j) - half;
        yy += y[j]! * y[j]!;
      }
      const s = (v.scale![i]! * v.bias![i]!) / Math.sqrt(yy);
      for (let b = 0; b < dim; b++) {
        let x = 0;
        if (P) for (let a = 0; a < codeDim; a++) x += P[a * codeDim + b]! * y[a]!;
        else x = y[b]!;
        data[i * dim + b] = this.centroid[b]! + s * x;
      }
    }
    return { data, n, dim };
  }

  decodePrimary(v: EncodedVectors, out?: Float32Array): Matrix {
    return this.decode(v, out);
  }

  /** The estimator's per-row terms (computed once per encoding, from the codes and factors). */
  rowTerms(v: EncodedVectors): RabitqRows {
    let rows = this.rows.get(v);
    if (rows) return rows;
    const { n } = v;
    const { codeDim, bits } = this;
    const half = ((1 << bits) - 1) / 2;
    rows = {
      mult: new Float32Array(n),
      midSum: new Float32Array(n),
      norm2: new Float32Array(n),
    };
    for (let i = 0; i < n; i++) {
      let sum = 0;
      let yy = 0;
      for (let j = 0; j < codeDim; j++) {
        const c = this.code(v, i, j);
        sum += c;
        yy += (c - half) * (c - half);
      }
      const norm = v.scale![i]!;
      const ox = v.bias![i]!;
      rows.midSum[i] = (((1 << this.queryBits) - 1) / 2) * sum;
      rows.norm2[i] = norm * norm;
      rows.mult[i] = norm > 0 ? norm / (ox * Math.sqrt(yy)) : 0;
    }
    this.rows.set(v, rows);
    return rows;
  }

  /**
   * ‖o − c‖·√(1 − <ō, x̄>²)/<ō, x̄> per row, the row's factor of the error bound. Needs only the stored
   * factors (`scale`, `bias`), not the codes: search workers hold those alone.
   */
  boundSpread(v: EncodedVectors): Float32Array {
    let spread = this.spreads.get(v);
    if (spread) return spread;
    spread = new Float32Array(v.n);
    for (let i = 0; i < v.n; i++) {
      const norm = v.scale![i]!;
      const ox = v.bias![i]!;
      spread[i] = norm > 0 ? (norm * Math.sqrt(Math.max(0, 1 - ox * ox))) / ox : 0;
    }
    this.spreads.set(v, spread);
    return spread;
  }

  /** A query preparer writing the query planes into `planes` (queryBits·planeBytes long). */
  query(planes: Uint8Array): RabitqQuery {
    return new RabitqQuery(this, planes);
  }

  /**
   * Half-width of the bound on the distance estimate of row i for a query residual of norm `uNorm`, as
   * a coefficient: width_i = coefficient·boundSpread(v)[i]. Only 1-bit RaBitQ has the bound (it
   * rests on the random rotation and the sign code); undefined otherwise.
   */
  boundCoefficient(uNorm: number, epsilon0 = RABITQ_EPSILON0): number | undefined {
    if (this.kind !== 'RaBitQ' || this.bits !== 1) return undefined;
    return ((this.metric === 'l2' ? 2 : 1) * uNorm * epsilon0) / Math.sqrt(this.codeDim - 1);
  }

  /** ‖u‖ of a query (q − c under l2, q under ip), the norm the bound scales with. */
  queryNorm(src: ArrayLike<number>, offset: number): number {
    let s = 0;
    for (let j = 0; j < this.dim; j++) {
      const x = src[offset + j]! - (this.metric === 'l2' ? this.centroid[j]! : 0);
      s += x * x;
    }
    return Math.sqrt(s);
  }

  /**
   * How many of a buffer's best candidates (sorted by estimated distance) the bound says to re-rank:
   * all those whose lower bound is below the k-th smallest upper bound, as a prefix (at least k).
   * Returns `size` when the codec has no bound.
   */
  rerankDepth(
    v: EncodedVectors,
    src: ArrayLike<number>,
    offset: number,
    ids: Int32Array,
    dists: Float64Array,
    size: number,
    k: number,
    scratch: Float64Array,
  ): number {
    const coef = this.boundCoefficient(this.queryNorm(src, offset));
    if (coef === undefined || size <= k) return size;
    const spread = this.boundSpread(v);
    const upper = scratch.subarray(0, size);
    for (let i = 0; i < size; i++) upper[i] = dists[i]! + coef * spread[ids[i]!]!;
    upper.sort();
    const kth = upper[k - 1]!;
    let depth = k;
    for (let i = k; i < size; i++) if (dists[i]! - coef * spread[ids[i]!]! <= kth) depth = i + 1;
    return depth;
  }

  scorer(v: EncodedVectors, impl: 'wasm' | 'reference' = 'wasm'): Scorer {
    const { rowBytes, planeBytes: pb, bits, codeDim, queryBits } = this;
    const rows = this.rowTerms(v);
    const ip = this.metric === 'ip';
    const combine = (i: number, dot: number, q: RabitqQuery) => {
      const e = rows.mult[i]! * (q.delta * (dot - rows.midSum[i]! - q.offset));
      return ip ? -(q.c0 + e) : q.c0 + rows.norm2[i]! - 2 * e;
    };
    if (impl === 'reference') {
      const q = this.query(new Uint8Array(queryBits * pb));
      const distance = (i: number) => {
        let dot = 0;
        for (let j = 0; j < codeDim; j++) dot += this.code(v, i, j) * q.values[j]!;
        return combine(i, dot, q);
      };
      return { setQuery: (src, offset = 0) => q.prepare(src, offset), distance, refined: distance };
    }
    const a = new WasmArena();
    const qAt = a.reserve(queryBits * pb);
    const cAt = a.reserve(v.n * rowBytes);
    a.commit();
    const q = this.query(a.u8(qAt, queryBits * pb));
    a.u8(cAt, v.n * rowBytes).set(v.codes.subarray(0, v.n * rowBytes));
    const k = a.k;
    const distance = (i: number) => combine(i, k.rabitqDot(qAt, cAt + i * rowBytes, pb, bits, queryBits), q);
    return { setQuery: (src, offset = 0) => q.prepare(src, offset), distance, refined: distance };
  }
}

/**
 * One query's planes and constants: c0 (<q, c> under ip, ‖q − c‖² under l2), Δ and the offset
 * h·(Σq̃ − m·D'), h = (2^B − 1)/2, m = (2^B_q − 1)/2, so that <y, u'> ≈ Δ·(Σ c_j q̃_j − m·Σ c_j − offset).
 * Shared by the codec's scorers and the graph module (core/common/search/graphCodes.ts), so their
 * distances agree to the bit.
 */
export class RabitqQuery {
  c0 = 0;
  delta = 0;
  offset = 0;
  /** q̃ of the last query, per coded coordinate. */
  readonly values: Uint8Array;
  private readonly u: Float64Array;
  private readonly r: Float64Array;

  constructor(
    private readonly codec: RabitqCodec,
    private readonly planes: Uint8Array,
  ) {
    this.values = new Uint8Array(codec.codeDim);
    this.u = new Float64Array(codec.dim);
    this.r = new Float64Array(codec.codeDim);
  }

  prepare(src: ArrayLike<number>, offset: number): void {
    const { dim, codeDim, centroid, metric, bits, queryBits } = this.codec;
    const top = (1 << queryBits) - 1;
    const mid = top / 2;
    const { u, r, values } = this;
    let c0 = 0;
    for (let j = 0; j < dim; j++) {
      const x = src[offset + j]!;
      if (metric === 'l2') {
        u[j] = x - centroid[j]!;
        c0 += u[j]! * u[j]!;
      } else {
        u[j] = x;
        c0 += x * centroid[j]!;
      }
    }
    this.codec.rotate(u, r);
    let big = 0;
    for (let j = 0; j < codeDim; j++) big = Math.max(big, Math.abs(r[j]!));
    const delta = big > 0 ? (2 * big) / top : 0;
    let sum = 0;
    for (let j = 0; j < codeDim; j++) {
      const t = delta > 0 ? Math.round(r[j]! / delta + mid) : 0;
      const v = t < 0 ? 0 : t > top ? top : t;
      values[j] = v;
      sum += v;
    }
    packPlanes(values, codeDim, queryBits, this.codec.planeBytes, this.planes, 0);
    this.c0 = c0;
    this.delta = delta;
    this.offset = (((1 << bits) - 1) / 2) * (sum - mid * codeDim);
  }
}
