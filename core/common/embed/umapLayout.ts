import { CancelledError } from '../errors.js';
import type { Rng } from '../random.js';
import { createRng } from '../random.js';
import type { KnnResult, Matrix, Metric } from '../types.js';
import { firstNeighbours } from '../knn/firstNeighbours.js';
import { fastPow, powTables } from './fastPow.js';
import { findAbParams } from './findAbParams.js';
import type { FuzzyGraph } from './fuzzySimplicialSet.js';
import {
  fuzzySimplicialSet,
  membershipStrengths,
  smoothKnnDistances,
  umapDistances,
} from './fuzzySimplicialSet.js';
import { pcaCoordinates } from './pcaCoordinates.js';
import { spectralLayout } from './spectralLayout.js';
import { UmapSgdWasm } from './umapSgdWasm.js';

export interface UmapOptions {
  /** Output dimension, 2 or 3 (default 2). */
  dim?: number;
  /** n_neighbors counting the point itself (umap-learn convention); default knn.k + 1. */
  nNeighbors?: number;
  minDist?: number;
  spread?: number;
  /** Default as umap-learn: 500 for n ≤ 10,000, else 200. */
  nEpochs?: number;
  learningRate?: number;
  negativeSampleRate?: number;
  repulsionStrength?: number;
  localConnectivity?: number;
  setOpMixRatio?: number;
  seed?: number;
  /** How the k-NN distances were ranked (default l2, squared). */
  metric?: Metric;
  /**
   * 'spectral' (umap-learn's default, the graph Laplacian's eigenvectors, per component when the graph
   * falls apart; 'pca' or 'random' for tiny graphs and more than 2,000 components); 'pca' needs `data`; 'random' is umap-js's uniform start;
   * or an n × dim array to start from. Default 'spectral'.
   */
  init?: 'spectral' | 'pca' | 'random' | Float32Array;
  /** Where the SGD runs: the WebAssembly kernel (default) or the plain-TS reference. */
  engine?: 'wasm' | 'ts';
}

export interface UmapInput {
  /** The base against itself, self excluded, best first. Its k must be at least nNeighbors − 1. */
  knn: KnnResult;
  /** The vectors, needed only for init 'pca'. */
  data?: Matrix;
}

/** The default epoch count of umap-learn for n points. */
function defaultUmapEpochs(n: number): number {
  return n <= 10000 ? 500 : 200;
}

/** Rescales each coordinate to [0, 10] and adds tiny noise, as umap-learn does to its initialisation. */
function scaleInit(y: Float32Array, n: number, dim: number, rng: Rng): void {
  for (let c = 0; c < dim; c++) {
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < n; i++) {
      const v = y[i * dim + c]!;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    const s = hi > lo ? 10 / (hi - lo) : 1;
    for (let i = 0; i < n; i++) y[i * dim + c] = (y[i * dim + c]! - lo) * s + 1e-4 * rng.normal();
  }
}

/**
 * A UMAP layout with an explicit lifecycle: `create` builds the fuzzy graph and the start layout,
 * `step(e)` runs e epochs of the SGD (same mathematics as umap-learn / umap-js: attractive updates per
 * edge at a rate proportional to its weight, negativeSampleRate repulsive samples per attraction,
 * gradients clipped at 4, learning rate decaying linearly), `layout()` copies out the current
 * coordinates (so the host can stream them), and `cancel()` makes the next `step` throw CancelledError.
 */
export class UmapLayout {
  readonly n: number;
  readonly dim: number;
  readonly nEpochs: number;
  readonly a: number;
  readonly b: number;
  readonly graph: FuzzyGraph;
  /** The start actually used ('spectral' falls back when the graph is not connected). */
  readonly initUsed: 'spectral' | 'pca' | 'random' | 'given';
  private readonly opts: Required<Omit<UmapOptions, 'init' | 'nEpochs' | 'nNeighbors' | 'dim' | 'engine'>> & {
    nNeighbors: number;
  };
  private readonly embedding: Float32Array;
  private readonly head: Int32Array;
  private readonly tail: Int32Array;
  private readonly epochsPerSample: Float64Array;
  private readonly epochOfNextSample: Float64Array;
  private readonly epochOfNextNegativeSample: Float64Array;
  private readonly rng: Rng;
  private readonly rngState: Int32Array;
  private readonly wasm: UmapSgdWasm | undefined;
  private readonly powTab: Float64Array;
  private epochDone = 0;
  private cancelled = false;

