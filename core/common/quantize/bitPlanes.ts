/**
 * Bit-plane layout of the RaBitQ codes and of their 4-bit queries, shared with the WASM kernel
 * (core/wasm/quant.ts rabitqDot): a record of B planes, plane a holding bit a of every dimension's
 * value, dim j at bit j & 7 of byte j >> 3; each plane is padded to whole 64-bit words.
 */
export function planeBytes(n: number): number {
  return Math.ceil(n / 64) * 8;
}

/** Packs `n` B-bit values into B planes of `pb` bytes at `out[at …]` (the region is overwritten). */
export function packPlanes(
  values: ArrayLike<number>,
  n: number,
  bits: number,
  pb: number,
  out: Uint8Array,
  at: number,
): void {
  out.fill(0, at, at + bits * pb);
  for (let j = 0; j < n; j++) {
    const v = values[j]!;
    for (let a = 0; a < bits; a++) if ((v >> a) & 1) out[at + a * pb + (j >> 3)]! |= 1 << (j & 7);
  }
}

/** The value of dim j in a plane record at `at`. */
export function planeValue(codes: Uint8Array, at: number, j: number, bits: number, pb: number): number {
  let v = 0;
  for (let a = 0; a < bits; a++) v |= ((codes[at + a * pb + (j >> 3)]! >> (j & 7)) & 1) << a;
  return v;
}
