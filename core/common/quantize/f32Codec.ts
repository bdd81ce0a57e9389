import type { Matrix } from '../types.js';
import {
  checkDim,
  decodeTarget,
  type Codec,
  type CodeMetric,
  type EncodedVectors,
  type Scorer,
} from './codec.js';
import { WasmArena } from './wasmArena.js';

/** Uncompressed float32 vectors: the reference every codec is measured against. */
export class F32Codec implements Codec {
  readonly kind = 'F32' as const;
  readonly codeBytes: number;
  readonly refineBytes = 0;

  constructor(
    readonly dim: number,
    readonly metric: CodeMetric,
  ) {
    this.codeBytes = dim * 4;
  }

  static train(m: Matrix, metric: CodeMetric): F32Codec {
    return new F32Codec(m.dim, metric);
  }

  /** The codes are a view of the rows, not a copy: at a million rows a copy is gigabytes. */
  encode(m: Matrix): EncodedVectors {
    checkDim(m, this.dim, 'F32');
    return { n: m.n, dim: m.dim, codes: new Uint8Array(m.data.buffer, m.data.byteOffset, m.n * m.dim * 4) };
  }

  decode(v: EncodedVectors, out?: Float32Array): Matrix {
    const data = decodeTarget(v.n * v.dim, out);
    new Uint8Array(data.buffer, data.byteOffset, data.byteLength).set(
      v.codes.subarray(0, v.n * this.codeBytes),
    );
    return { data, n: v.n, dim: v.dim };
  }

  decodePrimary(v: EncodedVectors, out?: Float32Array): Matrix {
    return this.decode(v, out);
  }

  scorer(v: EncodedVectors, impl: 'wasm' | 'reference' = 'wasm'): Scorer {
    return impl === 'wasm'
      ? f32WasmScorer(v, this.metric)
      : new F32ReferenceScorer(this.decode(v), this.metric);
  }
}

/** A WASM scorer over float rows; the Vamana build uses it on decoded primary vectors. */
export function f32WasmScorer(v: EncodedVectors, metric: CodeMetric): Scorer {
  const dim = v.dim;
  const a = new WasmArena();
  const qAt = a.reserve(dim * 4);
  const xAt = a.reserve(v.n * dim * 4);
  a.commit();
  const q = a.f32(qAt, dim);
  a.u8(xAt, v.n * dim * 4).set(v.codes.subarray(0, v.n * dim * 4));
  const k = a.k;
  const stride = dim * 4;
  const distance =
    metric === 'l2'
      ? (i: number) => k.l2F32(qAt, xAt + i * stride, dim)
      : (i: number) => -k.dotF32(qAt, xAt + i * stride, dim);
  return {
    setQuery(src, offset = 0) {
      q.set(src.subarray(offset, offset + dim));
    },
    distance,
    refined: distance,
  };
}

/** Wraps a float matrix without copying it; distances in plain TS (f32 products, f64 sums). */
export class F32ReferenceScorer implements Scorer {
  private readonly q: Float32Array;
  constructor(
    private readonly m: Matrix,
    private readonly metric: CodeMetric,
  ) {
    this.q = new Float32Array(m.dim);
  }
  setQuery(src: Float32Array, offset = 0): void {
    this.q.set(src.subarray(offset, offset + this.m.dim));
  }
  distance(i: number): number {
    const { data, dim } = this.m;
    const q = this.q;
    const o = i * dim;
    let s = 0;
    if (this.metric === 'l2') {
      for (let j = 0; j < dim; j++) {
        const d = q[j]! - data[o + j]!;
        s += d * d;
      }
      return s;
    }
    for (let j = 0; j < dim; j++) s += q[j]! * data[o + j]!;
    return -s;
  }
  refined(i: number): number {
    return this.distance(i);
  }
}