  private constructor(input: UmapInput, options: UmapOptions) {
    const { knn } = input;
    this.n = knn.nq;
    this.dim = options.dim ?? 2;
    const nNeighbors = Math.min(options.nNeighbors ?? knn.k + 1, knn.k + 1);
    this.opts = {
      nNeighbors,
      minDist: options.minDist ?? 0.1,
      spread: options.spread ?? 1,
      learningRate: options.learningRate ?? 1,
      negativeSampleRate: options.negativeSampleRate ?? 5,
      repulsionStrength: options.repulsionStrength ?? 1,
      localConnectivity: options.localConnectivity ?? 1,
      setOpMixRatio: options.setOpMixRatio ?? 1,
      seed: options.seed ?? 42,
      metric: options.metric ?? 'l2',
    };
    this.nEpochs = options.nEpochs ?? defaultUmapEpochs(this.n);
    this.rng = createRng(this.opts.seed);
    this.rngState = seedState(this.rng);
    ({ a: this.a, b: this.b } = findAbParams(this.opts.spread, this.opts.minDist));
    this.powTab = powTables(this.b);

    const used = firstNeighbours(knn, nNeighbors - 1);
    this.graph = fuzzySimplicialSet(used, umapDistances(used, this.opts.metric), {
      nNeighbors,
      localConnectivity: this.opts.localConnectivity,
      setOpMixRatio: this.opts.setOpMixRatio,
    });

    let init = options.init ?? 'spectral';
    let spectral: Float32Array | undefined;
    if (init === 'spectral') {
      spectral = spectralLayout(
        this.graph,
        this.dim,
        this.rng,
        input.data ? { data: input.data } : {},
      )?.coords;
      if (!spectral) init = input.data ? 'pca' : 'random';
    }
    this.initUsed = init instanceof Float32Array ? 'given' : init;
    if (spectral) {
      this.embedding = spectral;
      scaleInit(this.embedding, this.n, this.dim, this.rng);
    } else if (init instanceof Float32Array) {
      if (init.length !== this.n * this.dim) throw new Error(`init must hold ${this.n}×${this.dim} values`);
      this.embedding = Float32Array.from(init);
    } else if (init === 'pca') {
      if (!input.data) throw new Error("init 'pca' needs the data");
      this.embedding = pcaCoordinates(input.data, this.dim, this.rng);
      scaleInit(this.embedding, this.n, this.dim, this.rng);
    } else {
      this.embedding = new Float32Array(this.n * this.dim);
      for (let i = 0; i < this.embedding.length; i++) this.embedding[i] = this.rng.next() * 20 - 10;
    }

    const { head, tail, eps } = edgeSchedule(this.graph, this.nEpochs);
    this.head = head;
    this.tail = tail;
    this.epochsPerSample = eps;
    this.epochOfNextSample = Float64Array.from(eps);
    this.epochOfNextNegativeSample = Float64Array.from(eps, (e) => e / this.opts.negativeSampleRate);
    this.wasm =
      (options.engine ?? 'wasm') === 'wasm'
        ? new UmapSgdWasm(
            this.embedding.length,
            this.embedding,
            undefined,
            head,
            tail,
            eps,
            this.epochOfNextSample,
            this.epochOfNextNegativeSample,
            this.rngState,
            this.powTab,
          )
        : undefined;
  }

  /** Builds the graph and the start layout (O(n·k) plus the initialisation). */
  static create(input: UmapInput, options: UmapOptions = {}): UmapLayout {
    if (input.knn.nq < 3) throw new Error('UMAP needs at least 3 points');
    return new UmapLayout(input, options);
  }

