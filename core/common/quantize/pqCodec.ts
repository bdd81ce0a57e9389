import type { Matrix } from '../types.js';
import {
  checkDim,
  decodeTarget,
  type Codec,
  type CodeMetric,
  type EncodedVectors,
  type Scorer,
} from './codec.js';
import { kmeans } from '../cluster/kmeans.js';
import { createRng, sampleIndices } from '../random.js';
import { WasmArena } from './wasmArena.js';
import { codeBytes } from '../search/graphMemory.js';

export interface PqTrainOptions {
  seed: number;
  /** k-means iterations per sub-quantizer (FAISS: 25); 0 = untrained (random rows as centroids). */
  iterations?: number;
  /** Rows sampled for training (FAISS: 256 per centroid). */
  maxTrain?: number;
  /** Warm start: centroids of a previous PQ with the same split. */
  init?: Float32Array;
}

/**
 * Product quantization: the dims split into m contiguous sub-spaces (sizes differ by at most one, so
 * m need not divide D), each with up to 256 k-means centroids; one byte per sub-space. Distances are
 * asymmetric (ADC): a per-query table of query-to-centroid distances, summed over the codes.
 */
export class PqCodec implements Codec {
  readonly kind = 'PQ' as const;
  readonly codeBytes: number;
  readonly refineBytes = 0;
  /** offsets[s] .. offsets[s+1] are the dims of sub-space s; centroid table s starts at centAt[s]. */
  readonly offsets: Int32Array;
  readonly centAt: Int32Array;

  constructor(
    readonly dim: number,
    readonly m: number,
    readonly ksub: number,
    readonly metric: CodeMetric,
    /** Concatenated per-sub-space tables, ksub × dsub_s each. */
    readonly centroids: Float32Array,
  ) {
    this.codeBytes = m;
    this.offsets = splitDims(dim, m);
    this.centAt = new Int32Array(m + 1);
    for (let s = 0; s < m; s++)
      this.centAt[s + 1] = this.centAt[s]! + ksub * (this.offsets[s + 1]! - this.offsets[s]!);
  }

  static train(m: Matrix, subspaces: number, metric: CodeMetric, opts: PqTrainOptions): PqCodec {
    if (subspaces < 1 || subspaces > m.dim)
      throw new Error(`PQ needs 1..${m.dim} sub-quantizers, got ${subspaces}`);
    const rng = createRng(opts.seed);
    const maxTrain = opts.maxTrain ?? 256 * 256;
    const rows = m.n > maxTrain ? sampleIndices(m.n, maxTrain, rng) : null;
    const nt = rows ? rows.length : m.n;
    const ksub = Math.max(1, Math.min(256, nt));
    const offsets = splitDims(m.dim, subspaces);
    const total = ksub * m.dim;
    const centroids = new Float32Array(total);
    let at = 0;
    for (let s = 0; s < subspaces; s++) {
      const lo = offsets[s]!;
      const d = offsets[s + 1]! - lo;
      const sub = new Float32Array(nt * d);
      for (let i = 0; i < nt; i++) {
        const r = rows ? rows[i]! : i;
        sub.set(m.data.subarray(r * m.dim + lo, r * m.dim + lo + d), i * d);
      }
      const init = opts.init?.subarray(at, at + ksub * d);
      // Random rows, fixed iterations to convergence (tol 0), one start: FAISS's PQ training.
      const c = kmeans(
        { data: sub, n: nt, dim: d },
        {
          k: ksub,
          maxIter: opts.iterations ?? 25,
          tol: 0,
          seed: (opts.seed + 7919 * (s + 1)) >>> 0,
          init: init ?? 'random',
          nInit: 1,
        },
      ).centroids;
      centroids.set(c, at);
      at += ksub * d;
    }
    return new PqCodec(m.dim, subspaces, ksub, metric, centroids);
  }

  encode(x: Matrix): EncodedVectors {
    checkDim(x, this.dim, 'PQ');
    const { n, dim } = x;
    const a = new WasmArena();
    const cAt = a.reserve(this.centroids.length * 4);
    const xAt = a.reserve(dim * 4);
    a.commit();
    a.f32(cAt, this.centroids.length).set(this.centroids);
    const xv = a.f32(xAt, dim);
    const codes = codeBytes(n * this.m);
    for (let i = 0; i < n; i++) {
      xv.set(x.data.subarray(i * dim, i * dim + dim));
      for (let s = 0; s < this.m; s++) {
        const lo = this.offsets[s]!;
        const d = this.offsets[s + 1]! - lo;
        codes[i * this.m + s] = a.k.nearestL2(xAt + lo * 4, cAt + this.centAt[s]! * 4, this.ksub, d);
      }
    }
    return { n, dim, codes };
  }

  decode(v: EncodedVectors, out?: Float32Array): Matrix {
    const data = decodeTarget(v.n * this.dim, out);
    for (let i = 0; i < v.n; i++) {
      for (let s = 0; s < this.m; s++) {
        const lo = this.offsets[s]!;
        const d = this.offsets[s + 1]! - lo;
        const c = this.centAt[s]! + v.codes[i * this.m + s]! * d;
        data.set(this.centroids.subarray(c, c + d), i * this.dim + lo);
      }
    }
    return { data, n: v.n, dim: this.dim };
  }

  decodePrimary(v: EncodedVectors, out?: Float32Array): Matrix {
    return this.decode(v, out);
  }

  /** Fills `table` (m × 256) with the distances from query q to every centroid. */
  fillTable(q: Float32Array, qAt: number, table: Float32Array): void {
    for (let s = 0; s < this.m; s++) {
      const lo = this.offsets[s]!;
      const d = this.offsets[s + 1]! - lo;
      for (let c = 0; c < this.ksub; c++) {
        const co = this.centAt[s]! + c * d;
        let acc = 0;
        if (this.metric === 'l2') {
          for (let j = 0; j < d; j++) {
            const t = q[qAt + lo + j]! - this.centroids[co + j]!;
            acc += t * t;
          }
        } else {
          for (let j = 0; j < d; j++) acc -= q[qAt + lo + j]! * this.centroids[co + j]!;
        }
        table[s * 256 + c] = acc;
      }
    }
  }

  scorer(v: EncodedVectors, impl: 'wasm' | 'reference' = 'wasm'): Scorer {
    const m = this.m;
    if (impl === 'reference') {
      const table = new Float32Array(m * 256);
      const distance = (i: number) => {
        let s = 0;
        for (let j = 0; j < m; j++) s += table[j * 256 + v.codes[i * m + j]!]!;
        return s;
      };
      return { setQuery: (q, offset = 0) => this.fillTable(q, offset, table), distance, refined: distance };
    }
    const a = new WasmArena();
    const tAt = a.reserve(m * 256 * 4);
    const cAt = a.reserve(v.n * m);
    a.commit();
    const table = a.f32(tAt, m * 256);
    a.u8(cAt, v.n * m).set(v.codes.subarray(0, v.n * m));
    const k = a.k;
    const distance = (i: number) => k.adc(tAt, cAt + i * m, m);
    return { setQuery: (q, offset = 0) => this.fillTable(q, offset, table), distance, refined: distance };
  }
}

/** Boundaries of m contiguous sub-spaces over dim dims, the first (dim mod m) one dim longer. */
function splitDims(dim: number, m: number): Int32Array {
  const off = new Int32Array(m + 1);
  const base = Math.floor(dim / m);
  const extra = dim % m;
  for (let s = 0; s < m; s++) off[s + 1] = off[s]! + base + (s < extra ? 1 : 0);
  return off;
}
