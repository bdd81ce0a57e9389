const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

/** Entries of the exponent table (one per float64 biased exponent) and of the mantissa table. */
const POW_EXP_ENTRIES = 2048;
const POW_MANT_BINS = 256;

/**
 * Tables for x^b = 2^(E·b) · m^b (x = 2^E · m, m ∈ [1, 2)): 2048 exponent entries, then 257 mantissa
 * knots for linear interpolation (relative error below 3e-7 for 0 < b < 2). The library pow costs more
 * than the rest of a UMAP update, so the optimiser and its WASM twin both use these. Returns a new array.
 */
export function powTables(b: number): Float64Array {
  const t = new Float64Array(POW_EXP_ENTRIES + POW_MANT_BINS + 1);
  for (let e = 0; e < POW_EXP_ENTRIES; e++) t[e] = Math.pow(2, (e - 1023) * b);
  for (let i = 0; i <= POW_MANT_BINS; i++) t[POW_EXP_ENTRIES + i] = Math.pow(1 + i / POW_MANT_BINS, b);
  return t;
}

/**
 * x^b for a positive normal x from `powTables(b)`: the reference of fastPow in core/common/wasm/umapSgd.ts
 * (core/wasm), operation for operation, so both give bit-identical layouts.
 */
export function fastPow(x: number, tab: Float64Array): number {
  f64[0] = x;
  const hi = u32[1]!;
  const lo = u32[0]!;
  const e = hi >>> 20;
  const i = (hi >>> 12) & 0xff;
  const frac = ((hi & 0xfff) * 4294967296 + lo) * 5.684341886080802e-14;
  const m0 = tab[POW_EXP_ENTRIES + i]!;
  const mp = m0 + (tab[POW_EXP_ENTRIES + i + 1]! - m0) * frac;
  return tab[e]! * mp;
}