  get epoch(): number {
    return this.epochDone;
  }

  get done(): boolean {
    return this.epochDone >= this.nEpochs;
  }

  /** Runs up to `epochs` more epochs; returns true when all are done. Throws CancelledError after cancel. */
  step(epochs = 1): boolean {
    const end = Math.min(this.nEpochs, this.epochDone + epochs);
    while (this.epochDone < end) {
      if (this.cancelled) throw new CancelledError();
      const alpha = this.opts.learningRate * (1 - this.epochDone / this.nEpochs);
      if (this.wasm) {
        const o = this.opts;
        this.wasm.epoch(
          this.epochDone,
          o.negativeSampleRate,
          this.n,
          this.dim,
          this.a,
          this.b,
          o.repulsionStrength,
          alpha,
          true,
        );
        this.epochDone++;
        continue;
      }
      optimizeEpoch(
        this.embedding,
        this.embedding,
        this.head,
        this.tail,
        this.epochsPerSample,
        this.epochOfNextSample,
        this.epochOfNextNegativeSample,
        this.opts.negativeSampleRate,
        this.epochDone,
        this.n,
        this.dim,
        this.a,
        this.b,
        this.opts.repulsionStrength,
        alpha,
        true,
        this.rngState,
        this.powTab,
      );
      this.epochDone++;
    }
    return this.done;
  }

  /** Runs every remaining epoch and returns the final layout (a copy owned by the caller). */
  run(): Float32Array {
    this.step(this.nEpochs);
    return this.layout();
  }

  /** A copy of the current n × dim coordinates, owned by the caller. */
  layout(): Float32Array {
    if (this.wasm) this.wasm.readLayout(this.embedding);
    return this.embedding.slice();
  }

  cancel(): void {
    this.cancelled = true;
  }

  /** The fitted map as plain data (a copy): what `umapTransform` needs, e.g. in a worker thread. */
  model(): UmapModel {
    const o = this.opts;
    return {
      embedding: this.layout(),
      n: this.n,
      dim: this.dim,
      a: this.a,
      b: this.b,
      nNeighbors: o.nNeighbors,
      metric: o.metric,
      localConnectivity: o.localConnectivity,
      learningRate: o.learningRate,
      negativeSampleRate: o.negativeSampleRate,
      repulsionStrength: o.repulsionStrength,
      seed: o.seed,
      engine: this.wasm ? 'wasm' : 'ts',
    };
  }

  /** Places new points into this map without moving it (see umapTransform). Returns a new nq × dim array. */
  transform(knn: KnnResult, options: UmapTransformOptions = {}): Float32Array {
    return umapTransform(this.model(), knn, options);
  }
}

/** A fitted UMAP map as plain data (UmapLayout.model()): enough to place new points into it. */
export interface UmapModel {
  /** The fitted n × dim layout; read, never written. */
  embedding: Float32Array;
  n: number;
  dim: number;
  a: number;
  b: number;
  nNeighbors: number;
  metric: Metric;
  localConnectivity: number;
  learningRate: number;
  negativeSampleRate: number;
  repulsionStrength: number;
  seed: number;
  engine: 'wasm' | 'ts';
}

export interface UmapTransformOptions {
  /** Default umap-learn's: 100 up to 10,000 fitted points, else 30. */
  nEpochs?: number;
  /** Seed of the negative samples (default the fit's seed + 1). */
  seed?: number;
}

/**
 * Places new points into a fitted map without moving it: each query starts at the membership-weighted
 * mean of its base neighbours and is then refined by SGD against the fixed base layout, as umap-learn's
 * `transform` (a quarter of the learning rate; 100 epochs up to 10,000 base points, else 30). `knn`
 * holds the queries' neighbours in the base (best first, same metric as the fit). Queries never pull on
 * each other, so disjoint sets of queries can be placed apart (e.g. on several threads) with their own
 * seeds. Returns a new nq × dim array.
 */
