import type { Matrix } from '../types.js';
import {
  checkDim,
  decodeTarget,
  type Codec,
  type CodeMetric,
  type EncodedVectors,
  type Scorer,
} from './codec.js';
import { polarFactor, randomOrthogonal } from '../linalg/polarFactor.js';
import { PqCodec } from './pqCodec.js';
import { createRng, sampleIndices } from '../random.js';

export interface OpqTrainOptions {
  seed: number;
  /** Alternations of PQ training and rotation update (FAISS: 50); 0 = a random rotation only. */
  iterations?: number;
  /** k-means iterations of the PQ inside each alternation (FAISS: 4). */
  pqIterations?: number;
  /** k-means iterations of the final PQ. */
  finalIterations?: number;
  maxTrain?: number;
}

/**
 * Optimized product quantization: an orthogonal rotation P learned jointly with PQ (alternating PQ
 * training and orthogonal Procrustes, FAISS OPQMatrix), then PQ on x·P. The rotation is D × D, so
 * training costs O(D³) per alternation: use it after a reduction for large D.
 */
export class OpqCodec implements Codec {
  readonly kind = 'OPQ' as const;
  readonly refineBytes = 0;

  constructor(
    /** Row-major D × D orthogonal matrix; rotated = x·rotation. */
    readonly rotation: Float32Array,
    readonly pq: PqCodec,
  ) {}

  get dim(): number {
    return this.pq.dim;
  }
  get metric(): CodeMetric {
    return this.pq.metric;
  }
  get codeBytes(): number {
    return this.pq.codeBytes;
  }

  static train(m: Matrix, subspaces: number, metric: CodeMetric, opts: OpqTrainOptions): OpqCodec {
    const D = m.dim;
    const rng = createRng(opts.seed ^ 0x5bd1e995);
    const maxTrain = opts.maxTrain ?? 256 * 256;
    const rows = m.n > maxTrain ? sampleIndices(m.n, maxTrain, rng) : null;
    const nt = rows ? rows.length : m.n;
    const xs = new Float32Array(nt * D);
    for (let i = 0; i < nt; i++) {
      const r = rows ? rows[i]! : i;
      xs.set(m.data.subarray(r * D, r * D + D), i * D);
    }
    const train: Matrix = { data: xs, n: nt, dim: D };
    let P = randomOrthogonal(D, rng);
    let pq: PqCodec | undefined;
    const iterations = opts.iterations ?? 8;
    for (let it = 0; it < iterations; it++) {
      const xr = rotate(train, P);
      pq = PqCodec.train(xr, subspaces, metric, {
        seed: opts.seed,
        iterations: pq ? (opts.pqIterations ?? 4) : 10,
        maxTrain: nt,
        ...(pq ? { init: pq.centroids } : {}),
      });
      const y = pq.decode(pq.encode(xr));
      // Procrustes: argmin over orthogonal P of ‖X P − Y‖ is the polar factor of Xᵀ Y.
      const M = new Float64Array(D * D);
      for (let i = 0; i < nt; i++) {
        for (let a = 0; a < D; a++) {
          const xa = xs[i * D + a]!;
          if (xa === 0) continue;
          for (let b = 0; b < D; b++) M[a * D + b]! += xa * y.data[i * D + b]!;
        }
      }
      P = polarFactor(M, D, D, rng);
    }
    const final = PqCodec.train(rotate(train, P), subspaces, metric, {
      seed: opts.seed,
      iterations: opts.finalIterations ?? 25,
      maxTrain: nt,
      ...(pq ? { init: pq.centroids } : {}),
    });
    return new OpqCodec(Float32Array.from(P), final);
  }

  private rotated(x: Matrix): Matrix {
    return rotate(x, this.rotation);
  }

  encode(x: Matrix): EncodedVectors {
    checkDim(x, this.dim, 'OPQ');
    return this.pq.encode(this.rotated(x));
  }

  decode(v: EncodedVectors, target?: Float32Array): Matrix {
    const y = this.pq.decode(v);
    // x = y·Pᵀ since P is orthogonal.
    const D = this.dim;
    const out = decodeTarget(v.n * D, target);
    for (let i = 0; i < v.n; i++)
      for (let a = 0; a < D; a++) {
        let s = 0;
        for (let b = 0; b < D; b++) s += y.data[i * D + b]! * this.rotation[a * D + b]!;
        out[i * D + a] = s;
      }
    return { data: out, n: v.n, dim: D };
  }

  decodePrimary(v: EncodedVectors, out?: Float32Array): Matrix {
    return this.decode(v, out);
  }

  scorer(v: EncodedVectors, impl: 'wasm' | 'reference' = 'wasm'): Scorer {
    const inner = this.pq.scorer(v, impl);
    const D = this.dim;
    const qr = new Float32Array(D);
    const P = this.rotation;
    return {
      setQuery(q, offset = 0) {
        qr.fill(0);
        for (let a = 0; a < D; a++) {
          const x = q[offset + a]!;
          if (x === 0) continue;
          for (let b = 0; b < D; b++) qr[b]! += x * P[a * D + b]!;
        }
        inner.setQuery(qr);
      },
      distance: (i) => inner.distance(i),
      refined: (i) => inner.refined(i),
    };
  }
}

function rotate(x: Matrix, P: ArrayLike<number>): Matrix {
  const D = x.dim;
  const out = new Float32Array(x.n * D);
  const row = new Float64Array(D);
  for (let i = 0; i < x.n; i++) {
    row.fill(0);
    for (let a = 0; a < D; a++) {
      const xa = x.data[i * D + a]!;
      if (xa === 0) continue;
      for (let b = 0; b < D; b++) row[b]! += xa * P[a * D + b]!;
    }
    for (let b = 0; b < D; b++) out[i * D + b] = row[b]!;
  }
  return { data: out, n: x.n, dim: D };
}
