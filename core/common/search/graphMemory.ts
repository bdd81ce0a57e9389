import { MemoryViews } from '../wasm/memoryViews.js';
import { align16 } from '../wasm/wasmModules.js';
const PAGE = 65536;

/**
 * One WebAssembly memory laid out by regions (16-byte aligned, with 16 spare bytes so SIMD loads never
 * cross a region's end): reserved first, then `commit()` allocates them at once.
 * Shared (a SharedArrayBuffer underneath), so worker threads can
 * instantiate core/wasm/graph.ts over the same codes and graph without copies.
 */
export class GraphMemory extends MemoryViews {
  memory: WebAssembly.Memory | undefined;
  private top = PAGE;
  /** Made by residentFloat32 (or adopted): views of it are found by residentHome, until released. */
  resident = false;

  /** Reserves a region before `commit()`; after it, appends one (growing the memory in place). */
  reserve(bytes: number): number {
    const at = this.top;
    this.top = align16(at + bytes + 16);
    if (this.memory) {
      const need = Math.ceil(this.top / PAGE) - this.memory.buffer.byteLength / PAGE;
      if (need > 0) {
        if (this.top > MAX_BYTES) throw tooBig(this.top);
        this.memory.grow(need);
      }
    }
    return at;
  }

  get bytes(): number {
    return this.top;
  }

  /** A committed memory whose regions up to `top` are taken (by another thread's GraphMemory). */
  static adopt(memory: WebAssembly.Memory, top: number): GraphMemory {
    const gm = new GraphMemory();
    gm.memory = memory;
    gm.top = top;
    return gm;
  }

  /**
   * Allocates the memory at the size reserved so far; `growable` memories may later grow to 4 GiB by
   * `reserve` (a shared memory grows in place: regions keep their offsets and views stay valid).
   */
  commit(growable = false): WebAssembly.Memory {
    const pages = Math.ceil(this.top / PAGE) + 1;
    if (pages * PAGE > MAX_BYTES) throw tooBig(this.top);
    // core/wasm/graph.ts imports a shared memory (Node, workers and Electron's utility process have it).
    this.memory = new WebAssembly.Memory({
      initial: pages,
      maximum: growable ? MAX_BYTES / PAGE : pages,
      shared: true,
    });
    return this.memory;
  }

  // A shared memory that grew hands out a new buffer object: each one is registered, so views made
  // after a growth (a graph appended to its codes' memory) are still found by residentHome.
  protected buffer(): ArrayBufferLike {
    const b = this.memory!.buffer;
    if (this.resident && !residents.has(b)) residents.set(b, this);
    return b;
  }
}

const MAX_BYTES = 65536 * PAGE;

// Memories whose first region is a data set's rows (residentFloat32), by the buffer those rows view.
const residents = new WeakMap<ArrayBufferLike, GraphMemory>();

/** Largest resident array: the rest of the 4 GiB is left for the codes, graphs and scratch beside it. */
const MAX_RESIDENT_BYTES = 3 * 2 ** 30;

/**
 * A float32 array allocated as the first region of its own growable shared WebAssembly memory, so a
 * search index over its rows (float32 codes of a base: a flat scan, a graph, re-ranking) adopts them
 * in place instead of copying them (residentHome). Arrays too large for a WebAssembly memory get a
 * plain SharedArrayBuffer. Shared either way: worker threads read it without a copy.
 */
export function residentFloat32(length: number): Float32Array {
  if (length * 4 > MAX_RESIDENT_BYTES) return new Float32Array(new SharedArrayBuffer(length * 4));
  const { gm, at } = residentRegion(length * 4);
  return gm.f32(at, length);
}

/** Bytes allocated as residentFloat32 allocates floats (codes encoded straight into their index's memory). */
function residentBytes(length: number): Uint8Array {
  if (length > MAX_RESIDENT_BYTES) return new Uint8Array(new SharedArrayBuffer(length));
  const { gm, at } = residentRegion(length);
  return gm.u8(at, length);
}

function residentRegion(bytes: number): { gm: GraphMemory; at: number } {
  const gm = new GraphMemory();
  const at = gm.reserve(bytes);
  const memory = gm.commit(true);
  gm.resident = true;
  residents.set(memory.buffer, gm);
  return { gm, at };
}

/** Below this a copy costs little, and a WebAssembly memory (which reserves 4 GiB of address space) is not worth it. */
const MIN_RESIDENT_BYTES = 8 * 2 ** 20;

/** A shared float32 array for a data set's rows: resident (residentFloat32) when large. */
export function sharedRows(length: number): Float32Array {
  return length * 4 >= MIN_RESIDENT_BYTES
    ? residentFloat32(length)
    : new Float32Array(new SharedArrayBuffer(length * 4));
}

/**
 * The codes array of an encoding: resident when large, so the search index over them uses them in
 * place instead of holding a second copy (at a million 384-d LVQ8 rows: 384 MB).
 */
export function codeBytes(length: number): Uint8Array {
  return length >= MIN_RESIDENT_BYTES ? residentBytes(length) : new Uint8Array(length);
}

/** The memory `view` lies in, when it was made by residentFloat32 (new regions may be appended). */
export function residentHome(view: ArrayBufferView): GraphMemory | undefined {
  const gm = residents.get(view.buffer);
  return gm?.resident ? gm : undefined;
}

/** What another thread needs to adopt a resident array (residentFloat32): its memory and where it lies. */
export interface ResidentHandle {
  memory: WebAssembly.Memory;
  byteOffset: number;
  length: number;
  /** The first byte after the regions taken when it was handed over. */
  top: number;
}

/**
 * Hands a resident array's memory over to one other thread (adoptResident there), which from then on
 * appends the index regions: two threads appending to one memory would take the same bytes, so this
 * realm forgets the array is resident (an index made here afterwards copies its rows). Undefined when
 * `view` is not resident. The handle may be adopted again (by a fresh thread) only once the earlier
 * adopter is gone.
 */
export function releaseResident(view: Float32Array): ResidentHandle | undefined {
  const gm = residentHome(view);
  if (!gm) return undefined;
  gm.resident = false;
  return { memory: gm.memory!, byteOffset: view.byteOffset, length: view.length, top: gm.bytes };
}

/** The array a released handle describes, resident in this realm: indexes made here adopt its rows. */
export function adoptResident(h: ResidentHandle): Float32Array {
  const gm = GraphMemory.adopt(h.memory, h.top);
  gm.resident = true;
  residents.set(h.memory.buffer, gm);
  return new Float32Array(h.memory.buffer, h.byteOffset, h.length);
}

function tooBig(bytes: number): Error {
  return new Error(
    `the index needs ${(bytes / 2 ** 30).toFixed(1)} GiB of WebAssembly memory; the limit is 4 GiB ` +
      '(reduce the dimension or use a smaller code)',
  );
}