export function umapTransform(
  model: UmapModel,
  knn: KnnResult,
  options: UmapTransformOptions = {},
): Float32Array {
  const used = firstNeighbours(knn, model.nNeighbors);
  const { nq, k } = used;
  const dists = umapDistances(used, model.metric);
  const { sigmas, rhos } = smoothKnnDistances(
    dists,
    nq,
    k,
    model.nNeighbors,
    Math.max(0, model.localConnectivity - 1),
  );
  const w = membershipStrengths(dists, nq, k, sigmas, rhos);
  const dim = model.dim;
  const out = new Float32Array(nq * dim);
  for (let i = 0; i < nq; i++) {
    let sum = 0;
    for (let j = 0; j < k; j++) sum += w[i * k + j]!;
    for (let j = 0; j < k; j++) {
      const id = used.ids[i * k + j]!;
      const f = sum > 0 ? w[i * k + j]! / sum : 1 / k;
      for (let c = 0; c < dim; c++) out[i * dim + c]! += f * model.embedding[id * dim + c]!;
    }
  }
  const nEpochs = options.nEpochs ?? (model.n <= 10000 ? 100 : 30);
  if (nEpochs <= 0) return out;
  const graph: FuzzyGraph = { n: nq, indptr: new Int32Array(nq + 1), indices: used.ids, weights: w };
  for (let i = 0; i <= nq; i++) graph.indptr[i] = i * k;
  const { head, tail, eps } = edgeSchedule(graph, nEpochs);
  const next = Float64Array.from(eps);
  const nextNeg = Float64Array.from(eps, (e) => e / model.negativeSampleRate);
  const rngState = seedState(createRng(options.seed ?? model.seed + 1));
  const powTab = powTables(model.b);
  if (model.engine === 'wasm') {
    const sgd = new UmapSgdWasm(
      out.length,
      out,
      model.embedding,
      head,
      tail,
      eps,
      next,
      nextNeg,
      rngState,
      powTab,
    );
    const o = model;
    for (let e = 0; e < nEpochs; e++) {
      sgd.epoch(
        e,
        o.negativeSampleRate,
        model.n,
        dim,
        model.a,
        model.b,
        o.repulsionStrength,
        (o.learningRate / 4) * (1 - e / nEpochs),
        false,
      );
    }
    return sgd.readLayout(out);
  }
  for (let e = 0; e < nEpochs; e++) {
    optimizeEpoch(
      out,
      model.embedding,
      head,
      tail,
      eps,
      next,
      nextNeg,
      model.negativeSampleRate,
      e,
      model.n,
      dim,
      model.a,
      model.b,
      model.repulsionStrength,
      (model.learningRate / 4) * (1 - e / nEpochs),
      false,
      rngState,
      powTab,
    );
  }
  return out;
}

function seedState(rng: Rng): Int32Array {
  const st = Int32Array.from({ length: 4 }, () => (rng.next() * 4294967296) | 0);
  if ((st[0]! | st[1]! | st[2]! | st[3]!) === 0) st[0] = 1;
  return st;
}

/** Edge list (head = row, tail = column) of the edges kept for nEpochs, with their sampling periods. */
function edgeSchedule(
  g: FuzzyGraph,
  nEpochs: number,
): { head: Int32Array; tail: Int32Array; eps: Float64Array } {
  let max = 0;
  for (let e = 0; e < g.weights.length; e++) if (g.weights[e]! > max) max = g.weights[e]!;
  const cut = max / nEpochs;
  let m = 0;
  for (let e = 0; e < g.weights.length; e++) if (g.weights[e]! >= cut && g.indices[e]! >= 0) m++;
  const head = new Int32Array(m);
  const tail = new Int32Array(m);
  const eps = new Float64Array(m);
  let t = 0;
  for (let i = 0; i < g.n; i++) {
    for (let e = g.indptr[i]!; e < g.indptr[i + 1]!; e++) {
      const w = g.weights[e]!;
      if (w < cut || g.indices[e]! < 0) continue;
      head[t] = i;
      tail[t] = g.indices[e]!;
      eps[t] = max / w;
      t++;
    }
  }
  return { head, tail, eps };
}

