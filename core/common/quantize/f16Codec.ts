import type { Matrix } from '../types.js';
import {
  checkDim,
  decodeTarget,
  type Codec,
  type CodeMetric,
  type EncodedVectors,
  type Scorer,
} from './codec.js';
import { F32ReferenceScorer } from './f32Codec.js';
import { fromHalfBits, toHalfBits } from './fp16.js';
import { WasmArena } from './wasmArena.js';
import { codeBytes } from '../search/graphMemory.js';

/** IEEE half precision, 2 bytes per coordinate; no training. */
export class F16Codec implements Codec {
  readonly kind = 'F16' as const;
  readonly codeBytes: number;
  readonly refineBytes = 0;

  constructor(
    readonly dim: number,
    readonly metric: CodeMetric,
  ) {
    this.codeBytes = dim * 2;
  }

  static train(m: Matrix, metric: CodeMetric): F16Codec {
    return new F16Codec(m.dim, metric);
  }

  encode(m: Matrix): EncodedVectors {
    checkDim(m, this.dim, 'F16');
    const codes = codeBytes(m.n * m.dim * 2);
    const h = new Uint16Array(codes.buffer, codes.byteOffset, m.n * m.dim);
    for (let i = 0; i < h.length; i++) h[i] = toHalfBits(m.data[i]!);
    return { n: m.n, dim: m.dim, codes };
  }

  decode(v: EncodedVectors, out?: Float32Array): Matrix {
    const len = v.n * v.dim;
    const h = new Uint16Array(len);
    new Uint8Array(h.buffer).set(v.codes.subarray(0, len * 2));
    const data = decodeTarget(len, out);
    for (let i = 0; i < len; i++) data[i] = fromHalfBits(h[i]!);
    return { data, n: v.n, dim: v.dim };
  }

  decodePrimary(v: EncodedVectors, out?: Float32Array): Matrix {
    return this.decode(v, out);
  }

  scorer(v: EncodedVectors, impl: 'wasm' | 'reference' = 'wasm'): Scorer {
    if (impl === 'reference') return new F32ReferenceScorer(this.decode(v), this.metric);
    const dim = v.dim;
    const a = new WasmArena();
    const qAt = a.reserve(dim * 4);
    const xAt = a.reserve(v.n * dim * 2);
    a.commit();
    const q = a.f32(qAt, dim);
    a.u8(xAt, v.n * dim * 2).set(v.codes.subarray(0, v.n * dim * 2));
    const k = a.k;
    const stride = dim * 2;
    const distance =
      this.metric === 'l2'
        ? (i: number) => k.l2F16(qAt, xAt + i * stride, dim)
        : (i: number) => -k.dotF16(qAt, xAt + i * stride, dim);
    return {
      setQuery(src, offset = 0) {
        q.set(src.subarray(offset, offset + dim));
      },
      distance,
      refined: distance,
    };
  }
}
