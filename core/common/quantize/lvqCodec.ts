import type { Matrix } from '../types.js';
import {
  checkDim,
  decodeTarget,
  type Codec,
  type CodeMetric,
  type EncodedVectors,
  type Scorer,
} from './codec.js';
import { roundHalfDown, roundHalfUp } from './fp16.js';
import { nibbleAt, nibbleBytes, packNibbles } from './nibbles.js';
import { quantizeQueryI16, queryI16Bytes } from './queryI16.js';
import { WasmArena } from './wasmArena.js';
import { codeBytes } from '../search/graphMemory.js';

export type LvqKind = 'LVQ8' | 'LVQ4' | 'LVQ4x8';

/** Smallest normal fp16, a floor for the step so that near-constant vectors keep a valid scale. */
const MIN_STEP = 2 ** -14;

/**
 * Locally-adaptive vector quantization (ALGORITHMS.md §2): subtract the global mean, then quantize
 * each vector with its own step Δ = (max − min)/(2^B − 1) and bias b = min, both fp16. LVQ4x8 adds a
 * second 8-bit level over the first level's residual, which lies in [−Δ/2, Δ/2].
 *
 * Unlike the reference (which rounds Δ and b to the nearest fp16), b is rounded down and Δ up, so
 * every coordinate lies inside the code range and the error is at most Δ/2 per coordinate.
 */
export class LvqCodec implements Codec {
  readonly codeBytes: number;
  readonly refineBytes: number;
  readonly bits: 4 | 8;
  private readonly norms = new WeakMap<EncodedVectors, Float32Array>();

  constructor(
    readonly kind: LvqKind,
    readonly metric: CodeMetric,
    readonly mean: Float32Array,
  ) {
    this.bits = kind === 'LVQ8' ? 8 : 4;
    this.codeBytes = (this.bits === 8 ? this.dim : nibbleBytes(this.dim)) + 4;
    this.refineBytes = kind === 'LVQ4x8' ? this.dim : 0;
  }

  get dim(): number {
    return this.mean.length;
  }

  private get recordBytes(): number {
    return this.codeBytes - 4;
  }

  static train(kind: LvqKind, m: Matrix, metric: CodeMetric): LvqCodec {
    const mean = new Float64Array(m.dim);
    for (let i = 0; i < m.n; i++) for (let j = 0; j < m.dim; j++) mean[j]! += m.data[i * m.dim + j]!;
    if (m.n > 0) for (let j = 0; j < m.dim; j++) mean[j]! /= m.n;
    return new LvqCodec(kind, metric, Float32Array.from(mean));
  }

