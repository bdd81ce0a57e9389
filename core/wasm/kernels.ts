// SIMD distance kernels over raw linear memory. The host (core/common/kernels/kernels.ts) lays out
// buffers above __heap_base and passes byte offsets; nothing here allocates.
//
// Every f32 distance follows ONE summation order, so all kernels (tiles, single rows, decoded f16/u8
// rows) give bit-identical results and the plain-TS reference (core/common/kernels/reference.ts)
// reproduces them exactly: lane l of one f32x4 accumulator sums the terms i ≡ l (mod 4) of the first
// dim & ~3 elements in order, the lanes are combined as (l0 + l1) + (l2 + l3), then the remaining
// dim % 4 terms are added one by one. A term is q·r (dot) or (q − r)² (squared L2), each op rounded to
// f32 (no FMA: relaxed SIMD needs a flag on Node 20).

export function heapBase(): usize {
  return __heap_base;
}

@inline
function term(q: v128, r: v128, l2: bool): v128 {
  if (l2) {
    const d = f32x4.sub(q, r);
    return f32x4.mul(d, d);
  }
  return f32x4.mul(q, r);
}

@inline
function termS(q: f32, r: f32, l2: bool): f32 {
  if (l2) {
    const d = q - r;
    return d * d;
  }
  return q * r;
}

@inline
function hsum(v: v128): f32 {
  return (
    f32x4.extract_lane(v, 0) +
    f32x4.extract_lane(v, 1) +
    (f32x4.extract_lane(v, 2) + f32x4.extract_lane(v, 3))
  );
}

/** Adds the scalar tail terms [from, to) (byte offsets) of one pair to s. */
@inline
function tail(s: f32, q: usize, r: usize, from: usize, to: usize, l2: bool): f32 {
  for (let o = from; o < to; o += 4) s += termS(load<f32>(q + o), load<f32>(r + o), l2);
  return s;
}

// Register tiles. V8 gives wasm 16 vector registers and no FMA, so 4 queries × 2 rows (8
// accumulators, 2 row vectors, 1 query vector, 1 temporary) is the largest tile that does not spill.

@inline
function tile4x2(q: usize, r: usize, rb: usize, dim: i32, out: usize, ldo: usize, l2: bool): void {
  const q0 = q;
  const q1 = q0 + rb;
  const q2 = q1 + rb;
  const q3 = q2 + rb;
  const r0 = r;
  const r1 = r + rb;
  let a00 = f32x4.splat(0);
  let a01 = f32x4.splat(0);
  let a10 = f32x4.splat(0);
  let a11 = f32x4.splat(0);
  let a20 = f32x4.splat(0);
  let a21 = f32x4.splat(0);
  let a30 = f32x4.splat(0);
  let a31 = f32x4.splat(0);
  const end = (<usize>(dim & ~3)) << 2;
  for (let o: usize = 0; o < end; o += 16) {
    const x0 = v128.load(r0 + o);
    const x1 = v128.load(r1 + o);
    let y = v128.load(q0 + o);
    a00 = f32x4.add(a00, term(y, x0, l2));
    a01 = f32x4.add(a01, term(y, x1, l2));
    y = v128.load(q1 + o);
    a10 = f32x4.add(a10, term(y, x0, l2));
    a11 = f32x4.add(a11, term(y, x1, l2));
    y = v128.load(q2 + o);
    a20 = f32x4.add(a20, term(y, x0, l2));
    a21 = f32x4.add(a21, term(y, x1, l2));
    y = v128.load(q3 + o);
    a30 = f32x4.add(a30, term(y, x0, l2));
    a31 = f32x4.add(a31, term(y, x1, l2));
  }
  const full = (<usize>dim) << 2;
  const ob = ldo << 2;
  store<f32>(out, tail(hsum(a00), q0, r0, end, full, l2));
  store<f32>(out + 4, tail(hsum(a01), q0, r1, end, full, l2));
  store<f32>(out + ob, tail(hsum(a10), q1, r0, end, full, l2));
  store<f32>(out + ob + 4, tail(hsum(a11), q1, r1, end, full, l2));
  store<f32>(out + 2 * ob, tail(hsum(a20), q2, r0, end, full, l2));
  store<f32>(out + 2 * ob + 4, tail(hsum(a21), q2, r1, end, full, l2));
  store<f32>(out + 3 * ob, tail(hsum(a30), q3, r0, end, full, l2));
  store<f32>(out + 3 * ob + 4, tail(hsum(a31), q3, r1, end, full, l2));
}