/**
 * One epoch of UMAP's SGD over the edge list; `headEmb` moves, `tailEmb` too when moveOther.
 * Negative samples come from an inline xorshift128 generator whose state lives in `rngState` (seeded
 * from the layout's seed), because a closure call per sample costs more than the update itself.
 */
function optimizeEpoch(
  headEmb: Float32Array,
  tailEmb: Float32Array,
  head: Int32Array,
  tail: Int32Array,
  epochsPerSample: Float64Array,
  epochOfNextSample: Float64Array,
  epochOfNextNegativeSample: Float64Array,
  negativeSampleRate: number,
  n: number,
  nVertices: number,
  dim: number,
  a: number,
  b: number,
  gamma: number,
  alpha: number,
  moveOther: boolean,
  rngState: Int32Array,
  powTab: Float64Array,
): void {
  const m = head.length;
  const twoAb = 2 * a * b;
  const twoGammaB = 2 * gamma * b;
  let x = rngState[0]!;
  let y = rngState[1]!;
  let z = rngState[2]!;
  let w = rngState[3]!;
  const is2d = dim === 2;
  for (let e = 0; e < m; e++) {
    if (epochOfNextSample[e]! > n) continue;
    const j = head[e]! * dim;
    const k = tail[e]! * dim;
    let d2 = 0;
    if (is2d) {
      const t0 = headEmb[j]! - tailEmb[k]!;
      const t1 = headEmb[j + 1]! - tailEmb[k + 1]!;
      d2 = t0 * t0 + t1 * t1;
    } else {
      for (let c = 0; c < dim; c++) {
        const t = headEmb[j + c]! - tailEmb[k + c]!;
        d2 += t * t;
      }
    }
    if (d2 > 0) {
      const pb = fastPow(d2, powTab);
      const coeff = (-twoAb * pb) / d2 / (a * pb + 1);
      for (let c = 0; c < dim; c++) {
        let g = coeff * (headEmb[j + c]! - tailEmb[k + c]!);
        g = g > 4 ? 4 : g < -4 ? -4 : g;
        headEmb[j + c]! += g * alpha;
        if (moveOther) tailEmb[k + c]! -= g * alpha;
      }
    }
    epochOfNextSample[e]! += epochsPerSample[e]!;
    const epn = epochsPerSample[e]! / negativeSampleRate;
    const nNeg = Math.floor((n - epochOfNextNegativeSample[e]!) / epn);
    for (let p = 0; p < nNeg; p++) {
      const t = x ^ (x << 11);
      x = y;
      y = z;
      z = w;
      w = w ^ (w >>> 19) ^ (t ^ (t >>> 8));
      const o = Math.floor(((w >>> 0) / 4294967296) * nVertices) * dim;
      let s2 = 0;
      if (is2d) {
        const t0 = headEmb[j]! - tailEmb[o]!;
        const t1 = headEmb[j + 1]! - tailEmb[o + 1]!;
        s2 = t0 * t0 + t1 * t1;
      } else {
        for (let c = 0; c < dim; c++) {
          const u = headEmb[j + c]! - tailEmb[o + c]!;
          s2 += u * u;
        }
      }
      // Coincident points exert no force (umap-learn 0.5; umap-js pushes by 4·alpha instead).
      if (s2 > 0) {
        const coeff = twoGammaB / ((0.001 + s2) * (a * fastPow(s2, powTab) + 1));
        for (let c = 0; c < dim; c++) {
          let g = coeff * (headEmb[j + c]! - tailEmb[o + c]!);
          g = g > 4 ? 4 : g < -4 ? -4 : g;
          headEmb[j + c]! += g * alpha;
        }
      }
    }
    epochOfNextNegativeSample[e]! += nNeg * epn;
  }
  rngState[0] = x;
  rngState[1] = y;
  rngState[2] = z;
  rngState[3] = w;
}
