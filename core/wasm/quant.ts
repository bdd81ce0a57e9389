// Distance kernels between one f32 query and compressed codes (core/common/quantize). The host lays out
// query, tables and codes above __heap_base and passes byte offsets; nothing here allocates. Each call
// handles one vector, so V8 tiers the module up quickly (long single calls stay in baseline code).

export function heapBase(): usize {
  return __heap_base;
}

function hsum(v: v128): f32 {
  return (
    f32x4.extract_lane(v, 0) + f32x4.extract_lane(v, 1) + f32x4.extract_lane(v, 2) + f32x4.extract_lane(v, 3)
  );
}

function qAt(q: usize, j: i32): v128 {
  return v128.load(q + ((<usize>j) << 2));
}

/** Squared L2 distance of two f32 vectors. */
export function l2F32(q: usize, x: usize, n: i32): f32 {
  let acc0 = f32x4.splat(0);
  let acc1 = f32x4.splat(0);
  let i = 0;
  for (; i + 8 <= n; i += 8) {
    const o = (<usize>i) << 2;
    const d0 = f32x4.sub(v128.load(q + o), v128.load(x + o));
    const d1 = f32x4.sub(v128.load(q + o + 16), v128.load(x + o + 16));
    acc0 = f32x4.add(acc0, f32x4.mul(d0, d0));
    acc1 = f32x4.add(acc1, f32x4.mul(d1, d1));
  }
  let s = hsum(f32x4.add(acc0, acc1));
  for (; i < n; i++) {
    const d = load<f32>(q + ((<usize>i) << 2)) - load<f32>(x + ((<usize>i) << 2));
    s += d * d;
  }
  return s;
}

/** Dot product of two f32 vectors. */
export function dotF32(q: usize, x: usize, n: i32): f32 {
  let acc0 = f32x4.splat(0);
  let acc1 = f32x4.splat(0);
  let i = 0;
  for (; i + 8 <= n; i += 8) {
    const o = (<usize>i) << 2;
    acc0 = f32x4.add(acc0, f32x4.mul(v128.load(q + o), v128.load(x + o)));
    acc1 = f32x4.add(acc1, f32x4.mul(v128.load(q + o + 16), v128.load(x + o + 16)));
  }
  let s = hsum(f32x4.add(acc0, acc1));
  for (; i < n; i++) s += load<f32>(q + ((<usize>i) << 2)) * load<f32>(x + ((<usize>i) << 2));
  return s;
}

// fp16 -> f32 for finite values: move the 15 magnitude bits to the f32 position and rescale by 2^112,
// which also handles zeros and subnormals.
function halfToF32x4(h: v128): v128 {
  const mag = i32x4.shl(v128.and(h, i32x4.splat(0x7fff)), 13);
  const scaled = f32x4.mul(mag, f32x4.splat(reinterpret<f32>(0x77800000)));
  return v128.or(scaled, i32x4.shl(v128.and(h, i32x4.splat(0x8000)), 16));
}

function halfToF32(h: u32): f32 {
  const f = reinterpret<f32>((h & 0x7fff) << 13) * reinterpret<f32>(0x77800000);
  return reinterpret<f32>(reinterpret<u32>(f) | ((h & 0x8000) << 16));
}

/** Dot product of an f32 query with fp16 codes. */
export function dotF16(q: usize, x: usize, n: i32): f32 {
  let acc = f32x4.splat(0);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    acc = f32x4.add(acc, f32x4.mul(qAt(q, i), halfToF32x4(v128.load16x4_u(x + ((<usize>i) << 1)))));
  }
  let s = hsum(acc);
  for (; i < n; i++) s += load<f32>(q + ((<usize>i) << 2)) * halfToF32(load<u16>(x + ((<usize>i) << 1)));
  return s;
}

/** Squared L2 distance of an f32 query to fp16 codes. */
export function l2F16(q: usize, x: usize, n: i32): f32 {
  let acc = f32x4.splat(0);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const d = f32x4.sub(qAt(q, i), halfToF32x4(v128.load16x4_u(x + ((<usize>i) << 1))));
    acc = f32x4.add(acc, f32x4.mul(d, d));
  }
  let s = hsum(acc);
  for (; i < n; i++) {
    const d = load<f32>(q + ((<usize>i) << 2)) - halfToF32(load<u16>(x + ((<usize>i) << 1)));
    s += d * d;
  }
  return s;
}