@inline
function tile4x1(q: usize, r: usize, rb: usize, dim: i32, out: usize, ldo: usize, l2: bool): void {
  const q0 = q;
  const q1 = q0 + rb;
  const q2 = q1 + rb;
  const q3 = q2 + rb;
  let a0 = f32x4.splat(0);
  let a1 = f32x4.splat(0);
  let a2 = f32x4.splat(0);
  let a3 = f32x4.splat(0);
  const end = (<usize>(dim & ~3)) << 2;
  for (let o: usize = 0; o < end; o += 16) {
    const x = v128.load(r + o);
    a0 = f32x4.add(a0, term(v128.load(q0 + o), x, l2));
    a1 = f32x4.add(a1, term(v128.load(q1 + o), x, l2));
    a2 = f32x4.add(a2, term(v128.load(q2 + o), x, l2));
    a3 = f32x4.add(a3, term(v128.load(q3 + o), x, l2));
  }
  const full = (<usize>dim) << 2;
  const ob = ldo << 2;
  store<f32>(out, tail(hsum(a0), q0, r, end, full, l2));
  store<f32>(out + ob, tail(hsum(a1), q1, r, end, full, l2));
  store<f32>(out + 2 * ob, tail(hsum(a2), q2, r, end, full, l2));
  store<f32>(out + 3 * ob, tail(hsum(a3), q3, r, end, full, l2));
}

@inline
function tile1x4(q: usize, r: usize, rb: usize, dim: i32, out: usize, l2: bool): void {
  const r0 = r;
  const r1 = r0 + rb;
  const r2 = r1 + rb;
  const r3 = r2 + rb;
  let a0 = f32x4.splat(0);
  let a1 = f32x4.splat(0);
  let a2 = f32x4.splat(0);
  let a3 = f32x4.splat(0);
  const end = (<usize>(dim & ~3)) << 2;
  for (let o: usize = 0; o < end; o += 16) {
    const y = v128.load(q + o);
    a0 = f32x4.add(a0, term(y, v128.load(r0 + o), l2));
    a1 = f32x4.add(a1, term(y, v128.load(r1 + o), l2));
    a2 = f32x4.add(a2, term(y, v128.load(r2 + o), l2));
    a3 = f32x4.add(a3, term(y, v128.load(r3 + o), l2));
  }
  const full = (<usize>dim) << 2;
  store<f32>(out, tail(hsum(a0), q, r0, end, full, l2));
  store<f32>(out + 4, tail(hsum(a1), q, r1, end, full, l2));
  store<f32>(out + 8, tail(hsum(a2), q, r2, end, full, l2));
  store<f32>(out + 12, tail(hsum(a3), q, r3, end, full, l2));
}

@inline
function tile1x1(q: usize, r: usize, dim: i32, out: usize, l2: bool): void {
  let a = f32x4.splat(0);
  const end = (<usize>(dim & ~3)) << 2;
  for (let o: usize = 0; o < end; o += 16) a = f32x4.add(a, term(v128.load(q + o), v128.load(r + o), l2));
  store<f32>(out, tail(hsum(a), q, r, end, (<usize>dim) << 2, l2));
}

@inline
function tileF32(q: usize, nq: i32, r: usize, nr: i32, dim: i32, out: usize, ldo: i32, l2: bool): void {
  const rb = (<usize>dim) << 2;
  const ld = <usize>ldo;
  let i = 0;
  for (; i + 4 <= nq; i += 4) {
    const qi = q + <usize>i * rb;
    const oi = out + ((<usize>i * ld) << 2);
    let j = 0;
    for (; j + 2 <= nr; j += 2) tile4x2(qi, r + <usize>j * rb, rb, dim, oi + ((<usize>j) << 2), ld, l2);
    if (j < nr) tile4x1(qi, r + <usize>j * rb, rb, dim, oi + ((<usize>j) << 2), ld, l2);
  }
  for (; i < nq; i++) {
    const qi = q + <usize>i * rb;
    const oi = out + ((<usize>i * ld) << 2);
    let j = 0;
    for (; j + 4 <= nr; j += 4) tile1x4(qi, r + <usize>j * rb, rb, dim, oi + ((<usize>j) << 2), l2);
    for (; j < nr; j++) tile1x1(qi, r + <usize>j * rb, dim, oi + ((<usize>j) << 2), l2);
  }
}

