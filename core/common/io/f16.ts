// IEEE 754 binary16 <-> binary32. There is no Float16Array in our ES2022 target, so halves travel as
// Uint16Array bit patterns.

let table: Float32Array | undefined;

/** The exact value of IEEE binary16 bits h (the one decoder the loaders, kernels and codecs share). */
export function halfBitsToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const e = (h >>> 10) & 0x1f;
  const m = h & 0x3ff;
  if (e === 0) return sign * m * 2 ** -24;
  if (e === 31) return m === 0 ? sign * Infinity : NaN;
  return sign * (1 + m / 1024) * 2 ** (e - 15);
}

/** A 65,536-entry lookup table is faster than bit twiddling per element for large arrays. */
function halfTable(): Float32Array {
  if (!table) {
    table = new Float32Array(65536);
    for (let h = 0; h < 65536; h++) table[h] = halfBitsToFloat(h);
  }
  return table;
}

/** Converts half-precision bit patterns to float32. Returns a new array owned by the caller. */
export function f16ToF32(bits: Uint16Array): Float32Array {
  const t = halfTable();
  const out = new Float32Array(bits.length);
  for (let i = 0; i < bits.length; i++) out[i] = t[bits[i]!]!;
  return out;
}

/** Writes the float32 values of half-precision bits into `out` from index `at` (no allocation). */
export function f16ToF32Into(bits: Uint16Array, out: Float32Array, at: number): void {
  const t = halfTable();
  for (let i = 0; i < bits.length; i++) out[at + i] = t[bits[i]!]!;
}

const scratchF = new Float32Array(1);
const scratchU = new Uint32Array(scratchF.buffer);

/** One float32 to the nearest half (round to nearest, ties to even; overflow becomes ±Inf). */
export function f32ToF16Bits(x: number): number {
  scratchF[0] = x;
  const b = scratchU[0]!;
  const sign = (b >>> 16) & 0x8000;
  const e = (b >>> 23) & 0xff;
  let m = b & 0x7fffff;
  if (e === 255) return sign | 0x7c00 | (m !== 0 ? 0x200 : 0);
  const he = e - 127 + 15;
  if (he >= 31) return sign | 0x7c00;
  if (he <= 0) {
    if (he < -10) return sign;
    m |= 0x800000;
    const shift = 14 - he;
    let hm = m >>> shift;
    const rem = m & ((1 << shift) - 1);
    const half = 1 << (shift - 1);
    if (rem > half || (rem === half && hm & 1)) hm++;
    return sign | hm;
  }
  const hm = m >>> 13;
  const rem = m & 0x1fff;
  let h = sign | (he << 10) | hm;
  // A carry out of the mantissa correctly bumps the exponent (and reaches Inf at the top).
  if (rem > 0x1000 || (rem === 0x1000 && hm & 1)) h++;
  return h;
}

/** Converts float32 values to half-precision bit patterns. Returns a new array owned by the caller. */
export function f32ToF16(values: Float32Array): Uint16Array {
  const out = new Uint16Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = f32ToF16Bits(values[i]!);
  return out;
}
