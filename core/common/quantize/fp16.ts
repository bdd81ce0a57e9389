import { f32ToF16Bits, halfBitsToFloat } from '../io/f16.js';

/** IEEE binary16 bits of x, rounded to nearest even (one encoder for the whole engine: io/f16's). */
export const toHalfBits = f32ToF16Bits;

/** The value of IEEE binary16 bits h. */
export const fromHalfBits = halfBitsToFloat;

/** x rounded to the nearest fp16 value. */
export function roundHalf(x: number): number {
  return fromHalfBits(toHalfBits(x));
}

/** The largest fp16 value <= x (finite x within the fp16 range). */
export function roundHalfDown(x: number): number {
  const r = roundHalf(x);
  if (r <= x) return r;
  const h = toHalfBits(x);
  // Stepping the bit pattern moves one ulp toward -inf for positives and away from zero for negatives.
  return fromHalfBits(r > 0 ? h - 1 : r === 0 ? 0x8001 : h + 1);
}

/** The smallest fp16 value >= x (finite x within the fp16 range). */
export function roundHalfUp(x: number): number {
  return -roundHalfDown(-x);
}