  encode(m: Matrix): EncodedVectors {
    checkDim(m, this.dim, this.kind);
    const { n, dim, data } = m;
    const rb = this.recordBytes;
    const codes = codeBytes(n * rb);
    const refine = this.kind === 'LVQ4x8' ? new Uint8Array(n * dim) : undefined;
    const scale = new Float32Array(n);
    const bias = new Float32Array(n);
    const levels = (1 << this.bits) - 1;
    const xc = new Float64Array(dim);
    const c = new Uint8Array(dim);
    for (let i = 0; i < n; i++) {
      let lo = Infinity;
      let hi = -Infinity;
      for (let j = 0; j < dim; j++) {
        const v = data[i * dim + j]! - this.mean[j]!;
        xc[j] = v;
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
      if (dim === 0) lo = hi = 0;
      const b = roundHalfDown(lo);
      const delta = roundHalfUp(Math.max((hi - b) / levels, MIN_STEP));
      scale[i] = delta;
      bias[i] = b;
      for (let j = 0; j < dim; j++) {
        const q = Math.round((xc[j]! - b) / delta);
        c[j] = q < 0 ? 0 : q > levels ? levels : q;
      }
      if (this.bits === 8) codes.set(c, i * rb);
      else packNibbles(c, dim, codes, i * rb);
      if (refine) {
        const fine = delta / 255;
        for (let j = 0; j < dim; j++) {
          const r = xc[j]! - (delta * c[j]! + b) + delta / 2;
          const e = Math.round(r / fine);
          refine[i * dim + j] = e < 0 ? 0 : e > 255 ? 255 : e;
        }
      }
    }
    return refine ? { n, dim, codes, refine, scale, bias } : { n, dim, codes, scale, bias };
  }

  /** The level-1 integer code of vector i, dim j. */
  code(v: EncodedVectors, i: number, j: number): number {
    const at = i * this.recordBytes;
    return this.bits === 8 ? v.codes[at + j]! : nibbleAt(v.codes, at, j, this.dim);
  }

  decode(v: EncodedVectors, out?: Float32Array): Matrix {
    return this.reconstruct(v, this.kind === 'LVQ4x8', out);
  }

  decodePrimary(v: EncodedVectors, out?: Float32Array): Matrix {
    return this.reconstruct(v, false, out);
  }

  private reconstruct(v: EncodedVectors, twoLevel: boolean, out?: Float32Array): Matrix {
    const { n, dim } = v;
    const data = decodeTarget(n * dim, out);
    for (let i = 0; i < n; i++) {
      const d = v.scale![i]!;
      const b = v.bias![i]!;
      for (let j = 0; j < dim; j++) {
        let x = this.mean[j]! + d * this.code(v, i, j) + b;
        if (twoLevel) x += (d / 255) * v.refine![i * dim + j]! - d / 2;
        data[i * dim + j] = x;
      }
    }
    return { data, n, dim };
  }

  scorer(v: EncodedVectors, impl: 'wasm' | 'reference' = 'wasm'): Scorer {
    return impl === 'wasm' ? this.wasmScorer(v) : new LvqReferenceScorer(this, v);
  }

  /**
   * Σ_j (b + Δ·c_j)² per row of LVQ8 codes: ‖x̂ − mean‖² of the decoded row, the row's term of the l2
   * distance ‖u − b − Δc‖² = ‖u‖² − 2(Δ<u, c> + b·Σu) + ‖b + Δc‖² (u = q − mean). Computed once per
   * encoding.
   */
  rowNorms(v: EncodedVectors): Float32Array {
    let norms = this.norms.get(v);
    if (norms) return norms;
    const { n, dim } = v;
    norms = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      const d = v.scale![i]!;
      const b = v.bias![i]!;
      let s = 0;
      for (let j = 0; j < dim; j++) {
        const x = d * this.code(v, i, j) + b;
        s += x * x;
      }
      norms[i] = s;
    }
    this.norms.set(v, norms);
    return norms;
  }

  /**
   * LVQ8's 16-bit query for the integer dot, and the per-query constants [c0, c1, 1/λ]: under ip
   * c0 = <q, mean>, c1 = Σq and q16 ≈ λ·q; under l2 c0 = ‖u‖², c1 = Σu and q16 ≈ λ·u with u = q − mean.
   * The scorer and the graph module share it, so their distances agree to the bit.
   */
  prepareQueryI16(
    src: ArrayLike<number>,
    offset: number,
    q16: Int16Array,
    scratch: Float64Array,
  ): [number, number, number] {
    const { dim, mean } = this;
    const l2 = this.metric === 'l2';
    let c0 = 0;
    let c1 = 0;
    for (let j = 0; j < dim; j++) {
      const x = src[offset + j]!;
      const u = l2 ? x - mean[j]! : x;
      scratch[j] = u;
      c0 += l2 ? u * u : x * mean[j]!;
      c1 += u;
    }
    return [c0, c1, quantizeQueryI16(scratch, 0, dim, q16)];
  }

