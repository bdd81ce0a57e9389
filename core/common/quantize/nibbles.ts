/**
 * 4-bit code layout shared with the WASM kernels: dims in blocks of 32 stored in 16 bytes, byte t of
 * block k holding dim 32k+t in its low nibble and dim 32k+16+t in its high nibble, so one mask and one
 * shift give 16 consecutive dims each; a final partial block is packed sequentially (byte t: dims 2t,
 * 2t+1). Takes ceil(dim/2) bytes.
 */
export function nibbleBytes(dim: number): number {
  return Math.ceil(dim / 2);
}

/** Packs `dim` 4-bit values from `src` into `out` at byte offset `at`. */
export function packNibbles(src: ArrayLike<number>, dim: number, out: Uint8Array, at: number): void {
  const blocks = dim >> 5;
  for (let k = 0; k < blocks; k++) {
    for (let t = 0; t < 16; t++)
      out[at + k * 16 + t] = (src[k * 32 + t]! & 15) | ((src[k * 32 + 16 + t]! & 15) << 4);
  }
  const base = blocks * 32;
  const tailAt = at + blocks * 16;
  for (let j = base; j < dim; j += 2) {
    const lo = src[j]! & 15;
    const hi = j + 1 < dim ? src[j + 1]! & 15 : 0;
    out[tailAt + ((j - base) >> 1)] = lo | (hi << 4);
  }
}

/** The 4-bit value of dim j in a packed record starting at `at`. */
export function nibbleAt(codes: Uint8Array, at: number, j: number, dim: number): number {
  const blocks = dim >> 5;
  const k = j >> 5;
  if (k < blocks) {
    const t = j & 31;
    const b = codes[at + k * 16 + (t & 15)]!;
    return t < 16 ? b & 15 : b >> 4;
  }
  const t = j - blocks * 32;
  const b = codes[at + blocks * 16 + (t >> 1)]!;
  return (t & 1) === 0 ? b & 15 : b >> 4;
}
