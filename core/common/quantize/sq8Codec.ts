import type { Matrix } from '../types.js';
import {
  checkDim,
  decodeTarget,
  type Codec,
  type CodeMetric,
  type EncodedVectors,
  type Scorer,
} from './codec.js';
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
  private readonly norms = new WeakMap<EncodedVectors, Float32Array>();

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

  decode(v: EncodedVectors, out?: Float32Array): Matrix {
    const { n, dim } = v;
    const data = decodeTarget(n * dim, out);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < dim; j++) data[i * dim + j] = this.vmin[j]! + this.step[j]! * v.codes[i * dim + j]!;
    return { data, n, dim };
  }

  decodePrimary(v: EncodedVectors, out?: Float32Array): Matrix {
    return this.decode(v, out);
  }

  scorer(v: EncodedVectors, impl: 'wasm' | 'reference' = 'wasm'): Scorer {
    return impl === 'wasm' ? this.wasmScorer(v) : new Sq8ReferenceScorer(this, v);
  }

  /**
   * Σ_j (step_j·c_j)² per row: ‖x̂ − vmin‖² of the decoded row, the row's term of the l2 distance
   * ‖u − step∘c‖² = ‖u‖² − 2<u ∘ step, c> + ‖step∘c‖² (u = q − vmin). Computed once per encoding.
   */
  rowNorms(v: EncodedVectors): Float32Array {
    let norms = this.norms.get(v);
    if (norms) return norms;
    const { n, dim, codes } = v;
    norms = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < dim; j++) {
        const x = Math.fround(this.step[j]! * codes[i * dim + j]!);
        s += x * x;
      }
      norms[i] = s;
    }
    this.norms.set(v, norms);
    return norms;
  }

  /**
   * Writes the 16-bit query of the integer dot (`scratch`: dim floats) and returns the per-query
   * constants [c0, 0, 1/λ]: under ip c0 = <q, vmin> and q16 ≈ λ·(q ∘ step); under l2 c0 = ‖q − vmin‖²
   * and q16 ≈ λ·((q − vmin) ∘ step). The scorer and the graph module share it, so their distances agree
   * to the bit.
   */
  prepareQuery(
    src: ArrayLike<number>,
    offset: number,
    q16: Int16Array,
    scratch: Float32Array,
  ): [number, 0, number] {
    const { vmin, step, dim } = this;
    const l2 = this.metric === 'l2';
    let c0 = 0;
    for (let j = 0; j < dim; j++) {
      const x = src[offset + j]!;
      if (l2) {
        const u = x - vmin[j]!;
        c0 += u * u;
        scratch[j] = u * step[j]!;
      } else {
        c0 += x * vmin[j]!;
        scratch[j] = x * step[j]!;
      }
    }
    return [c0, 0, quantizeQueryI16(scratch, 0, dim, q16)];
  }

  private wasmScorer(v: EncodedVectors): Scorer {
    const dim = this.dim;
    const a = new WasmArena();
    const qAt = a.reserve(queryI16Bytes(dim));
    const cAt = a.reserve(v.n * dim);
    a.commit();
    a.u8(cAt, v.n * dim).set(v.codes.subarray(0, v.n * dim));
    const k = a.k;
    const q16 = new Int16Array(a.k.memory.buffer, qAt, queryI16Bytes(dim) / 2);
    const scratch = new Float32Array(dim);
    const norms = this.metric === 'l2' ? this.rowNorms(v) : undefined;
    let c0 = 0;
    let invL = 1;
    // Both metrics score with the integer dot of the codes against the 16-bit query: under l2
    // ‖q − x̂‖² = c0 − 2<u ∘ step, c> + ‖step∘c‖² (rowNorms), in the order graph.ts sums it.
    const distance = norms
      ? (i: number) => c0 - 2 * (k.dotU8I16(qAt, cAt + i * dim, dim) * invL) + norms[i]!
      : (i: number) => -(c0 + k.dotU8I16(qAt, cAt + i * dim, dim) * invL);
    return {
      setQuery: (src, offset = 0) => {
        [c0, , invL] = this.prepareQuery(src, offset, q16, scratch);
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
