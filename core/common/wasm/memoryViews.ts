/**
 * Typed views of a WebAssembly memory at byte offsets, the one way the engine's memory layouts
 * (WasmArena, GraphMemory, Kernels) hand out arrays. A view is taken fresh for each use: growing a
 * memory detaches the views taken before.
 */
export abstract class MemoryViews {
  /** The memory's current buffer. */
  protected abstract buffer(): ArrayBufferLike;

  f32(at: number, length: number): Float32Array {
    return new Float32Array(this.buffer(), at, length);
  }
  i32(at: number, length: number): Int32Array {
    return new Int32Array(this.buffer(), at, length);
  }
  u16(at: number, length: number): Uint16Array {
    return new Uint16Array(this.buffer(), at, length);
  }
  u8(at: number, length: number): Uint8Array {
    return new Uint8Array(this.buffer(), at, length);
  }
}