  private wasmScorer(v: EncodedVectors): Scorer {
    const { dim, metric, mean, bits } = this;
    const rb = this.recordBytes;
    const scale = v.scale!;
    const bias = v.bias!;
    const a = new WasmArena();
    const qAt = a.reserve(Math.max(dim * 4, queryI16Bytes(dim)));
    const cAt = a.reserve(v.n * rb);
    const eAt = v.refine ? a.reserve(v.n * dim) : 0;
    a.commit();
    const q = a.f32(qAt, dim);
    const q16 = new Int16Array(a.k.memory.buffer, qAt, queryI16Bytes(dim) / 2);
    // LVQ8 scores with an integer dot product (16-bit query) under both metrics: half the work of the
    // float one; under l2 the row's ‖b + Δc‖² (rowNorms) completes the expansion of the square.
    const intDot = bits === 8;
    const scratch = new Float64Array(dim);
    let c2 = 1;
    a.u8(cAt, v.n * rb).set(v.codes.subarray(0, v.n * rb));
    if (v.refine) a.u8(eAt, v.n * dim).set(v.refine.subarray(0, v.n * dim));
    const k = a.k;
    // ip: <q, mean> + Δ·<q, c> + b·Σq;  l2: Σ (q − mean − b − Δ·c)².
    let c0 = 0;
    let c1 = 0;
    let distance: (i: number) => number;
    let refined: (i: number) => number;
    if (intDot && metric === 'l2') {
      const norms = this.rowNorms(v);
      // The order of graph.ts's codeDistance, so the two agree to the bit.
      distance = (i) =>
        c0 - 2 * (scale[i]! * (k.dotU8I16(qAt, cAt + i * rb, dim) * c2) + bias[i]! * c1) + norms[i]!;
      refined = distance;
    } else if (intDot) {
      distance = (i) => -(c0 + scale[i]! * (k.dotU8I16(qAt, cAt + i * rb, dim) * c2) + bias[i]! * c1);
      refined = distance;
    } else if (metric === 'ip') {
      distance = (i) => -(c0 + scale[i]! * k.dotU4(qAt, cAt + i * rb, dim) + bias[i]! * c1);
      refined = !v.refine
        ? distance
        : (i) => {
            const d = scale[i]!;
            const fine = d / 255;
            return -(
              c0 +
              d * k.dotU4(qAt, cAt + i * rb, dim) +
              fine * k.dotU8(qAt, eAt + i * dim, dim) +
              (bias[i]! - d / 2) * c1
            );
          };
    } else {
      distance = (i) => k.l2U4Affine(qAt, cAt + i * rb, dim, scale[i]!, bias[i]!);
      refined = !v.refine
        ? distance
        : (i) => {
            const d = scale[i]!;
            return k.l2U4U8(qAt, cAt + i * rb, eAt + i * dim, dim, d, d / 255, bias[i]! - d / 2);
          };
    }
    return {
      setQuery: (src, offset = 0) => {
        if (intDot) {
          [c0, c1, c2] = this.prepareQueryI16(src, offset, q16, scratch);
          return;
        }
        c0 = 0;
        c1 = 0;
        for (let j = 0; j < dim; j++) {
          const x = src[offset + j]!;
          if (metric === 'ip') {
            q[j] = x;
            c0 += x * mean[j]!;
            c1 += x;
          } else q[j] = x - mean[j]!;
        }
      },
      distance,
      refined,
    };
  }
}

/** Plain-TS distances straight from the codes (no decoded copy), the kernels' reference. */
class LvqReferenceScorer implements Scorer {
  private readonly q: Float64Array;
  constructor(
    private readonly c: LvqCodec,
    private readonly v: EncodedVectors,
  ) {
    this.q = new Float64Array(c.dim);
  }
  setQuery(src: Float32Array, offset = 0): void {
    for (let j = 0; j < this.c.dim; j++) this.q[j] = src[offset + j]!;
  }
  private score(i: number, twoLevel: boolean): number {
    const { dim, mean, metric } = this.c;
    const d = this.v.scale![i]!;
    const b = this.v.bias![i]!;
    let s = 0;
    for (let j = 0; j < dim; j++) {
      let x = mean[j]! + d * this.c.code(this.v, i, j) + b;
      if (twoLevel) x += (d / 255) * this.v.refine![i * dim + j]! - d / 2;
      if (metric === 'l2') s += (this.q[j]! - x) ** 2;
      else s -= this.q[j]! * x;
    }
    return s;
  }
  distance(i: number): number {
    return this.score(i, false);
  }
  refined(i: number): number {
    return this.score(i, this.v.refine !== undefined);
  }
}
