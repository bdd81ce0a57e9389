import type { Matrix } from '../types.js';
import { checkDim, type Codec, type CodeMetric, type EncodedVectors, type Scorer } from './codec.js';
import { quantizeQueryI16, queryI16Bytes } from './queryI16.js';
import { WasmArena } from './wasmArena.js';
import { codeBytes } from '../search/graphMemory.js';

/**
 * Scalar quantization to 8 bits with a per-dimension [min, max] range from the training rows
 * (FAISS QT_8bit, RS_minmax). Codes round to the nearest of 256 levels vmin + c·step, so a training
 * coordinate is off by at most step/2; values outside the range clamp.
 */
export class Sq8Codec implements Codec {
  readonly kind = 'SQ8' as const;
  readonly codeBytes: number;
  readonly refineBytes = 0;

  constructor(
    readonly metric: CodeMetric,
    readonly vmin: Float32Array,
    readonly step: Float32Array,
  ) {
    this.codeBytes = vmin.length;
  }

  get dim(): number {
    return this.vmin.length;
  }

  static train(m: Matrix, metric: CodeMetric): Sq8Codec {
    const { dim, n, data } = m;
    const lo = new Float32Array(dim).fill(Infinity);
    const hi = new Float32Array(dim).fill(-Infinity);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < dim; j++) {
        const x = data[i * dim + j]!;
        if (x < lo[j]!) lo[j] = x;
        if (x > hi[j]!) hi[j] = x;
      }
    }
    const step = new Float32Array(dim);
    for (let j = 0; j < dim; j++) {
      if (n === 0) lo[j] = 0;
      step[j] = n === 0 ? 0 : (hi[j]! - lo[j]!) / 255;
    }
    return new Sq8Codec(metric, lo, step);
  }

  encode(m: Matrix): EncodedVectors {
    checkDim(m, this.dim, 'SQ8');
    const { n, dim, data } = m;
    const codes = codeBytes(n * dim);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < dim; j++) {
        const s = this.step[j]!;
        const c = s > 0 ? Math.round((data[i * dim + j]! - this.vmin[j]!) / s) : 0;
        codes[i * dim + j] = c < 0 ? 0 : c > 255 ? 255 : c;
      }
    }
    return { n, dim, codes };
  }

  decode(v: EncodedVectors): Matrix {
    const { n, dim } = v;
    const data = new Float32Array(n * dim);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < dim; j++) data[i * dim + j] = this.vmin[j]! + this.step[j]! * v.codes[i * dim + j]!;
    return { data, n, dim };
  }

  decodePrimary(v: EncodedVectors): Matrix {
    return this.decode(v);
  }

  scorer(v: EncodedVectors, impl: 'wasm' | 'reference' = 'wasm'): Scorer {
    return impl === 'wasm' ? this.wasmScorer(v) : new Sq8ReferenceScorer(this, v);
  }

  private wasmScorer(v: EncodedVectors): Scorer {
    const dim = this.dim;
    const { vmin, step, metric } = this;
    const a = new WasmArena();
    const qAt = a.reserve(Math.max(dim * 4, queryI16Bytes(dim)));
    const sAt = a.reserve(dim * 4);
    const cAt = a.reserve(v.n * dim);
    a.commit();
    const q = a.f32(qAt, dim);
    a.f32(sAt, dim).set(step);
    a.u8(cAt, v.n * dim).set(v.codes.subarray(0, v.n * dim));
    const k = a.k;
    // Under ip: an integer dot product with the 16-bit query q ∘ step.
    const q16 = new Int16Array(a.k.memory.buffer, qAt, queryI16Bytes(dim) / 2);
    const qs = new Float32Array(dim);
    let offsetIp = 0;
    let invL = 1;
    const distance =
      metric === 'l2'
        ? (i: number) => k.l2U8Scaled(qAt, sAt, cAt + i * dim, dim)
        : (i: number) => -(offsetIp + k.dotU8I16(qAt, cAt + i * dim, dim) * invL);
    return {
      setQuery(src, offset = 0) {
        // l2: q - vmin against step·c;  ip: <q, vmin> + <q ∘ step, c>.
        offsetIp = 0;
        for (let j = 0; j < dim; j++) {
          const x = src[offset + j]!;
          if (metric === 'l2') q[j] = x - vmin[j]!;
          else {
            offsetIp += x * vmin[j]!;
            qs[j] = x * step[j]!;
          }
        }
        if (metric === 'ip') invL = quantizeQueryI16(qs, 0, dim, q16);
      },
      distance,
      refined: distance,
    };
  }
}

class Sq8ReferenceScorer implements Scorer {
  private readonly q: Float32Array;
  constructor(
    private readonly c: Sq8Codec,
    private readonly v: EncodedVectors,
  ) {
    this.q = new Float32Array(c.dim);
  }
  setQuery(src: Float32Array, offset = 0): void {
    this.q.set(src.subarray(offset, offset + this.c.dim));
  }
  distance(i: number): number {
    const { vmin, step, dim, metric } = this.c;
    const codes = this.v.codes;
    let s = 0;
    for (let j = 0; j < dim; j++) {
      const x = vmin[j]! + step[j]! * codes[i * dim + j]!;
      if (metric === 'l2') s += (this.q[j]! - x) ** 2;
      else s -= this.q[j]! * x;
    }
    return s;
  }
  refined(i: number): number {
    return this.distance(i);
  }
}
