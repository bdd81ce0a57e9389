/**
 * Scales a float query to 16-bit integers for the integer dot kernel (core/wasm/quant.ts dotU8I16):
 * q16 = round(λ·q), λ as large as 16383 / max |q| and the kernel's overflow bound allow (each of its 8
 * lanes sums |q16_j|·255 over the dims j with (j mod 16) >> 1 equal to the lane, below 2^31). Writes
 * `out` (zero padded to a multiple of 16) and returns 1/λ: <q, c> ≈ dot(q16, c)/λ, with an error of at
 * most 0.5/λ per unit of code.
 */
export function quantizeQueryI16(q: ArrayLike<number>, offset: number, dim: number, out: Int16Array): number {
  let big = 0;
  const lanes = [0, 0, 0, 0, 0, 0, 0, 0];
  for (let j = 0; j < dim; j++) {
    const a = Math.abs(q[offset + j]!);
    if (a > big) big = a;
    lanes[(j & 15) >> 1]! += a;
  }
  if (!(big > 0)) {
    out.fill(0);
    return 1;
  }
  const lane = Math.max(...lanes);
  // 1 % below the bounds: rounding can push |q16| half a unit above λ·|q|.
  const lambda = 0.99 * Math.min(16383 / big, (2 ** 31 - 1) / (255 * lane));
  for (let j = 0; j < dim; j++) out[j] = Math.round(q[offset + j]! * lambda);
  out.fill(0, dim);
  return 1 / lambda;
}

/** Bytes of an i16 query of `dim` dimensions, padded to a multiple of 16. */
export function queryI16Bytes(dim: number): number {
  return Math.ceil(dim / 16) * 16 * 2;
}
