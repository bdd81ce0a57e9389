import { align16, ensureMemory, instantiateWasm } from '../wasm/wasmModules.js';

interface TsneRepulsionExports {
  memory: WebAssembly.Memory;
  heapBase(): number;
  repulsion2d(
    y: number,
    count: number,
    point: number,
    child: number,
    half: number,
    com: number,
    grad: number,
    stack: number,
    i0: number,
    i1: number,
    theta2: number,
    z0: number,
  ): number;
}

/** The quadtree arrays of one step (see SpaceTree in tsneLayout.ts); `size` nodes are in use. */
export interface FlatTree {
  size: number;
  count: Int32Array;
  point: Int32Array;
  child: Int32Array;
  half: Float64Array;
  com: Float64Array;
}

/** Points per wasm call: V8 optimises wasm between calls, so no single call may run long. */
const POINTS_PER_CALL = 2048;

/**
 * 2-D Barnes–Hut repulsion in a private WebAssembly instance (core/wasm/tsneRepulsion.ts), the
 * traversal of TsneLayout's plain-TS path. Each call copies the step's tree and layout in and the
 * gradient out; the instance owns its memory.
 */
export class TsneRepulsionWasm {
  private readonly w: TsneRepulsionExports;
  private readonly base: number;

  constructor() {
    this.w = instantiateWasm<TsneRepulsionExports>('tsneRepulsion');
    this.base = align16(this.w.heapBase());
  }

  /** Writes −F_rep (unnormalised) for every point into grad (n × 2) and returns Z = Σ q. */
  run(y: Float32Array, n: number, tree: FlatTree, theta2: number, grad: Float64Array): number {
    const { w } = this;
    let at = this.base;
    const take = (bytes: number): number => {
      const p = at;
      at = align16(at + bytes);
      return p;
    };
    const m = tree.size;
    const p = {
      y: take(n * 8),
      count: take(m * 4),
      point: take(m * 4),
      child: take(m * 4),
      half: take(m * 8),
      com: take(m * 16),
      grad: take(n * 16),
      stack: take(64 * 4 * 4),
    };
    ensureMemory(w.memory, at);
    const buf = w.memory.buffer;
    new Float32Array(buf, p.y, n * 2).set(y.subarray(0, n * 2));
    new Int32Array(buf, p.count, m).set(tree.count.subarray(0, m));
    new Int32Array(buf, p.point, m).set(tree.point.subarray(0, m));
    new Int32Array(buf, p.child, m).set(tree.child.subarray(0, m));
    new Float64Array(buf, p.half, m).set(tree.half.subarray(0, m));
    new Float64Array(buf, p.com, m * 2).set(tree.com.subarray(0, m * 2));
    let z = 0;
    for (let i0 = 0; i0 < n; i0 += POINTS_PER_CALL) {
      const i1 = Math.min(n, i0 + POINTS_PER_CALL);
      z = w.repulsion2d(p.y, p.count, p.point, p.child, p.half, p.com, p.grad, p.stack, i0, i1, theta2, z);
    }
    grad.set(new Float64Array(w.memory.buffer, p.grad, n * 2));
    return z;
  }
}