/** out[i·ldo + j] = ⟨q_i, r_j⟩ for nq f32 queries × nr f32 rows of dim elements (row-major). */
export function dotTileF32(q: usize, nq: i32, r: usize, nr: i32, dim: i32, out: usize, ldo: i32): void {
  tileF32(q, nq, r, nr, dim, out, ldo, false);
}

/** out[i·ldo + j] = ‖q_i − r_j‖², computed from the differences (no cancellation). */
export function l2TileF32(q: usize, nq: i32, r: usize, nr: i32, dim: i32, out: usize, ldo: i32): void {
  tileF32(q, nq, r, nr, dim, out, ldo, true);
}

/** out[j] = ‖r_j‖² (the same order as a dot of r_j with itself). */
export function sqNormsF32(r: usize, nr: i32, dim: i32, out: usize): void {
  const rb = (<usize>dim) << 2;
  for (let j = 0; j < nr; j++) {
    const rj = r + <usize>j * rb;
    tile1x1(rj, rj, dim, out + ((<usize>j) << 2), false);
  }
}

/** Scales each row in place to unit L2 norm (x / fround(sqrt(‖x‖²))); zero rows stay zero. */
export function normalizeF32(r: usize, nr: i32, dim: i32, scratch: usize): void {
  const rb = (<usize>dim) << 2;
  const end = (<usize>(dim & ~3)) << 2;
  for (let j = 0; j < nr; j++) {
    const rj = r + <usize>j * rb;
    tile1x1(rj, rj, dim, scratch, false);
    const norm = Mathf.sqrt(load<f32>(scratch));
    if (norm == 0) continue;
    const nv = f32x4.splat(norm);
    for (let o: usize = 0; o < end; o += 16) v128.store(rj + o, f32x4.div(v128.load(rj + o), nv));
    for (let o = end; o < rb; o += 4) store<f32>(rj + o, load<f32>(rj + o) / norm);
  }
}

// ---- f16 rows (IEEE binary16 bits) -----------------------------------------------------------

/** Four f16 values (zero-extended to u32 lanes) to f32, exactly, subnormals, infinities and NaN included. */
@inline
function halfToF32x4(h: v128): v128 {
  const sign = i32x4.shl(v128.and(h, i32x4.splat(0x8000)), 16);
  const em = i32x4.shl(v128.and(h, i32x4.splat(0x7fff)), 13);
  // Rebiasing the exponent by a multiply handles normals and subnormals alike (wasm keeps denormals).
  const finite = f32x4.mul(em, f32x4.splat(5.192296858534828e33)); // 2^112
  const special = v128.or(em, i32x4.splat(0x7f800000));
  const isSpecial = i32x4.ge_u(em, i32x4.splat(0x0f800000));
  return v128.or(v128.bitselect(special, finite, isSpecial), sign);
}

@inline
function halfToF32(h: u32): f32 {
  return f32x4.extract_lane(halfToF32x4(i32x4.splat(h)), 0);
}

/** dst[i] = f16 bits src[i] as f32, for count values. */
export function decodeF16(src: usize, dst: usize, count: i32): void {
  let i = 0;
  for (; i + 4 <= count; i += 4) {
    v128.store(dst + ((<usize>i) << 2), halfToF32x4(v128.load16x4_u(src + ((<usize>i) << 1))));
  }
  for (; i < count; i++) store<f32>(dst + ((<usize>i) << 2), halfToF32(load<u16>(src + ((<usize>i) << 1))));
}

/** One f32 query against nr f16 rows, decoding in the kernel: out[j] = dot or squared L2. */
@inline
function rowsF16(q: usize, r: usize, nr: i32, dim: i32, out: usize, l2: bool): void {
  const rb = (<usize>dim) << 1;
  const n4 = dim & ~3;
  for (let j = 0; j < nr; j++) {
    const rj = r + <usize>j * rb;
    let a = f32x4.splat(0);
    for (let i = 0; i < n4; i += 4) {
      const x = halfToF32x4(v128.load16x4_u(rj + ((<usize>i) << 1)));
      a = f32x4.add(a, term(v128.load(q + ((<usize>i) << 2)), x, l2));
    }
    let s = hsum(a);
    for (let i = n4; i < dim; i++) {
      s += termS(load<f32>(q + ((<usize>i) << 2)), halfToF32(load<u16>(rj + ((<usize>i) << 1))), l2);
    }
    store<f32>(out + ((<usize>j) << 2), s);
  }
}