function u8lo(b: v128): v128 {
  return i16x8.extend_low_i8x16_u(b);
}
function u8hi(b: v128): v128 {
  return i16x8.extend_high_i8x16_u(b);
}
function f32lo(h: v128): v128 {
  return f32x4.convert_i32x4_u(i32x4.extend_low_i16x8_u(h));
}
function f32hi(h: v128): v128 {
  return f32x4.convert_i32x4_u(i32x4.extend_high_i16x8_u(h));
}

// Sum over 16 dims starting at j of q_j * c_j, where the 16 codes are the u8 lanes of b.
function dot16(acc: v128, q: usize, j: i32, b: v128): v128 {
  const lo = u8lo(b);
  const hi = u8hi(b);
  acc = f32x4.add(acc, f32x4.mul(qAt(q, j), f32lo(lo)));
  acc = f32x4.add(acc, f32x4.mul(qAt(q, j + 4), f32hi(lo)));
  acc = f32x4.add(acc, f32x4.mul(qAt(q, j + 8), f32lo(hi)));
  return f32x4.add(acc, f32x4.mul(qAt(q, j + 12), f32hi(hi)));
}

function sq4(acc: v128, qv: v128, c: v128, scale: v128, bias: v128): v128 {
  const d = f32x4.sub(f32x4.sub(qv, bias), f32x4.mul(scale, c));
  return f32x4.add(acc, f32x4.mul(d, d));
}

// Sum over 16 dims starting at j of (q_j - bias - scale * c_j)^2.
function l2aff16(acc: v128, q: usize, j: i32, b: v128, scale: v128, bias: v128): v128 {
  const lo = u8lo(b);
  const hi = u8hi(b);
  acc = sq4(acc, qAt(q, j), f32lo(lo), scale, bias);
  acc = sq4(acc, qAt(q, j + 4), f32hi(lo), scale, bias);
  acc = sq4(acc, qAt(q, j + 8), f32lo(hi), scale, bias);
  return sq4(acc, qAt(q, j + 12), f32hi(hi), scale, bias);
}

/** Sum_j q_j * c_j over u8 codes. */
export function dotU8(q: usize, c: usize, n: i32): f32 {
  let acc = f32x4.splat(0);
  let i = 0;
  for (; i + 16 <= n; i += 16) acc = dot16(acc, q, i, v128.load(c + <usize>i));
  let s = hsum(acc);
  for (; i < n; i++) s += load<f32>(q + ((<usize>i) << 2)) * <f32>load<u8>(c + <usize>i);
  return s;
}

/**
 * Sum_j q_j * c_j in integers: q as i16 (zero padded to a multiple of 16 dims), c as u8 codes. Each of
 * the 8 i32 lanes sums the dims j with (j mod 16) >> 1 equal to its index; the caller scales q so every
 * lane stays below 2^31 (core/common/quantize/queryI16.ts); lanes are added in f64.
 */
export function dotU8I16(q: usize, c: usize, n: i32): f64 {
  let acc0 = i32x4.splat(0);
  let acc1 = i32x4.splat(0);
  for (let j = 0; j < n; j += 16) {
    const b = v128.load(c + <usize>j);
    const qo = q + ((<usize>j) << 1);
    acc0 = i32x4.add(acc0, i32x4.dot_i16x8_s(i16x8.extend_low_i8x16_u(b), v128.load(qo)));
    acc1 = i32x4.add(acc1, i32x4.dot_i16x8_s(i16x8.extend_high_i8x16_u(b), v128.load(qo + 16)));
  }
  const lo = <f64>i32x4.extract_lane(acc0, 0) + <f64>i32x4.extract_lane(acc0, 1);
  const mid = <f64>i32x4.extract_lane(acc0, 2) + <f64>i32x4.extract_lane(acc0, 3);
  const hi = <f64>i32x4.extract_lane(acc1, 0) + <f64>i32x4.extract_lane(acc1, 1);
  const top = <f64>i32x4.extract_lane(acc1, 2) + <f64>i32x4.extract_lane(acc1, 3);
  return lo + mid + (hi + top);
}

// 4-bit layout (see core/common/quantize/nibbles.ts): blocks of 32 dims in 16 bytes, byte t holding
// dim 32k+t in its low nibble and dim 32k+16+t in its high nibble; a final partial block is packed
// sequentially (byte t: dims 2t low, 2t+1 high).

