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
import { codeBytes } from '../search/graphMemory.js';

/**
 * Sign bits of the mean-centred vector, 8 per byte (bit j%8 of byte j/8). Searches rank by the Hamming
 * distance between the query's bits and the codes (cheap, symmetric); follow with `rerank` for
 * accuracy. Centring matters for data that is not zero-mean (pixels). `decode` gives
 * mean + spread·(±1), spread = mean absolute deviation per dim, and Hamming =
 * (D − <sign(q − mean), (decode(x) − mean)/spread>)/2.
 */
export class BinaryCodec implements Codec {
  readonly kind = 'BIN' as const;
  readonly codeBytes: number;
  readonly refineBytes = 0;

  constructor(
    readonly metric: CodeMetric,
    readonly mean: Float32Array,
    readonly spread: Float32Array,
  ) {
    this.codeBytes = Math.ceil(mean.length / 8);
  }

  get dim(): number {
    return this.mean.length;
  }

  static train(m: Matrix, metric: CodeMetric): BinaryCodec {
    const { n, dim, data } = m;
    const mean = new Float64Array(dim);
    for (let i = 0; i < n; i++) for (let j = 0; j < dim; j++) mean[j]! += data[i * dim + j]!;
    for (let j = 0; j < dim; j++) mean[j]! /= Math.max(n, 1);
    const spread = new Float64Array(dim);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < dim; j++) spread[j]! += Math.abs(data[i * dim + j]! - mean[j]!);
    for (let j = 0; j < dim; j++) spread[j]! /= Math.max(n, 1);
    return new BinaryCodec(metric, Float32Array.from(mean), Float32Array.from(spread));
  }

  /** Writes the bits of row `row` of `data` into `out` at byte offset `at`. */
  bitsOf(data: Float32Array, row: number, out: Uint8Array, at: number): void {
    const dim = this.dim;
    out.fill(0, at, at + this.codeBytes);
    for (let j = 0; j < dim; j++)
      if (data[row * dim + j]! > this.mean[j]!) out[at + (j >> 3)]! |= 1 << (j & 7);
  }

  encode(m: Matrix): EncodedVectors {
    checkDim(m, this.dim, 'BIN');
    const codes = codeBytes(m.n * this.codeBytes);
    for (let i = 0; i < m.n; i++) this.bitsOf(m.data, i, codes, i * this.codeBytes);
    return { n: m.n, dim: m.dim, codes };
  }

  decode(v: EncodedVectors, out?: Float32Array): Matrix {
    const { n, dim } = v;
    const data = decodeTarget(n * dim, out);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < dim; j++) {
        const bit = (v.codes[i * this.codeBytes + (j >> 3)]! >> (j & 7)) & 1;
        data[i * dim + j] = this.mean[j]! + (bit ? 1 : -1) * this.spread[j]!;
      }
    return { data, n, dim };
  }

  decodePrimary(v: EncodedVectors, out?: Float32Array): Matrix {
    return this.decode(v, out);
  }

  scorer(v: EncodedVectors, impl: 'wasm' | 'reference' = 'wasm'): Scorer {
    const nb = this.codeBytes;
    const dim = this.dim;
    const qrow = new Float32Array(dim);
    if (impl === 'reference') {
      const qbits = new Uint8Array(nb);
      const distance = (i: number) => {
        let s = 0;
        for (let b = 0; b < nb; b++) {
          let x = qbits[b]! ^ v.codes[i * nb + b]!;
          while (x) {
            x &= x - 1;
            s++;
          }
        }
        return s;
      };
      return {
        setQuery: (q, offset = 0) => {
          qrow.set(q.subarray(offset, offset + dim));
          this.bitsOf(qrow, 0, qbits, 0);
        },
        distance,
        refined: distance,
      };
    }
    const a = new WasmArena();
    const qAt = a.reserve(nb);
    const cAt = a.reserve(v.n * nb);
    a.commit();
    const qbits = a.u8(qAt, nb);
    a.u8(cAt, v.n * nb).set(v.codes.subarray(0, v.n * nb));
    const k = a.k;
    const distance = (i: number) => k.hamming(qAt, cAt + i * nb, nb);
    return {
      setQuery: (q, offset = 0) => {
        qrow.set(q.subarray(offset, offset + dim));
        this.bitsOf(qrow, 0, qbits, 0);
      },
      distance,
      refined: distance,
    };
  }
}
