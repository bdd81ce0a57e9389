import { CancelledError } from '../errors.js';
import { createRng } from '../random.js';
import type { KnnResult, Matrix, Metric } from '../types.js';
import type { FuzzyGraph } from './fuzzySimplicialSet.js';
import { pcaCoordinates } from './pcaCoordinates.js';
import { TsneRepulsionWasm } from './tsneRepulsionWasm.js';

export interface TsneOptions {
  /** 2 or 3 (default 2). */
  dim?: number;
  /** Default 30; capped at the number of neighbours given. */
  perplexity?: number;
  /** Total gradient steps (default 1000, as scikit-learn). */
  nIter?: number;
  earlyExaggeration?: number;
  /** Steps under exaggeration (default 250). */
  exaggerationIter?: number;
  /** Default scikit-learn's 'auto': max(n / earlyExaggeration / 4, 50). */
  learningRate?: number;
  /** Barnes–Hut opening angle (default 0.5). */
  theta?: number;
  seed?: number;
  metric?: Metric;
  /** 'pca' needs data; or an n × dim start. */
  init?: 'pca' | 'random' | Float32Array;
  /** Where 2-D repulsion runs: the WebAssembly kernel (default) or the plain-TS reference. 3-D uses TS. */
  engine?: 'wasm' | 'ts';
}

/**
 * Sparse symmetric t-SNE affinities from a k-NN graph (self excluded, best first): per row a Gaussian
 * kernel whose precision is found by bisection so that the conditional distribution has the given
 * perplexity, then P = (P_j|i + P_i|j) / 2n. `knn` distances are the engine's ranking distances
 * (l2 squared, which is what the Gaussian kernel needs). Returns a new CSR graph.
 */
export function tsneAffinities(knn: KnnResult, perplexity: number, metric: Metric = 'l2'): FuzzyGraph {
  const { nq: n, k } = knn;
  const target = Math.log(Math.min(perplexity, k));
  const cond = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    const o = i * k;
    const d = (j: number): number => {
      const v = knn.dists[o + j]!;
      // cos/ip ranking distances become non-negative squared-distance-like values.
      return metric === 'l2' ? v : 2 * (1 + v);
    };
    const d0 = d(0);
    let beta = 1;
    let lo = -Infinity;
    let hi = Infinity;
    for (let it = 0; it < 100; it++) {
      let sum = 0;
      let sumDP = 0;
      for (let j = 0; j < k; j++) {
        // Shifting by the nearest distance leaves the normalised distribution unchanged but avoids underflow.
        const dj = d(j) - d0;
        const p = Math.exp(-beta * dj);
        sum += p;
        sumDP += dj * p;
      }
      const h = Math.log(sum) + (beta * sumDP) / sum;
      if (Math.abs(h - target) < 1e-5) break;
      if (h > target) {
        lo = beta;
        beta = hi === Infinity ? beta * 2 : (beta + hi) / 2;
      } else {
        hi = beta;
        beta = lo === -Infinity ? beta / 2 : (beta + lo) / 2;
      }
    }
    let sum = 0;
    for (let j = 0; j < k; j++) sum += cond[o + j] = Math.exp(-beta * (d(j) - d0));
    for (let j = 0; j < k; j++) cond[o + j]! /= sum;
  }
  // Symmetrise through a transpose by counting sort, then merge each row's two sorted lists.
  const rowsOf = (i: number): [number, number][] => {
    const r: [number, number][] = [];
    for (let j = 0; j < k; j++) r.push([knn.ids[i * k + j]!, cond[i * k + j]!]);
    return r.sort((a, b) => a[0] - b[0]);
  };
  const tCount = new Int32Array(n + 1);
  for (let e = 0; e < n * k; e++) tCount[knn.ids[e]! + 1]!++;
  for (let i = 0; i < n; i++) tCount[i + 1]! += tCount[i]!;
  const tIdx = new Int32Array(n * k);
  const tVal = new Float64Array(n * k);
  const fill = tCount.slice(0, n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < k; j++) {
      const c = knn.ids[i * k + j]!;
      const p = fill[c]!++;
      tIdx[p] = i;
      tVal[p] = cond[i * k + j]!;
    }
  }
  const indptr = new Int32Array(n + 1);
  const indices = new Int32Array(2 * n * k);
  const weights = new Float32Array(2 * n * k);
  let nnz = 0;
  for (let i = 0; i < n; i++) {
    const a = rowsOf(i);
    let x = 0;
    let y = tCount[i]!;
    const yEnd = tCount[i + 1]!;
    while (x < a.length || y < yEnd) {
      let col: number;
      let v = 0;
      if (y >= yEnd || (x < a.length && a[x]![0] < tIdx[y]!)) {
        col = a[x]![0];
        v = a[x++]![1];
      } else if (x >= a.length || tIdx[y]! < a[x]![0]) {
        col = tIdx[y]!;
        v = tVal[y++]!;
      } else {
        col = a[x]![0];
        v = a[x++]![1] + tVal[y++]!;
      }
      if (col === i) continue;
      if (nnz > indptr[i]! && indices[nnz - 1] === col) {
        weights[nnz - 1]! += v / (2 * n);
        continue;
      }
      indices[nnz] = col;
      weights[nnz] = v / (2 * n);
      nnz++;
    }
    indptr[i + 1] = nnz;
  }
  return { n, indptr, indices: indices.slice(0, nnz), weights: weights.slice(0, nnz) };
}