/** Sum_j q_j * c_j over 4-bit codes. */
export function dotU4(q: usize, c: usize, n: i32): f32 {
  const mask = i8x16.splat(0x0f);
  let acc = f32x4.splat(0);
  const blocks = n >> 5;
  for (let k = 0; k < blocks; k++) {
    const b = v128.load(c + ((<usize>k) << 4));
    acc = dot16(acc, q, k << 5, v128.and(b, mask));
    acc = dot16(acc, q, (k << 5) + 16, i8x16.shr_u(b, 4));
  }
  let s = hsum(acc);
  const base = blocks << 5;
  const tail = c + ((<usize>blocks) << 4);
  for (let j = base; j < n; j++) {
    const t = j - base;
    const byte = <u32>load<u8>(tail + <usize>(t >> 1));
    const code = (t & 1) == 0 ? byte & 15 : byte >> 4;
    s += load<f32>(q + ((<usize>j) << 2)) * <f32>code;
  }
  return s;
}

/** Sum_j (q_j - bias - scale * c_j)^2 over 4-bit codes. */
export function l2U4Affine(q: usize, c: usize, n: i32, scale: f32, bias: f32): f32 {
  const mask = i8x16.splat(0x0f);
  const vs = f32x4.splat(scale);
  const vb = f32x4.splat(bias);
  let acc = f32x4.splat(0);
  const blocks = n >> 5;
  for (let k = 0; k < blocks; k++) {
    const b = v128.load(c + ((<usize>k) << 4));
    acc = l2aff16(acc, q, k << 5, v128.and(b, mask), vs, vb);
    acc = l2aff16(acc, q, (k << 5) + 16, i8x16.shr_u(b, 4), vs, vb);
  }
  let s = hsum(acc);
  const base = blocks << 5;
  const tail = c + ((<usize>blocks) << 4);
  for (let j = base; j < n; j++) {
    const t = j - base;
    const byte = <u32>load<u8>(tail + <usize>(t >> 1));
    const code = (t & 1) == 0 ? byte & 15 : byte >> 4;
    const d = load<f32>(q + ((<usize>j) << 2)) - bias - scale * <f32>code;
    s += d * d;
  }
  return s;
}

// 16 dims of (q_j - bias - scale * c_j - fine * e_j)^2, c from 4-bit lanes of b, e from u8 lanes of r.
function l2two16(acc: v128, q: usize, j: i32, b: v128, r: v128, scale: v128, fine: v128, bias: v128): v128 {
  const blo = u8lo(b);
  const bhi = u8hi(b);
  const rlo = u8lo(r);
  const rhi = u8hi(r);
  acc = sq4(acc, f32x4.sub(qAt(q, j), f32x4.mul(fine, f32lo(rlo))), f32lo(blo), scale, bias);
  acc = sq4(acc, f32x4.sub(qAt(q, j + 4), f32x4.mul(fine, f32hi(rlo))), f32hi(blo), scale, bias);
  acc = sq4(acc, f32x4.sub(qAt(q, j + 8), f32x4.mul(fine, f32lo(rhi))), f32lo(bhi), scale, bias);
  return sq4(acc, f32x4.sub(qAt(q, j + 12), f32x4.mul(fine, f32hi(rhi))), f32hi(bhi), scale, bias);
}

/** Sum_j (q_j - bias - scale * c_j - fine * e_j)^2: two-level LVQ (4-bit c, 8-bit residual e). */
export function l2U4U8(q: usize, c: usize, e: usize, n: i32, scale: f32, fine: f32, bias: f32): f32 {
  const mask = i8x16.splat(0x0f);
  const vs = f32x4.splat(scale);
  const vf = f32x4.splat(fine);
  const vb = f32x4.splat(bias);
  let acc = f32x4.splat(0);
  const blocks = n >> 5;
  for (let k = 0; k < blocks; k++) {
    const b = v128.load(c + ((<usize>k) << 4));
    const j = k << 5;
    acc = l2two16(acc, q, j, v128.and(b, mask), v128.load(e + <usize>j), vs, vf, vb);
    acc = l2two16(acc, q, j + 16, i8x16.shr_u(b, 4), v128.load(e + <usize>(j + 16)), vs, vf, vb);
  }
  let s = hsum(acc);
  const base = blocks << 5;
  const tail = c + ((<usize>blocks) << 4);
  for (let j = base; j < n; j++) {
    const t = j - base;
    const byte = <u32>load<u8>(tail + <usize>(t >> 1));
    const code = (t & 1) == 0 ? byte & 15 : byte >> 4;
    const d =
      load<f32>(q + ((<usize>j) << 2)) - bias - scale * <f32>code - fine * <f32>load<u8>(e + <usize>j);
    s += d * d;
  }
  return s;
}

