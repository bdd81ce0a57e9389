import { instantiateQuant, type QuantExports } from '../wasm/instantiateQuant.js';
import { MemoryViews } from '../wasm/memoryViews.js';
import { align16, ensureMemory } from '../wasm/wasmModules.js';

/**
 * Lays buffers out in a fresh kernel instance's memory. Reserve every region first, then call
 * `commit()` (which grows memory once) before taking views: growing memory detaches older views.
 */
export class WasmArena extends MemoryViews {
  readonly k: QuantExports;
  private top: number;
  private committed = false;

  constructor() {
    super();
    this.k = instantiateQuant();
    this.top = align16(this.k.heapBase());
  }

  /** Reserves `bytes` bytes (16-byte aligned, with 16 spare bytes so SIMD loads never cross the end). */
  reserve(bytes: number): number {
    if (this.committed) throw new Error('WasmArena: reserve after commit');
    const at = this.top;
    this.top = align16(at + bytes + 16);
    return at;
  }

  commit(): void {
    ensureMemory(this.k.memory, this.top);
    this.committed = true;
  }

  protected buffer(): ArrayBufferLike {
    return this.k.memory.buffer;
  }
}
