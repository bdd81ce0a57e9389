// Dense linear-algebra kernels for the reductions (Gram/covariance accumulation and a float64 GEMM).
// The host (core/common/wasm/linalgKernel.ts) lays out buffers above __heap_base and passes byte
// offsets; nothing here allocates. Each call covers a bounded amount of work (a block of rows) so
// that V8 tiers the functions up between calls.

export function heapBase(): usize {
  return __heap_base;
}

function addTileRow(dst: usize, c: v128): void {
  // f32 partial sums of one block of rows are promoted and added into the float64 accumulator.
  v128.store(dst, f64x2.add(v128.load(dst), f64x2.promote_low_f32x4(c)));
  const hi = i32x4.shuffle(c, c, 2, 3, 0, 1);
  v128.store(dst, f64x2.add(v128.load(dst, 16), f64x2.promote_low_f32x4(hi)), 16);
}

/**
 * acc (dp × dp float64, row-major) += XᵀX over the `rows` rows of x (rows × dp float32, row-major),
 * for the tiles on or above the diagonal only (4-row × 8-column tiles; entries just below the
 * diagonal inside a tile are also written and are to be ignored). dp must be a multiple of 8.
 * Mixed precision: each tile's sum over this block is accumulated in float32, then added in float64.
 */
export function gramF32(x: usize, rows: i32, dp: i32, acc: usize): void {
  const rowBytes = (<usize>dp) << 2;
  for (let i = 0; i < dp; i += 4) {
    const io = (<usize>i) << 2;
    for (let j = (i >> 3) << 3; j < dp; j += 8) {
      const jo = (<usize>j) << 2;
      let c00 = f32x4.splat(0);
      let c01 = f32x4.splat(0);
      let c10 = f32x4.splat(0);
      let c11 = f32x4.splat(0);
      let c20 = f32x4.splat(0);
      let c21 = f32x4.splat(0);
      let c30 = f32x4.splat(0);
      let c31 = f32x4.splat(0);
      let p = x;
      for (let r = 0; r < rows; r++) {
        const b0 = v128.load(p + jo);
        const b1 = v128.load(p + jo, 16);
        const a0 = v128.load32_splat(p + io);
        const a1 = v128.load32_splat(p + io + 4);
        const a2 = v128.load32_splat(p + io + 8);
        const a3 = v128.load32_splat(p + io + 12);
        c00 = f32x4.add(c00, f32x4.mul(a0, b0));
        c01 = f32x4.add(c01, f32x4.mul(a0, b1));
        c10 = f32x4.add(c10, f32x4.mul(a1, b0));
        c11 = f32x4.add(c11, f32x4.mul(a1, b1));
        c20 = f32x4.add(c20, f32x4.mul(a2, b0));
        c21 = f32x4.add(c21, f32x4.mul(a2, b1));
        c30 = f32x4.add(c30, f32x4.mul(a3, b0));
        c31 = f32x4.add(c31, f32x4.mul(a3, b1));
        p += rowBytes;
      }
      const base = acc + ((<usize>i * <usize>dp + <usize>j) << 3);
      const stride = (<usize>dp) << 3;
      addTileRow(base, c00);
      addTileRow(base + 32, c01);
      addTileRow(base + stride, c10);
      addTileRow(base + stride + 32, c11);
      addTileRow(base + 2 * stride, c20);
      addTileRow(base + 2 * stride + 32, c21);
      addTileRow(base + 3 * stride, c30);
      addTileRow(base + 3 * stride + 32, c31);
    }
  }
}

/**
 * c (rows × n) += a (rows × k) · b (k × n), all float64 row-major, for `rows` rows starting at the
 * given pointers. n must be a multiple of 4 (the host pads).
 */
export function gemmF64(a: usize, b: usize, c: usize, rows: i32, k: i32, n: i32): void {
  const aRow = (<usize>k) << 3;
  const bRow = (<usize>n) << 3;
  let i = 0;
  for (; i + 4 <= rows; i += 4) {
    const a0p = a + <usize>i * aRow;
    for (let j = 0; j < n; j += 4) {
      const jo = (<usize>j) << 3;
      let c00 = f64x2.splat(0);
      let c01 = f64x2.splat(0);
      let c10 = f64x2.splat(0);
      let c11 = f64x2.splat(0);
      let c20 = f64x2.splat(0);
      let c21 = f64x2.splat(0);
      let c30 = f64x2.splat(0);
      let c31 = f64x2.splat(0);
      let bp = b + jo;
      let ap = a0p;
      for (let p = 0; p < k; p++) {
        const b0 = v128.load(bp);
        const b1 = v128.load(bp, 16);
        const x0 = v128.load64_splat(ap);
        const x1 = v128.load64_splat(ap + aRow);
        const x2 = v128.load64_splat(ap + 2 * aRow);
        const x3 = v128.load64_splat(ap + 3 * aRow);
        c00 = f64x2.add(c00, f64x2.mul(x0, b0));
        c01 = f64x2.add(c01, f64x2.mul(x0, b1));
        c10 = f64x2.add(c10, f64x2.mul(x1, b0));
        c11 = f64x2.add(c11, f64x2.mul(x1, b1));
        c20 = f64x2.add(c20, f64x2.mul(x2, b0));
        c21 = f64x2.add(c21, f64x2.mul(x2, b1));
        c30 = f64x2.add(c30, f64x2.mul(x3, b0));
        c31 = f64x2.add(c31, f64x2.mul(x3, b1));
        bp += bRow;
        ap += 8;
      }
      const cp = c + <usize>i * bRow + jo;
      v128.store(cp, f64x2.add(v128.load(cp), c00));
      v128.store(cp, f64x2.add(v128.load(cp, 16), c01), 16);
      v128.store(cp + bRow, f64x2.add(v128.load(cp + bRow), c10));
      v128.store(cp + bRow, f64x2.add(v128.load(cp + bRow, 16), c11), 16);
      v128.store(cp + 2 * bRow, f64x2.add(v128.load(cp + 2 * bRow), c20));
      v128.store(cp + 2 * bRow, f64x2.add(v128.load(cp + 2 * bRow, 16), c21), 16);
      v128.store(cp + 3 * bRow, f64x2.add(v128.load(cp + 3 * bRow), c30));
      v128.store(cp + 3 * bRow, f64x2.add(v128.load(cp + 3 * bRow, 16), c31), 16);
    }
  }
  for (; i < rows; i++) {
    const ap0 = a + <usize>i * aRow;
    for (let j = 0; j < n; j += 4) {
      const jo = (<usize>j) << 3;
      let c0 = f64x2.splat(0);
      let c1 = f64x2.splat(0);
      let bp = b + jo;
      let ap = ap0;
      for (let p = 0; p < k; p++) {
        const x = v128.load64_splat(ap);
        c0 = f64x2.add(c0, f64x2.mul(x, v128.load(bp)));
        c1 = f64x2.add(c1, f64x2.mul(x, v128.load(bp, 16)));
        bp += bRow;
        ap += 8;
      }
      const cp = c + <usize>i * bRow + jo;
      v128.store(cp, f64x2.add(v128.load(cp), c0));
      v128.store(cp, f64x2.add(v128.load(cp, 16), c1), 16);
    }
  }
}
