import { halfBitsToFloat } from '../io/f16.js';
const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** IEEE binary16 bits of x, rounded to nearest even (overflow gives ±Infinity). */
export function toHalfBits(x: number): number {
  f32[0] = x;
  const b = u32[0]!;
  const sign = (b >>> 16) & 0x8000;
  const exp = (b >>> 23) & 0xff;
  let mant = b & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant !== 0 ? 0x200 : 0);
  const e = exp - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    mant |= 0x800000;
    const shift = 14 - e;
    let h = mant >>> shift;
    const rem = mant & ((1 << shift) - 1);
    const half = 1 << (shift - 1);
    if (rem > half || (rem === half && (h & 1) === 1)) h++;
    return sign | h;
  }
  let h = sign | (e << 10) | (mant >>> 13);
  const rem = mant & 0x1fff;
  // A carry out of the mantissa correctly bumps the exponent.
  if (rem > 0x1000 || (rem === 0x1000 && (h & 1) === 1)) h++;
  return h;
}

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