export function dotRowsF16(q: usize, r: usize, nr: i32, dim: i32, out: usize): void {
  rowsF16(q, r, nr, dim, out, false);
}

export function l2RowsF16(q: usize, r: usize, nr: i32, dim: i32, out: usize): void {
  rowsF16(q, r, nr, dim, out, true);
}

// ---- u8 rows -------------------------------------------------------------------------------------

@inline
function u8ToF32x4(p: usize): v128 {
  return f32x4.convert_i32x4_u(i32x4.extend_low_i16x8_u(i16x8.extend_low_i8x16_u(v128.load32_zero(p))));
}

/** dst[i] = src[i] as f32, for count bytes. */
export function decodeU8(src: usize, dst: usize, count: i32): void {
  let i = 0;
  for (; i + 4 <= count; i += 4) v128.store(dst + ((<usize>i) << 2), u8ToF32x4(src + <usize>i));
  for (; i < count; i++) store<f32>(dst + ((<usize>i) << 2), <f32>load<u8>(src + <usize>i));
}

/** One f32 query against nr u8 rows, converting in the kernel: out[j] = dot or squared L2. */
@inline
function rowsU8(q: usize, r: usize, nr: i32, dim: i32, out: usize, l2: bool): void {
  const rb = <usize>dim;
  const n4 = dim & ~3;
  for (let j = 0; j < nr; j++) {
    const rj = r + <usize>j * rb;
    let a = f32x4.splat(0);
    for (let i = 0; i < n4; i += 4) {
      a = f32x4.add(a, term(v128.load(q + ((<usize>i) << 2)), u8ToF32x4(rj + <usize>i), l2));
    }
    let s = hsum(a);
    for (let i = n4; i < dim; i++) {
      s += termS(load<f32>(q + ((<usize>i) << 2)), <f32>load<u8>(rj + <usize>i), l2);
    }
    store<f32>(out + ((<usize>j) << 2), s);
  }
}

export function dotRowsU8(q: usize, r: usize, nr: i32, dim: i32, out: usize): void {
  rowsU8(q, r, nr, dim, out, false);
}

export function l2RowsU8(q: usize, r: usize, nr: i32, dim: i32, out: usize): void {
  rowsU8(q, r, nr, dim, out, true);
}

// ---- u8 query × u8 rows, exact integer arithmetic (i32 sums: exact while dim ≤ 33,025) -------------

@inline
function rowsU8U8(q: usize, r: usize, nr: i32, dim: i32, out: usize, l2: bool): void {
  const rb = <usize>dim;
  const n8 = dim & ~7;
  for (let j = 0; j < nr; j++) {
    const rj = r + <usize>j * rb;
    let a = i32x4.splat(0);
    for (let i = 0; i < n8; i += 8) {
      const x = v128.load8x8_u(q + <usize>i);
      const y = v128.load8x8_u(rj + <usize>i);
      if (l2) {
        const d = i16x8.sub(x, y);
        a = i32x4.add(a, i32x4.dot_i16x8_s(d, d));
      } else {
        a = i32x4.add(a, i32x4.dot_i16x8_s(x, y));
      }
    }
    let s =
      i32x4.extract_lane(a, 0) + i32x4.extract_lane(a, 1) + i32x4.extract_lane(a, 2) + i32x4.extract_lane(a, 3);
    for (let i = n8; i < dim; i++) {
      const x = <i32>load<u8>(q + <usize>i);
      const y = <i32>load<u8>(rj + <usize>i);
      s += l2 ? (x - y) * (x - y) : x * y;
    }
    store<i32>(out + ((<usize>j) << 2), s);
  }
}

export function dotRowsU8U8(q: usize, r: usize, nr: i32, dim: i32, out: usize): void {
  rowsU8U8(q, r, nr, dim, out, false);
}

export function l2RowsU8U8(q: usize, r: usize, nr: i32, dim: i32, out: usize): void {
  rowsU8U8(q, r, nr, dim, out, true);
}
