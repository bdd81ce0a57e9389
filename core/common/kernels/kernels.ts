import { MemoryViews } from '../wasm/memoryViews.js';
import { align16, ensureMemory, instantiateWasm } from '../wasm/wasmModules.js';
import type { KernelSet } from './kernelSet.js';

/** The raw exports of core/wasm/kernels.ts; every pointer is a byte address in `memory`. */
export interface KernelExports {
  memory: WebAssembly.Memory;
  heapBase(): number;
  dotTileF32(q: number, nq: number, r: number, nr: number, dim: number, out: number, ldo: number): void;
  l2TileF32(q: number, nq: number, r: number, nr: number, dim: number, out: number, ldo: number): void;
  sqNormsF32(r: number, nr: number, dim: number, out: number): void;
  normalizeF32(r: number, nr: number, dim: number, scratch: number): void;
  decodeF16(src: number, dst: number, count: number): void;
  decodeU8(src: number, dst: number, count: number): void;
  dotRowsF16(q: number, r: number, nr: number, dim: number, out: number): void;
  l2RowsF16(q: number, r: number, nr: number, dim: number, out: number): void;
  dotRowsU8(q: number, r: number, nr: number, dim: number, out: number): void;
  l2RowsU8(q: number, r: number, nr: number, dim: number, out: number): void;
  dotRowsU8U8(q: number, r: number, nr: number, dim: number, out: number): void;
  l2RowsU8U8(q: number, r: number, nr: number, dim: number, out: number): void;
}

/** Rows per kernel call: about 512 KiB of float32 rows, so a block stays in L2 while every query of
 * a batch passes over it, and each call stays short (V8 only optimises wasm between calls). */
export function rowsPerBlock(dim: number): number {
  return Math.max(8, Math.min(1024, Math.floor(131072 / Math.max(1, dim))));
}

/** Queries per kernel call in the convenience methods. */
const QUERY_BLOCK = 128;

type RowKind = 'f32' | 'f16' | 'u8';

/**
 * One WebAssembly kernels instance with its own linear memory (one per thread). The host lays its
 * buffers out from `heap` upwards: call `reserve(bytes)` first (it may grow the memory, which
 * invalidates earlier views), then take views with `f32`/`u8`/... and call the raw kernels in `wasm`.
 * The `KernelSet` methods do all of that for whole arrays, copying inputs in and results out; their
 * results belong to the caller.
 */
export class Kernels extends MemoryViews implements KernelSet {
  readonly wasm: KernelExports;
  /** First free, 16-byte-aligned byte address. */
  readonly heap: number;

  constructor() {
    super();
    this.wasm = instantiateWasm<KernelExports>('kernels');
    this.heap = align16(this.wasm.heapBase());
  }

  /** Makes `bytes` bytes from `heap` addressable. */
  reserve(bytes: number): void {
    ensureMemory(this.wasm.memory, this.heap + bytes);
  }

  protected buffer(): ArrayBufferLike {
    return this.wasm.memory.buffer;
  }

  dotBatch(
    q: Float32Array,
    nq: number,
    r: Float32Array,
    nr: number,
    dim: number,
    out?: Float32Array,
  ): Float32Array {
    return this.floatBatch(q, nq, r, 'f32', nr, dim, false, out);
  }
  l2Batch(
    q: Float32Array,
    nq: number,
    r: Float32Array,
    nr: number,
    dim: number,
    out?: Float32Array,
  ): Float32Array {
    return this.floatBatch(q, nq, r, 'f32', nr, dim, true, out);
  }
  dotBatchF16(
    q: Float32Array,
    nq: number,
    r: Uint16Array,
    nr: number,
    dim: number,
    out?: Float32Array,
  ): Float32Array {
    return this.floatBatch(q, nq, r, 'f16', nr, dim, false, out);
  }
  l2BatchF16(
    q: Float32Array,
    nq: number,
    r: Uint16Array,
    nr: number,
    dim: number,
    out?: Float32Array,
  ): Float32Array {
    return this.floatBatch(q, nq, r, 'f16', nr, dim, true, out);
  }
  dotBatchU8(
    q: Float32Array,
    nq: number,
    r: Uint8Array,
    nr: number,
    dim: number,
    out?: Float32Array,
  ): Float32Array {
    return this.floatBatch(q, nq, r, 'u8', nr, dim, false, out);
  }
  l2BatchU8(
    q: Float32Array,
    nq: number,
    r: Uint8Array,
    nr: number,
    dim: number,
    out?: Float32Array,
  ): Float32Array {
    return this.floatBatch(q, nq, r, 'u8', nr, dim, true, out);
  }
  dotBatchU8U8(
    q: Uint8Array,
    nq: number,
    r: Uint8Array,
    nr: number,
    dim: number,
    out?: Int32Array,
  ): Int32Array {
    return this.byteBatch(q, nq, r, nr, dim, false, out);
  }
  l2BatchU8U8(
    q: Uint8Array,
    nq: number,
    r: Uint8Array,
    nr: number,
    dim: number,
    out?: Int32Array,
  ): Int32Array {
    return this.byteBatch(q, nq, r, nr, dim, true, out);
  }

