import { instantiateWasm } from './wasmModules.js';

/** The module's exports, typed. Pointers are byte offsets into the imported (shared) memory. */
export interface GraphExports {
  heapBase(): number;
  setIndex(
    n: number,
    dim: number,
    kind: number,
    ip: boolean | number,
    codes: number,
    rowBytes: number,
    scale: number,
    bias: number,
    norm: number,
    refine: number,
    m: number,
    adj: number,
    stride: number,
    medoid: number,
  ): void;
  setScratch(
    q: number,
    visited: number,
    genAt: number,
    ids: number,
    dists: number,
    entries: number,
    cap: number,
    nbIds: number,
    nbDists: number,
  ): void;
  setQueryConstants(c0: number, c1: number, c2: number): void;
  distance(i: number): number;
  refined(i: number): number;
  search(window: number, cap: number): number;
  evaluations(): number;
  refineBuffer(count: number): void;
  rescore(count: number): void;
  scan(cap: number): number;
  setBuild(
    n: number,
    dim: number,
    vectors: number,
    aug: number,
    int8Row: number,
    int8Scale: number,
    int8Norm: number,
    adj: number,
    deg: number,
    slack: number,
    R: number,
    L: number,
    maxPool: number,
    medoid: number,
    batch: number,
    lists: number,
    listDeg: number,
    targets: number,
    inStart: number,
    incoming: number,
  ): void;
  setBuildScratch(
    expIds: number,
    expDists: number,
    expCap: number,
    pIds: number,
    pDists: number,
    pOcc: number,
    pCap: number,
    sel: number,
  ): void;
  forward(from: number, to: number, alpha: number): void;
  reverse(from: number, to: number, alpha: number, limit: number): void;
}

/** An instance over `memory` (one per thread; every instance over one memory sees the same index). */
export function instantiateGraph(memory: WebAssembly.Memory): GraphExports {
  return instantiateWasm<GraphExports>('graph', memory);
}
