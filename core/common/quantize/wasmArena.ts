import { instantiateQuant, type QuantExports } from '../wasm/instantiateQuant.js';

/**
 * Lays buffers out in a fresh kernel instance's memory. Reserve every region first, then call
 * `commit()` (which grows memory once) before taking views: growing memory detaches older views.
 */
export class WasmArena {
  readonly k: QuantExports;
  private top: number;
  private committed = false;

  constructor() {
    this.k = instantiateQuant();
    this.top = align(this.k.heapBase());
  }

  /** Reserves `bytes` bytes (16-byte aligned, with 16 spare bytes so SIMD loads never cross the end). */
  reserve(bytes: number): number {
    if (this.committed) throw new Error('WasmArena: reserve after commit');
    const at = this.top;
    this.top = align(at + bytes + 16);
    return at;
  }

  commit(): void {
    const need = this.top - this.k.memory.buffer.byteLength;
    if (need > 0) this.k.memory.grow(Math.ceil(need / 65536));
    this.committed = true;
  }

  f32(at: number, length: number): Float32Array {
    return new Float32Array(this.k.memory.buffer, at, length);
  }

  u8(at: number, length: number): Uint8Array {
    return new Uint8Array(this.k.memory.buffer, at, length);
  }

  u16(at: number, length: number): Uint16Array {
    return new Uint16Array(this.k.memory.buffer, at, length);
  }
}

function align(x: number): number {
  // Arithmetic, not `& ~15`: offsets pass 2^31 in arenas over 2 GiB, where bitwise operators wrap.
  return Math.ceil(x / 16) * 16;
}