  sqNorms(
    rows: Float32Array,
    nr: number,
    dim: number,
    out: Float32Array = new Float32Array(nr),
  ): Float32Array {
    const rb = rowsPerBlock(dim);
    const rPtr = this.heap;
    const oPtr = rPtr + align16(rb * dim * 4);
    this.reserve(oPtr - this.heap + rb * 4);
    const rv = this.f32(rPtr, rb * dim);
    const ov = this.f32(oPtr, rb);
    for (let j0 = 0; j0 < nr; j0 += rb) {
      const n = Math.min(rb, nr - j0);
      rv.set(rows.subarray(j0 * dim, (j0 + n) * dim));
      this.wasm.sqNormsF32(rPtr, n, dim, oPtr);
      out.set(ov.subarray(0, n), j0);
    }
    return out;
  }

  decodeF16(bits: Uint16Array, out: Float32Array = new Float32Array(bits.length)): Float32Array {
    const block = 65536;
    const sPtr = this.heap;
    const dPtr = sPtr + block * 2;
    this.reserve(block * 6);
    const sv = this.u16(sPtr, block);
    const dv = this.f32(dPtr, block);
    for (let i = 0; i < bits.length; i += block) {
      const n = Math.min(block, bits.length - i);
      sv.set(bits.subarray(i, i + n));
      this.wasm.decodeF16(sPtr, dPtr, n);
      out.set(dv.subarray(0, n), i);
    }
    return out;
  }

  private floatBatch(
    queries: Float32Array,
    nq: number,
    rows: Float32Array | Uint16Array | Uint8Array,
    kind: RowKind,
    nr: number,
    dim: number,
    l2: boolean,
    out: Float32Array = new Float32Array(nq * nr),
  ): Float32Array {
    const w = this.wasm;
    const qb = Math.min(QUERY_BLOCK, Math.max(1, nq));
    const rb = rowsPerBlock(dim);
    const bytesPer = kind === 'f32' ? 4 : kind === 'f16' ? 2 : 1;
    const qPtr = this.heap;
    const rPtr = qPtr + align16(qb * dim * 4);
    const sPtr = rPtr + align16(rb * dim * 4);
    const oPtr = sPtr + align16(rb * dim * bytesPer);
    this.reserve(oPtr - this.heap + qb * rb * 4);
    const qv = this.f32(qPtr, qb * dim);
    const rv = this.f32(rPtr, rb * dim);
    const sv = kind === 'f16' ? this.u16(sPtr, rb * dim) : this.u8(sPtr, rb * dim);
    const ov = this.f32(oPtr, qb * rb);
    for (let i0 = 0; i0 < nq; i0 += qb) {
      const m = Math.min(qb, nq - i0);
      qv.set(queries.subarray(i0 * dim, (i0 + m) * dim));
      for (let j0 = 0; j0 < nr; j0 += rb) {
        const n = Math.min(rb, nr - j0);
        const src = rows.subarray(j0 * dim, (j0 + n) * dim);
        if (kind === 'f32') {
          rv.set(src);
        } else {
          sv.set(src);
          if (m === 1) {
            // One query: decode inside the distance kernel instead of a separate pass.
            if (kind === 'f16') (l2 ? w.l2RowsF16 : w.dotRowsF16)(qPtr, sPtr, n, dim, oPtr);
            else (l2 ? w.l2RowsU8 : w.dotRowsU8)(qPtr, sPtr, n, dim, oPtr);
            out.set(ov.subarray(0, n), i0 * nr + j0);
            continue;
          }
          (kind === 'f16' ? w.decodeF16 : w.decodeU8)(sPtr, rPtr, n * dim);
        }
        (l2 ? w.l2TileF32 : w.dotTileF32)(qPtr, m, rPtr, n, dim, oPtr, n);
        for (let i = 0; i < m; i++) out.set(ov.subarray(i * n, (i + 1) * n), (i0 + i) * nr + j0);
      }
    }
    return out;
  }

  private byteBatch(
    queries: Uint8Array,
    nq: number,
    rows: Uint8Array,
    nr: number,
    dim: number,
    l2: boolean,
    out: Int32Array = new Int32Array(nq * nr),
  ): Int32Array {
    const rb = rowsPerBlock(dim) * 4;
    const qPtr = this.heap;
    const rPtr = qPtr + align16(dim);
    const oPtr = rPtr + align16(rb * dim);
    this.reserve(oPtr - this.heap + rb * 4);
    const qv = this.u8(qPtr, dim);
    const rv = this.u8(rPtr, rb * dim);
    const ov = this.i32(oPtr, rb);
    const fn = l2 ? this.wasm.l2RowsU8U8 : this.wasm.dotRowsU8U8;
    for (let j0 = 0; j0 < nr; j0 += rb) {
      const n = Math.min(rb, nr - j0);
      rv.set(rows.subarray(j0 * dim, (j0 + n) * dim));
      for (let i = 0; i < nq; i++) {
        qv.set(queries.subarray(i * dim, (i + 1) * dim));
        fn(qPtr, rPtr, n, dim, oPtr);
        out.set(ov.subarray(0, n), i * nr + j0);
      }
    }
    return out;
  }
}

let shared: Kernels | undefined;

/** A lazily created instance for this thread, shared by callers that do not bring their own. */
export function defaultKernels(): Kernels {
  shared ??= new Kernels();
  return shared;
}
