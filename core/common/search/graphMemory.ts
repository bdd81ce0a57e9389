const PAGE = 65536;

/**
 * One WebAssembly memory laid out once: regions are reserved first (16-byte aligned, with 16 spare
 * bytes so SIMD loads never cross a region's end), then `commit()` allocates it at its final size.
 * Shared (a SharedArrayBuffer underneath), so worker threads can
 * instantiate core/wasm/graph.ts over the same codes and graph without copies.
 */
export class GraphMemory {
  memory: WebAssembly.Memory | undefined;
  private top = PAGE;

  reserve(bytes: number): number {
    if (this.memory) throw new Error('GraphMemory: reserve after commit');
    const at = this.top;
    this.top = align(at + bytes + 16);
    return at;
  }

  get bytes(): number {
    return this.top;
  }

  commit(): WebAssembly.Memory {
    const pages = Math.ceil(this.top / PAGE) + 1;
    if (pages > 65536)
      throw new Error(
        `the index needs ${(this.top / 2 ** 30).toFixed(1)} GiB of WebAssembly memory; the limit is 4 GiB`,
      );
    this.memory = createMemory(pages);
    return this.memory;
  }

  i32(at: number, length: number): Int32Array {
    return new Int32Array(this.memory!.buffer, at, length);
  }
  f32(at: number, length: number): Float32Array {
    return new Float32Array(this.memory!.buffer, at, length);
  }
  u8(at: number, length: number): Uint8Array {
    return new Uint8Array(this.memory!.buffer, at, length);
  }
}

function createMemory(pages: number): WebAssembly.Memory {
  // core/wasm/graph.ts imports a shared memory (Node, workers and Electron's utility process have it).
  return new WebAssembly.Memory({ initial: pages, maximum: pages, shared: true });
}

function align(x: number): number {
  return (x + 15) & ~15;
}