/**
 * A 2^dim-ary space-partitioning tree (quadtree in 2-D, octree in 3-D) over the layout, in flat arrays,
 * rebuilt each step. Leaves hold one point, or several when they coincide or the depth limit is hit.
 */
class SpaceTree {
  private cap = 0;
  size = 0;
  center = new Float64Array(0);
  half = new Float64Array(0);
  com = new Float64Array(0);
  count = new Int32Array(0);
  child = new Int32Array(0);
  point = new Int32Array(0);

  constructor(readonly dim: number) {}

  private grow(need: number): void {
    if (need <= this.cap) return;
    const cap = Math.max(need, this.cap * 2, 1024);
    const d = this.dim;
    const f = (a: Float64Array, w: number): Float64Array<ArrayBuffer> => {
      const b = new Float64Array(cap * w);
      b.set(a.subarray(0, this.size * w));
      return b;
    };
    const g = (a: Int32Array): Int32Array<ArrayBuffer> => {
      const b = new Int32Array(cap);
      b.set(a.subarray(0, this.size));
      return b;
    };
    this.center = f(this.center, d);
    this.half = f(this.half, 1);
    this.com = f(this.com, d);
    this.count = g(this.count);
    this.child = g(this.child);
    this.point = g(this.point);
    this.cap = cap;
  }

  private newNode(center: ArrayLike<number>, half: number): number {
    this.grow(this.size + 1);
    const id = this.size++;
    const d = this.dim;
    for (let c = 0; c < d; c++) {
      this.center[id * d + c] = center[c]!;
      this.com[id * d + c] = 0;
    }
    this.half[id] = half;
    this.count[id] = 0;
    this.child[id] = -1;
    this.point[id] = -1;
    return id;
  }

  build(y: Float32Array, n: number): void {
    const d = this.dim;
    this.size = 0;
    const lo = new Float64Array(d).fill(Infinity);
    const hi = new Float64Array(d).fill(-Infinity);
    for (let i = 0; i < n; i++) {
      for (let c = 0; c < d; c++) {
        const v = y[i * d + c]!;
        if (v < lo[c]!) lo[c] = v;
        if (v > hi[c]!) hi[c] = v;
      }
    }
    let half = 0;
    const mid = new Float64Array(d);
    for (let c = 0; c < d; c++) {
      mid[c] = (lo[c]! + hi[c]!) / 2;
      half = Math.max(half, (hi[c]! - lo[c]!) / 2);
    }
    this.newNode(mid, half * (1 + 1e-6) + 1e-9);
    for (let i = 0; i < n; i++) this.insert(y, i);
    for (let id = 0; id < this.size; id++) {
      const cnt = this.count[id]!;
      if (cnt > 0) for (let c = 0; c < d; c++) this.com[id * d + c]! /= cnt;
    }
  }

  private childOf(node: number, y: Float32Array, p: number): number {
    const d = this.dim;
    let q = 0;
    for (let c = 0; c < d; c++) if (y[p * d + c]! > this.center[node * d + c]!) q |= 1 << c;
    return this.child[node]! + q;
  }

  private subdivide(node: number): void {
    const d = this.dim;
    const h = this.half[node]! / 2;
    const first = this.size;
    const ctr = new Float64Array(d);
    for (let q = 0; q < 1 << d; q++) {
      for (let c = 0; c < d; c++) ctr[c] = this.center[node * d + c]! + (q & (1 << c) ? h : -h);
      this.newNode(ctr, h);
    }
    this.child[node] = first;
  }

