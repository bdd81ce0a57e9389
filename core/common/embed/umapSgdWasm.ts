import { align16, ensureMemory, instantiateWasm } from '../wasm/wasmModules.js';

interface UmapSgdExports {
  memory: WebAssembly.Memory;
  heapBase(): number;
  umapEdges(
    emb: number,
    other: number,
    head: number,
    tail: number,
    eps: number,
    next: number,
    nextNeg: number,
    e0: number,
    e1: number,
    negRate: number,
    epoch: number,
    nVertices: number,
    dim: number,
    a: number,
    b: number,
    gamma: number,
    alpha: number,
    moveOther: number,
    rng: number,
    powTab: number,
  ): void;
}

/** Edges per wasm call: V8 optimises wasm between calls, so no single call may run long. */
const EDGES_PER_CALL = 32768;

/**
 * UMAP's SGD state in a private WebAssembly instance (core/wasm/umapSgd.ts), mirroring the plain-TS
 * optimizeEpoch. The instance owns copies of every array given; read results with `readLayout`.
 */
export class UmapSgdWasm {
  private readonly w: UmapSgdExports;
  private readonly p: {
    emb: number;
    other: number;
    head: number;
    tail: number;
    eps: number;
    next: number;
    nextNeg: number;
    rng: number;
    pow: number;
  };
  private readonly m: number;

  constructor(
    readonly embLength: number,
    emb: Float32Array,
    other: Float32Array | undefined,
    head: Int32Array,
    tail: Int32Array,
    eps: Float64Array,
    next: Float64Array,
    nextNeg: Float64Array,
    rng: Int32Array,
    powTab: Float64Array,
  ) {
    this.w = instantiateWasm<UmapSgdExports>('umapSgd');
    this.m = head.length;
    let at = align16(this.w.heapBase());
    const take = (bytes: number): number => {
      const p = at;
      at = align16(at + bytes);
      return p;
    };
    const p = {
      emb: take(emb.byteLength),
      other: other ? take(other.byteLength) : 0,
      head: take(head.byteLength),
      tail: take(tail.byteLength),
      eps: take(eps.byteLength),
      next: take(next.byteLength),
      nextNeg: take(nextNeg.byteLength),
      rng: take(16),
      pow: take(powTab.byteLength),
    };
    if (!other) p.other = p.emb;
    ensureMemory(this.w.memory, at);
    const buf = this.w.memory.buffer;
    new Float32Array(buf, p.emb, emb.length).set(emb);
    if (other) new Float32Array(buf, p.other, other.length).set(other);
    new Int32Array(buf, p.head, head.length).set(head);
    new Int32Array(buf, p.tail, tail.length).set(tail);
    new Float64Array(buf, p.eps, eps.length).set(eps);
    new Float64Array(buf, p.next, next.length).set(next);
    new Float64Array(buf, p.nextNeg, nextNeg.length).set(nextNeg);
    new Int32Array(buf, p.rng, 4).set(rng);
    new Float64Array(buf, p.pow, powTab.length).set(powTab);
    this.p = p;
  }

  epoch(
    epoch: number,
    negRate: number,
    nVertices: number,
    dim: number,
    a: number,
    b: number,
    gamma: number,
    alpha: number,
    moveOther: boolean,
  ): void {
    const { p, w } = this;
    for (let e0 = 0; e0 < this.m; e0 += EDGES_PER_CALL) {
      const e1 = Math.min(this.m, e0 + EDGES_PER_CALL);
      w.umapEdges(
        p.emb,
        p.other,
        p.head,
        p.tail,
        p.eps,
        p.next,
        p.nextNeg,
        e0,
        e1,
        negRate,
        epoch,
        nVertices,
        dim,
        a,
        b,
        gamma,
        alpha,
        moveOther ? 1 : 0,
        p.rng,
        p.pow,
      );
    }
  }

  /** Copies the moving layout into `out` (embLength values). */
  readLayout(out: Float32Array): Float32Array {
    out.set(new Float32Array(this.w.memory.buffer, this.p.emb, this.embLength));
    return out;
  }
}