/** PQ asymmetric distance: Sum_m table[m * 256 + code_m]. */
export function adc(table: usize, codes: usize, m: i32): f32 {
  let s0: f32 = 0;
  let s1: f32 = 0;
  let j = 0;
  for (; j + 2 <= m; j += 2) {
    s0 += load<f32>(table + ((((<usize>j) << 8) + <usize>load<u8>(codes + <usize>j)) << 2));
    s1 += load<f32>(table + ((((<usize>(j + 1)) << 8) + <usize>load<u8>(codes + <usize>(j + 1))) << 2));
  }
  if (j < m) s0 += load<f32>(table + ((((<usize>j) << 8) + <usize>load<u8>(codes + <usize>j)) << 2));
  return s0 + s1;
}

/** Hamming distance of two bit strings of nbytes bytes. */
export function hamming(a: usize, b: usize, nbytes: i32): i32 {
  let s: u64 = 0;
  let i = 0;
  for (; i + 8 <= nbytes; i += 8) s += popcnt<u64>(load<u64>(a + <usize>i) ^ load<u64>(b + <usize>i));
  for (; i < nbytes; i++) s += <u64>popcnt<u32>(<u32>(load<u8>(a + <usize>i) ^ load<u8>(b + <usize>i)));
  return <i32>s;
}

/** Index of the row of `cents` (k rows of d f32) nearest in L2 to x; used by k-means training. */
export function nearestL2(x: usize, cents: usize, k: i32, d: i32): i32 {
  let best: f32 = Infinity;
  let arg = 0;
  const stride = (<usize>d) << 2;
  for (let c = 0; c < k; c++) {
    const s = l2F32(x, cents + <usize>c * stride, d);
    if (s < best) {
      best = s;
      arg = c;
    }
  }
  return arg;
}

// RaBitQ bit planes (core/common/quantize/bitPlanes.ts): `bits` code planes and `qbits` query planes of
// `pb` bytes each (a multiple of 8). Sum_j c_j·q_j = Sum_a 2^a Sum_b 2^b popcount(C_a & Q_b): each code
// chunk is loaded once and met with every query plane; the weighted popcounts add up in 16-bit lanes
// (at most 16·255 a lane per chunk), then in 32-bit lanes, summed once per code plane.

/** Sum_j c_j·q_j of a B-bit plane record c and a plane query q (an exact integer, as f64). */
export function rabitqDot(q: usize, c: usize, pb: i32, bits: i32, qbits: i32): f64 {
  const p = <usize>pb;
  let total: u64 = 0;
  for (let a = 0; a < bits; a++) {
    const x = c + <usize>a * p;
    let acc = i32x4.splat(0);
    let i: usize = 0;
    for (; i + 16 <= p; i += 16) {
      const v = v128.load(x + i);
      let t = i16x8.splat(0);
      for (let b = 0; b < qbits; b++) {
        const ones = i8x16.popcnt(v128.and(v, v128.load(q + <usize>b * p + i)));
        t = i16x8.add(t, i16x8.shl(i16x8.extadd_pairwise_i8x16_u(ones), b));
      }
      acc = i32x4.add(acc, i32x4.extadd_pairwise_i16x8_u(t));
    }
    let s = <u64>(
      (<u32>i32x4.extract_lane(acc, 0)) +
      (<u64>(<u32>i32x4.extract_lane(acc, 1))) +
      (<u64>(<u32>i32x4.extract_lane(acc, 2))) +
      (<u64>(<u32>i32x4.extract_lane(acc, 3)))
    );
    if (i < p) {
      const v = load<u64>(x + i);
      for (let b = 0; b < qbits; b++) s += popcnt<u64>(v & load<u64>(q + <usize>b * p + i)) << (<u64>b);
    }
    total += s << (<u64>a);
  }
  return <f64>total;
}