  private insert(y: Float32Array, p: number): void {
    const d = this.dim;
    let node = 0;
    for (let depth = 0; ; depth++) {
      const cnt = this.count[node]!;
      this.count[node] = cnt + 1;
      for (let c = 0; c < d; c++) this.com[node * d + c]! += y[p * d + c]!;
      if (this.child[node]! >= 0) {
        node = this.childOf(node, y, p);
        continue;
      }
      if (cnt === 0) {
        this.point[node] = p;
        return;
      }
      const q = this.point[node]!;
      let same = q >= 0;
      if (q >= 0) for (let c = 0; c < d; c++) if (y[q * d + c] !== y[p * d + c]) same = false;
      if (q < 0 || same || depth > 40) {
        // Coincident or too deep: an aggregate leaf.
        this.point[node] = -1;
        return;
      }
      this.subdivide(node);
      this.point[node] = -1;
      const qc = this.childOf(node, y, q);
      this.count[qc] = 1;
      this.point[qc] = q;
      for (let c = 0; c < d; c++) this.com[qc * d + c] = y[q * d + c]!;
      node = this.childOf(node, y, p);
    }
  }
}

/**
 * t-SNE with Barnes–Hut repulsion (van der Maaten 2014) and scikit-learn's optimiser (early
 * exaggeration 12 for 250 steps, momentum 0.5 then 0.8, adaptive gains, learning rate 'auto'),
 * as an object with the same lifecycle as UmapLayout: create → step → layout → cancel.
 */
export class TsneLayout {
  readonly n: number;
  readonly dim: number;
  readonly nEpochs: number;
  readonly P: FuzzyGraph;
  private readonly y: Float32Array;
  private readonly update: Float64Array;
  private readonly gains: Float64Array;
  private readonly grad: Float64Array;
  private readonly tree: SpaceTree;
  private readonly exag: number;
  private readonly exagIter: number;
  private readonly lr: number;
  private readonly theta: number;
  private readonly wasm: TsneRepulsionWasm | undefined;
  private it = 0;
  private cancelled = false;

  private constructor(knn: KnnResult, data: Matrix | undefined, o: TsneOptions) {
    this.n = knn.nq;
    this.dim = o.dim ?? 2;
    this.nEpochs = o.nIter ?? 1000;
    this.exag = o.earlyExaggeration ?? 12;
    this.exagIter = o.exaggerationIter ?? 250;
    this.lr = o.learningRate ?? Math.max(this.n / this.exag / 4, 50);
    this.theta = o.theta ?? 0.5;
    this.P = tsneAffinities(knn, o.perplexity ?? 30, o.metric ?? 'l2');
    const rng = createRng(o.seed ?? 42);
    const init = o.init ?? (data ? 'pca' : 'random');
    const nd = this.n * this.dim;
    if (init instanceof Float32Array) {
      if (init.length !== nd) throw new Error(`init must hold ${this.n}×${this.dim} values`);
      this.y = Float32Array.from(init);
    } else if (init === 'pca') {
      if (!data) throw new Error("init 'pca' needs the data");
      this.y = pcaCoordinates(data, this.dim, rng);
      // scikit-learn scales the PCA start so the first coordinate has standard deviation 1e-4.
      let m = 0;
      let s = 0;
      for (let i = 0; i < this.n; i++) m += this.y[i * this.dim]!;
      m /= this.n;
      for (let i = 0; i < this.n; i++) s += (this.y[i * this.dim]! - m) ** 2;
      const sd = Math.sqrt(s / this.n) || 1;
      for (let i = 0; i < nd; i++) this.y[i] = (this.y[i]! / sd) * 1e-4;
    } else {
      this.y = Float32Array.from({ length: nd }, () => 1e-4 * rng.normal());
    }
    this.update = new Float64Array(nd);
    this.gains = new Float64Array(nd).fill(1);
    this.grad = new Float64Array(nd);
    this.tree = new SpaceTree(this.dim);
    this.wasm = this.dim === 2 && (o.engine ?? 'wasm') === 'wasm' ? new TsneRepulsionWasm() : undefined;
  }

  /** Builds the affinities and the start layout. `knn` needs about 3·perplexity neighbours. */
  static create(input: { knn: KnnResult; data?: Matrix }, options: TsneOptions = {}): TsneLayout {
    if (input.knn.nq < 4) throw new Error('t-SNE needs at least 4 points');
    return new TsneLayout(input.knn, input.data, options);
  }

  get epoch(): number {
    return this.it;
  }

  get done(): boolean {
    return this.it >= this.nEpochs;
  }

  step(iterations = 1): boolean {
    const end = Math.min(this.nEpochs, this.it + iterations);
    while (this.it < end) {
      if (this.cancelled) throw new CancelledError();
      this.gradientStep();
      this.it++;
    }
    return this.done;
  }

  run(): Float32Array {
    this.step(this.nEpochs);
    return this.layout();
  }

  /** A copy of the current n × dim coordinates, owned by the caller. */
  layout(): Float32Array {
    return this.y.slice();
  }

