// SIMD kernels over raw linear memory. The host (core/common/wasm/kernels.ts) lays out buffers
// above __heap_base and passes byte offsets; nothing here allocates.

export function heapBase(): usize {
  return __heap_base;
}

/** Dot product of two f32 vectors of length n. */
export function dotF32(a: usize, b: usize, n: i32): f32 {
  let acc0 = f32x4.splat(0);
  let acc1 = f32x4.splat(0);
  let i = 0;
  for (; i + 8 <= n; i += 8) {
    const o = (<usize>i) << 2;
    acc0 = f32x4.add(acc0, f32x4.mul(v128.load(a + o), v128.load(b + o)));
    acc1 = f32x4.add(acc1, f32x4.mul(v128.load(a + o + 16), v128.load(b + o + 16)));
  }
  const acc = f32x4.add(acc0, acc1);
  let s: f32 =
    f32x4.extract_lane(acc, 0) +
    f32x4.extract_lane(acc, 1) +
    f32x4.extract_lane(acc, 2) +
    f32x4.extract_lane(acc, 3);
  for (; i < n; i++) s += load<f32>(a + ((<usize>i) << 2)) * load<f32>(b + ((<usize>i) << 2));
  return s;
}