  cancel(): void {
    this.cancelled = true;
  }

  private gradientStep(): void {
    const { n, dim: d, y, grad, P } = this;
    const exag = this.it < this.exagIter ? this.exag : 1;
    const momentum = this.it < this.exagIter ? 0.5 : 0.8;
    const tree = this.tree;
    tree.build(y, n);
    const theta2 = this.theta * this.theta;
    const { count, point, com, half, child } = tree;
    const stack = new Int32Array(64 * (1 << d));
    let Z = 0;
    if (this.wasm) {
      Z = this.wasm.run(y, n, tree, theta2, grad);
    } else if (d === 2) {
      for (let i = 0; i < n; i++) {
        const yi0 = y[2 * i]!;
        const yi1 = y[2 * i + 1]!;
        let r0 = 0;
        let r1 = 0;
        let sp = 0;
        stack[sp++] = 0;
        while (sp > 0) {
          const node = stack[--sp]!;
          const cnt = count[node]!;
          if (cnt === 0 || point[node] === i) continue;
          const t0 = yi0 - com[2 * node]!;
          const t1 = yi1 - com[2 * node + 1]!;
          const d2 = t0 * t0 + t1 * t1;
          const w = 2 * half[node]!;
          const first = child[node]!;
          if (first < 0 || w * w < theta2 * d2) {
            const q = 1 / (1 + d2);
            const cq = cnt * q;
            Z += cq;
            r0 += cq * q * t0;
            r1 += cq * q * t1;
          } else {
            stack[sp++] = first;
            stack[sp++] = first + 1;
            stack[sp++] = first + 2;
            stack[sp++] = first + 3;
          }
        }
        grad[2 * i] = -r0;
        grad[2 * i + 1] = -r1;
      }
    } else {
      const rep = new Float64Array(d);
      for (let i = 0; i < n; i++) {
        rep.fill(0);
        let sp = 0;
        stack[sp++] = 0;
        while (sp > 0) {
          const node = stack[--sp]!;
          const cnt = count[node]!;
          if (cnt === 0 || point[node] === i) continue;
          let d2 = 0;
          for (let c = 0; c < d; c++) {
            const t = y[i * d + c]! - com[node * d + c]!;
            d2 += t * t;
          }
          const w = 2 * half[node]!;
          if (child[node]! < 0 || w * w < theta2 * d2) {
            const q = 1 / (1 + d2);
            Z += cnt * q;
            const f = cnt * q * q;
            for (let c = 0; c < d; c++) rep[c]! += f * (y[i * d + c]! - com[node * d + c]!);
          } else {
            const first = child[node]!;
            for (let q = 0; q < 1 << d; q++) stack[sp++] = first + q;
          }
        }
        for (let c = 0; c < d; c++) grad[i * d + c] = -rep[c]!;
      }
    }
    // grad so far holds −F_rep; scale by 1/Z and add the attractive term.
    const invZ = 1 / Z;
    for (let t = 0; t < grad.length; t++) grad[t]! *= invZ;
    const { indptr, indices, weights } = P;
    if (d === 2) {
      for (let i = 0; i < n; i++) {
        const yi0 = y[2 * i]!;
        const yi1 = y[2 * i + 1]!;
        let a0 = 0;
        let a1 = 0;
        const end = indptr[i + 1]!;
        for (let e = indptr[i]!; e < end; e++) {
          const j = indices[e]!;
          const t0 = yi0 - y[2 * j]!;
          const t1 = yi1 - y[2 * j + 1]!;
          const f = (exag * weights[e]!) / (1 + t0 * t0 + t1 * t1);
          a0 += f * t0;
          a1 += f * t1;
        }
        grad[2 * i]! += a0;
        grad[2 * i + 1]! += a1;
      }
    } else {
      for (let i = 0; i < n; i++) {
        for (let e = indptr[i]!; e < indptr[i + 1]!; e++) {
          const j = indices[e]!;
          let d2 = 0;
          for (let c = 0; c < d; c++) {
            const t = y[i * d + c]! - y[j * d + c]!;
            d2 += t * t;
          }
          const f = (exag * weights[e]!) / (1 + d2);
          for (let c = 0; c < d; c++) grad[i * d + c]! += f * (y[i * d + c]! - y[j * d + c]!);
        }
      }
    }
    const { update, gains } = this;
    for (let t = 0; t < grad.length; t++) {
      const g = 4 * grad[t]!;
      const gain = g * update[t]! < 0 ? gains[t]! + 0.2 : Math.max(0.01, gains[t]! * 0.8);
      gains[t] = gain;
      update[t] = momentum * update[t]! - this.lr * gain * g;
      y[t]! += update[t]!;
    }
  }
}
