// Vamana graph build and search in one module (core/common/search/graphIndex.ts drives it). The memory is
// imported and shared: every worker thread instantiates this module over the same codes and adjacency,
// and keeps its own query, candidate buffer, visited stamps and prune pool (globals below point into a
// region the host gave that thread). A whole query, or a whole range of a build batch, runs in one call.
//
// Distances are f64 and combine the f32 kernels exactly as the codecs' scorers do in TypeScript
// (core/common/quantize/*Codec.ts), so a traversal here visits what the TypeScript reference visits.
import {
  adc,
  dotU8I16,
  dotF16,
  dotF32,
  dotU4,
  dotU8,
  hamming,
  l2F16,
  l2F32,
  l2U4Affine,
  l2U4U8,
  rabitqDot,
} from './quant';

export function heapBase(): usize {
  return __heap_base;
}

// Code kinds (GraphCodeKind in core/common/search/graphCodes.ts).
const F32: i32 = 0;
const F16: i32 = 1;
const SQ8: i32 = 2;
const LVQ8: i32 = 3;
const LVQ4: i32 = 4;
const PQ: i32 = 5;
const BIN: i32 = 6;
const RABITQ: i32 = 7;

// ---- the index this instance searches (shared by threads) ----
let gN: i32 = 0;
let gDim: i32 = 0;
let gKind: i32 = 0;
let gIp: bool = false;
let gCodes: usize = 0;
let gRow: usize = 0;
let gScale: usize = 0;
let gBias: usize = 0;
let gNorm: usize = 0;
let gRefine: usize = 0;
let gM: i32 = 0;
let gAdj: usize = 0;
let gStride: i32 = 0;
let gMedoid: i32 = 0;

// ---- this thread's scratch ----
let gQ: usize = 0;
let gC0: f64 = 0;
let gC1: f64 = 0;
let gC2: f64 = 0;
let gVisited: usize = 0;
let gGenAt: usize = 0;
let gIds: usize = 0;
let gDists: usize = 0;
let gBuf: usize = 0;
let gCap: i32 = 0;
let gNbIds: usize = 0;
let gNbDists: usize = 0;
let gSize: i32 = 0;
let gEvals: i32 = 0;

// ---- build state (shared) and build scratch (this thread) ----
let gBuilding: bool = false;
let gBV: usize = 0;
let gAug: usize = 0;
let gB8Row: usize = 0;
let gB8Scale: usize = 0;
let gB8Norm: usize = 0;
let gDeg: usize = 0;
let gR: i32 = 0;
let gL: i32 = 0;
let gMaxPool: i32 = 0;
let gBatch: usize = 0;
let gLists: usize = 0;
let gListDeg: usize = 0;
let gTargets: usize = 0;
let gInStart: usize = 0;
let gIncoming: usize = 0;
let gBuildQ: i32 = 0;
let gExpIds: usize = 0;
let gExpDists: usize = 0;
let gExpCap: i32 = 0;
let gExpCount: i32 = 0;
let gPIds: usize = 0;
let gPDists: usize = 0;
let gPOcc: usize = 0;
let gPCap: i32 = 0;
let gPSize: i32 = 0;
let gSel: usize = 0;

/** Describes the codes and graph to search (pointers into the shared memory). */
export function setIndex(
  n: i32,
  dim: i32,
  kind: i32,
  ip: bool,
  codes: usize,
  rowBytes: i32,
  scale: usize,
  bias: usize,
  norm: usize,
  refine: usize,
  m: i32,
  adj: usize,
  stride: i32,
  medoid: i32,
): void {
  gN = n;
  gDim = dim;
  gKind = kind;
  gIp = ip;
  gCodes = codes;
  gRow = <usize>rowBytes;
  gScale = scale;
  gBias = bias;
  gNorm = norm;
  gRefine = refine;
  gM = m;
  gAdj = adj;
  gStride = stride;
  gMedoid = medoid;
  gBuilding = false;
}

/**
 * This thread's scratch: the prepared query, visited stamps (n u32, zero at first) with their current
 * generation at `genAt` (so rebinding costs nothing), a buffer of `cap` 16-byte entries with
 * `ids` / `dists` (cap each) where results are copied out for the host, and room for one
 * node's neighbours (ids and distances, as many as the adjacency stride).
 */
export function setScratch(
  q: usize,
  visited: usize,
  genAt: usize,
  ids: usize,
  dists: usize,
  entries: usize,
  cap: i32,
  nbIds: usize,
  nbDists: usize,
): void {
  gNbIds = nbIds;
  gNbDists = nbDists;
  gQ = q;
  gVisited = visited;
  gGenAt = genAt;
  gIds = ids;
  gDists = dists;
  gBuf = entries;
  gCap = cap;
}

export function setQueryConstants(c0: f64, c1: f64, c2: f64): void {
  gC0 = c0;
  gC1 = c1;
  gC2 = c2;
}

/** Distance from the prepared query to row i's primary codes, as the codec's scorer computes it. */
@inline
function codeDistance(i: i32): f64 {
  const c = gCodes + <usize>i * gRow;
  const dim = gDim;
  if (gKind == F32) return gIp ? -(<f64>dotF32(gQ, c, dim)) : <f64>l2F32(gQ, c, dim);
  if (gKind == F16) return gIp ? -(<f64>dotF16(gQ, c, dim)) : <f64>l2F16(gQ, c, dim);
  // SQ8 and LVQ8: integer dot with the 16-bit query, scaled back by gC2 = 1/λ; under l2 the square
  // expanded, ‖u‖² (gC0) − 2<u, x̂ − shift> + the row's precomputed ‖x̂ − shift‖² (gNorm).
  if (gKind == SQ8) {
    const dot = dotU8I16(gQ, c, dim) * gC2;
    return gIp ? -(gC0 + dot) : gC0 - 2 * dot + <f64>load<f32>(gNorm + ((<usize>i) << 2));
  }
  if (gKind == LVQ8 || gKind == LVQ4) {
    const s = load<f32>(gScale + ((<usize>i) << 2));
    const b = load<f32>(gBias + ((<usize>i) << 2));
    if (gKind == LVQ8) {
      const sd = <f64>s * (dotU8I16(gQ, c, dim) * gC2);
      if (gIp) return -(gC0 + sd + <f64>b * gC1);
      return gC0 - 2 * (sd + <f64>b * gC1) + <f64>load<f32>(gNorm + ((<usize>i) << 2));
    }
    return gIp ? -(gC0 + <f64>s * <f64>dotU4(gQ, c, dim) + <f64>b * gC1) : <f64>l2U4Affine(gQ, c, dim, s, b);
  }
  if (gKind == PQ) return <f64>adc(gQ, c, gM);
  // RaBitQ (core/common/quantize/rabitqCodec.ts): gScale = the row's multiplier, gBias = its code sum
  // times the query grid's centre, gNorm = ‖o − c‖² (l2); gC0 = <q, c> or ‖q − c‖², gC1 = Δ, gC2 = the
  // query's offset; gM = code bits | query bits << 8.
  if (gKind == RABITQ) {
    const bits = gM & 255;
    const dot = rabitqDot(gQ, c, <i32>gRow / bits, bits, gM >> 8);
    const at = (<usize>i) << 2;
    const e = <f64>load<f32>(gScale + at) * (gC1 * (dot - <f64>load<f32>(gBias + at) - gC2));
    return gIp ? -(gC0 + e) : gC0 + <f64>load<f32>(gNorm + at) - 2 * e;
  }
  return <f64>hamming(gQ, c, gM);
}

/**
 * F32 distances of neighbours t and t + 1 in one pass over the query: two rows' loads in flight at
 * once. Sums in the same lane order as l2F32 / dotF32, so the values are the same.
 */
function f32Pair(t: i32): void {
  const dim = gDim;
  const a = gCodes + <usize>load<i32>(gNbIds + ((<usize>t) << 2)) * gRow;
  const b = gCodes + <usize>load<i32>(gNbIds + ((<usize>(t + 1)) << 2)) * gRow;
  const q = gQ;
  let a0 = f32x4.splat(0);
  let a1 = f32x4.splat(0);
  let b0 = f32x4.splat(0);
  let b1 = f32x4.splat(0);
  let i = 0;
  if (gIp) {
    for (; i + 8 <= dim; i += 8) {
      const o = (<usize>i) << 2;
      const q0 = v128.load(q + o);
      const q1 = v128.load(q + o + 16);
      a0 = f32x4.add(a0, f32x4.mul(q0, v128.load(a + o)));
      a1 = f32x4.add(a1, f32x4.mul(q1, v128.load(a + o + 16)));
      b0 = f32x4.add(b0, f32x4.mul(q0, v128.load(b + o)));
      b1 = f32x4.add(b1, f32x4.mul(q1, v128.load(b + o + 16)));
    }
  } else {
    for (; i + 8 <= dim; i += 8) {
      const o = (<usize>i) << 2;
      const q0 = v128.load(q + o);
      const q1 = v128.load(q + o + 16);
      const da0 = f32x4.sub(q0, v128.load(a + o));
      const da1 = f32x4.sub(q1, v128.load(a + o + 16));
      const db0 = f32x4.sub(q0, v128.load(b + o));
      const db1 = f32x4.sub(q1, v128.load(b + o + 16));
      a0 = f32x4.add(a0, f32x4.mul(da0, da0));
      a1 = f32x4.add(a1, f32x4.mul(da1, da1));
      b0 = f32x4.add(b0, f32x4.mul(db0, db0));
      b1 = f32x4.add(b1, f32x4.mul(db1, db1));
    }
  }
  let sa = hsum4(f32x4.add(a0, a1));
  let sb = hsum4(f32x4.add(b0, b1));
  for (; i < dim; i++) {
    const o = (<usize>i) << 2;
    const qi = load<f32>(q + o);
    if (gIp) {
      sa += qi * load<f32>(a + o);
      sb += qi * load<f32>(b + o);
    } else {
      const x = qi - load<f32>(a + o);
      const y = qi - load<f32>(b + o);
      sa += x * x;
      sb += y * y;
    }
  }
  store<f64>(gNbDists + ((<usize>t) << 3), gIp ? -(<f64>sa) : <f64>sa);
  store<f64>(gNbDists + ((<usize>(t + 1)) << 3), gIp ? -(<f64>sb) : <f64>sb);
}

/** Build distances (int8 rows) from the inserted node to neighbours t and t + 1, both rows in flight. */
function int8Pair(t: i32): void {
  const a = load<i32>(gNbIds + ((<usize>t) << 2));
  const b = load<i32>(gNbIds + ((<usize>(t + 1)) << 2));
  const pq = gBV + <usize>gBuildQ * gB8Row;
  const pa = gBV + <usize>a * gB8Row;
  const pb = gBV + <usize>b * gB8Row;
  let accA = i32x4.splat(0);
  let accB = i32x4.splat(0);
  for (let j: usize = 0; j < gB8Row; j += 16) {
    const vq = v128.load(pq + j);
    const qlo = i16x8.extend_low_i8x16_s(vq);
    const qhi = i16x8.extend_high_i8x16_s(vq);
    const va = v128.load(pa + j);
    const vb = v128.load(pb + j);
    accA = i32x4.add(accA, i32x4.dot_i16x8_s(qlo, i16x8.extend_low_i8x16_s(va)));
    accA = i32x4.add(accA, i32x4.dot_i16x8_s(qhi, i16x8.extend_high_i8x16_s(va)));
    accB = i32x4.add(accB, i32x4.dot_i16x8_s(qlo, i16x8.extend_low_i8x16_s(vb)));
    accB = i32x4.add(accB, i32x4.dot_i16x8_s(qhi, i16x8.extend_high_i8x16_s(vb)));
  }
  store<f64>(gNbDists + ((<usize>t) << 3), int8Distance(gBuildQ, a, hsumI32(accA)));
  store<f64>(gNbDists + ((<usize>(t + 1)) << 3), int8Distance(gBuildQ, b, hsumI32(accB)));
}

@inline
function hsumI32(v: v128): i32 {
  return i32x4.extract_lane(v, 0) + i32x4.extract_lane(v, 1) + i32x4.extract_lane(v, 2) + i32x4.extract_lane(v, 3);
}

@inline
function hsum4(v: v128): f32 {
  return (
    f32x4.extract_lane(v, 0) + f32x4.extract_lane(v, 1) + f32x4.extract_lane(v, 2) + f32x4.extract_lane(v, 3)
  );
}

/** Distance from the two-level code (LVQ4x8); the primary distance for one-level codes. */
function refinedDistance(i: i32): f64 {
  if (gRefine == 0 || gKind != LVQ4) return codeDistance(i);
  const c = gCodes + <usize>i * gRow;
  const e = gRefine + <usize>i * <usize>gDim;
  const s = load<f32>(gScale + ((<usize>i) << 2));
  const b = load<f32>(gBias + ((<usize>i) << 2));
  const d = <f64>s;
  if (gIp) {
    const fine = d / 255;
    return -(gC0 + d * <f64>dotU4(gQ, c, gDim) + fine * <f64>dotU8(gQ, e, gDim) + (<f64>b - d / 2) * gC1);
  }
  return <f64>l2U4U8(gQ, c, e, gDim, s, <f32>(d / 255), <f32>(<f64>b - d / 2));
}

/** ‖x_a − x_b‖² from the rows' int8 dot product (plus the MIPS lift's term under ip). */
@inline
function int8Distance(a: i32, b: i32, dot: i32): f64 {
  const sa = <f64>load<f32>(gB8Scale + ((<usize>a) << 2));
  const sb = <f64>load<f32>(gB8Scale + ((<usize>b) << 2));
  const na = <f64>load<f32>(gB8Norm + ((<usize>a) << 2));
  const nb = <f64>load<f32>(gB8Norm + ((<usize>b) << 2));
  const d = na + nb - 2 * sa * sb * <f64>dot;
  let aug: f64 = 0;
  if (gAug != 0) {
    const t = <f64>load<f32>(gAug + ((<usize>a) << 2)) - <f64>load<f32>(gAug + ((<usize>b) << 2));
    aug = t * t;
  }
  return (d > 0 ? d : 0) + aug;
}

// Sum of c_a · c_b over two int8 rows of gB8Row bytes (a multiple of 16, zero padded).
@inline
function dotI8(pa: usize, pb: usize): i32 {
  let acc0 = i32x4.splat(0);
  let acc1 = i32x4.splat(0);
  for (let j: usize = 0; j < gB8Row; j += 16) {
    const va = v128.load(pa + j);
    const vb = v128.load(pb + j);
    acc0 = i32x4.add(acc0, i32x4.dot_i16x8_s(i16x8.extend_low_i8x16_s(va), i16x8.extend_low_i8x16_s(vb)));
    acc1 = i32x4.add(acc1, i32x4.dot_i16x8_s(i16x8.extend_high_i8x16_s(va), i16x8.extend_high_i8x16_s(vb)));
  }
  const acc = i32x4.add(acc0, acc1);
  return (
    i32x4.extract_lane(acc, 0) + i32x4.extract_lane(acc, 1) + i32x4.extract_lane(acc, 2) + i32x4.extract_lane(acc, 3)
  );
}

/**
 * Squared L2 between build rows; under ip between the MIPS-augmented rows (x, sqrt(M² − ‖x‖²)), which
 * is ‖x − y‖² + (a_x − a_y)². In int8 mode rows are centred and stored as s·c (per-row scale s, c in
 * [−127, 127]) with ‖s·c‖² precomputed: ‖x − y‖² ≈ n_x + n_y − 2·s_x·s_y·<c_x, c_y>.
 */
@inline
function buildDistance(a: i32, b: i32): f64 {
  if (gB8Row != 0) return int8Distance(a, b, dotI8(gBV + <usize>a * gB8Row, gBV + <usize>b * gB8Row));
  let aug: f64 = 0;
  if (gAug != 0) {
    const t = <f64>load<f32>(gAug + ((<usize>a) << 2)) - <f64>load<f32>(gAug + ((<usize>b) << 2));
    aug = t * t;
  }
  const stride = (<usize>gDim) << 2;
  return <f64>l2F32(gBV + <usize>a * stride, gBV + <usize>b * stride, gDim) + aug;
}

@inline
function distanceTo(i: i32): f64 {
  return gBuilding ? buildDistance(gBuildQ, i) : codeDistance(i);
}

/** The exported distance of the current query (the TypeScript reference traversal calls it). */
export function distance(i: i32): f64 {
  return distanceTo(i);
}

export function refined(i: i32): f64 {
  return refinedDistance(i);
}

// The candidate buffer: 16-byte entries (f64 distance, i32 id, i32 expanded flag) sorted by distance,
// ties after, so an insertion moves one block. `emit` copies ids and distances out for the host.
@inline
function bufDist(i: i32): f64 {
  return load<f64>(gBuf + ((<usize>i) << 4));
}
@inline
function bufId(i: i32): i32 {
  return load<i32>(gBuf + ((<usize>i) << 4) + 8);
}
@inline
function bufExpanded(i: i32): bool {
  return load<i32>(gBuf + ((<usize>i) << 4) + 12) != 0;
}
@inline
function setBuf(i: i32, id: i32, d: f64, expanded: i32): void {
  const at = gBuf + ((<usize>i) << 4);
  store<f64>(at, d);
  store<i32>(at + 8, id);
  store<i32>(at + 12, expanded);
}

/** Writes the first `count` ids and distances to the host's arrays. */
function emit(count: i32): void {
  for (let i = 0; i < count; i++) {
    store<i32>(gIds + ((<usize>i) << 2), bufId(i));
    store<f64>(gDists + ((<usize>i) << 3), bufDist(i));
  }
}

function bufInsert(id: i32, d: f64, cap: i32): i32 {
  let size = gSize;
  if (size == cap) {
    if (!(d < bufDist(size - 1))) return -1;
    size--;
  }
  let lo = 0;
  let hi = size;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (bufDist(mid) <= d) lo = mid + 1;
    else hi = mid;
  }
  const move = <usize>(size - lo);
  if (move > 0) memory.copy(gBuf + ((<usize>(lo + 1)) << 4), gBuf + ((<usize>lo) << 4), move << 4);
  setBuf(lo, id, d, 0);
  gSize = size + 1;
  return lo;
}

function recordExpanded(id: i32, d: f64): void {
  if (gExpCount >= gExpCap) return;
  store<i32>(gExpIds + ((<usize>gExpCount) << 2), id);
  store<f64>(gExpDists + ((<usize>gExpCount) << 3), d);
  gExpCount++;
}

/**
 * Best-first search from the medoid keeping `cap` candidates and expanding the best `window`
 * (core/common/search/greedySearch.ts is the reference; the same order of visits and ties).
 * Returns the number of candidates in the buffer; the evaluation count is in `evaluations()`.
 */
export function search(window: i32, cap: i32): i32 {
  const c = max(window, cap);
  gSize = 0;
  let gen = load<u32>(gGenAt) + 1;
  if (gen == 0xffffffff) {
    memory.fill(gVisited, 0, (<usize>gN) << 2);
    gen = 1;
  }
  store<u32>(gGenAt, gen);
  const record = gBuilding;
  const start = gMedoid;
  store<u32>(gVisited + ((<usize>start) << 2), gen);
  bufInsert(start, distanceTo(start), c);
  let evaluations = 1;
  let cursor = 0;
  const stride = <usize>gStride;
  for (;;) {
    const limit = min(gSize, window);
    while (cursor < limit && bufExpanded(cursor)) cursor++;
    if (cursor >= limit) break;
    store<i32>(gBuf + ((<usize>cursor) << 4) + 12, 1);
    const node = bufId(cursor);
    if (record) recordExpanded(node, bufDist(cursor));
    const row = gAdj + ((<usize>node * stride) << 2);
    let next = cursor + 1;
    // Gather the unvisited neighbours, then score them in a tight loop (their rows' cache misses
    // overlap), then insert: the same visits, distances and order as one loop doing all three.
    let count = 0;
    for (let e: usize = 0; e < stride; e++) {
      const v = load<i32>(row + (e << 2));
      if (v < 0) break;
      const vis = gVisited + ((<usize>v) << 2);
      if (load<u32>(vis) == gen) continue;
      store<u32>(vis, gen);
      store<i32>(gNbIds + ((<usize>count) << 2), v);
      count++;
    }
    let t0 = 0;
    if (gBuilding) {
      if (gB8Row != 0) for (; t0 + 2 <= count; t0 += 2) int8Pair(t0);
    } else if (gKind == F32) for (; t0 + 2 <= count; t0 += 2) f32Pair(t0);
    for (let t = t0; t < count; t++)
      store<f64>(gNbDists + ((<usize>t) << 3), distanceTo(load<i32>(gNbIds + ((<usize>t) << 2))));
    evaluations += count;
    for (let t = 0; t < count; t++) {
      const d = load<f64>(gNbDists + ((<usize>t) << 3));
      if (gSize == c && !(d < bufDist(gSize - 1))) continue;
      const pos = bufInsert(load<i32>(gNbIds + ((<usize>t) << 2)), d, c);
      if (pos >= 0 && pos < next) next = pos;
    }
    cursor = next;
  }
  gEvals = evaluations;
  if (!record) emit(gSize);
  return gSize;
}

export function evaluations(): i32 {
  return gEvals;
}

/** Re-scores the first `count` buffer entries with the two-level codes and re-sorts them. */
export function refineBuffer(count: i32): void {
  for (let i = 0; i < count; i++) store<f64>(gBuf + ((<usize>i) << 4), refinedDistance(bufId(i)));
  sortBuffer(count);
  emit(count);
}

/** Re-scores the first `count` buffer ids with this index's codes (re-ranking) and sorts them. */
export function rescore(count: i32): void {
  for (let i = 0; i < count; i++) {
    const id = load<i32>(gIds + ((<usize>i) << 2));
    setBuf(i, id, codeDistance(id), 0);
  }
  sortBuffer(count);
  emit(count);
}

/** Flat scan of every row keeping the best `cap` (ties: the lower id first, as rows arrive in order). */
export function scan(cap: i32): i32 {
  gSize = 0;
  for (let i = 0; i < gN; i++) {
    const d = codeDistance(i);
    if (gSize == cap && !(d < bufDist(gSize - 1))) continue;
    bufInsert(i, d, cap);
  }
  gEvals = gN;
  emit(gSize);
  return gSize;
}

/** Insertion sort of the first `count` entries by distance (stable; count is small). */
function sortBuffer(count: i32): void {
  for (let i = 1; i < count; i++) {
    const e = v128.load(gBuf + ((<usize>i) << 4));
    const d = bufDist(i);
    let j = i - 1;
    while (j >= 0 && bufDist(j) > d) {
      v128.store(gBuf + ((<usize>(j + 1)) << 4), v128.load(gBuf + ((<usize>j) << 4)));
      j--;
    }
    v128.store(gBuf + ((<usize>(j + 1)) << 4), e);
  }
}

// ---------------------------------------------------------------- build

/**
 * Describes a build: the rows (`vectors`: n × dim f32, or with `int8Row` > 0 centred int8 rows of that
 * many bytes with per-row `int8Scale` and squared norm `int8Norm`) and, under ip, their augmentation
 * sqrt(M² − ‖x‖²) (`aug`, 0 under l2); the working graph (`adj`, n × slack, −1 padded; `deg`); the batch buffers the
 * host fills (core/common/search/graphBuild.ts).
 */
export function setBuild(
  n: i32,
  dim: i32,
  vectors: usize,
  aug: usize,
  int8Row: i32,
  int8Scale: usize,
  int8Norm: usize,
  adj: usize,
  deg: usize,
  slack: i32,
  R: i32,
  L: i32,
  maxPool: i32,
  medoid: i32,
  batch: usize,
  lists: usize,
  listDeg: usize,
  targets: usize,
  inStart: usize,
  incoming: usize,
): void {
  gN = n;
  gDim = dim;
  gBV = vectors;
  gAug = aug;
  gB8Row = <usize>int8Row;
  gB8Scale = int8Scale;
  gB8Norm = int8Norm;
  gAdj = adj;
  gDeg = deg;
  gStride = slack;
  gR = R;
  gL = L;
  gMaxPool = maxPool;
  gMedoid = medoid;
  gBatch = batch;
  gLists = lists;
  gListDeg = listDeg;
  gTargets = targets;
  gInStart = inStart;
  gIncoming = incoming;
  gBuilding = true;
}

/** This thread's build scratch: expanded-node record and prune pool (ids, dists, occlusion), selection. */
export function setBuildScratch(
  expIds: usize,
  expDists: usize,
  expCap: i32,
  pIds: usize,
  pDists: usize,
  pOcc: usize,
  pCap: i32,
  sel: usize,
): void {
  gExpIds = expIds;
  gExpDists = expDists;
  gExpCap = expCap;
  gPIds = pIds;
  gPDists = pDists;
  gPOcc = pOcc;
  gPCap = pCap;
  gSel = sel;
}

function poolAdd(id: i32, d: f64, self: i32): void {
  if (id == self || gPSize >= gPCap) return;
  store<i32>(gPIds + ((<usize>gPSize) << 2), id);
  store<f64>(gPDists + ((<usize>gPSize) << 3), d);
  gPSize++;
}

/**
 * RobustPrune of the pool around node p (ALGORITHMS.md §3.1) with DiskANN's progressive alpha: candidates
 * are taken nearest first while their occlusion factor max d(p, c)/d(s, c) over selected s stays within
 * the current alpha, which grows 1, 1.2, … up to `alpha`. Writes up to R ids to the selection; returns
 * how many.
 */
function prune(p: i32, alpha: f64): i32 {
  let m = gPSize;
  // Sort by (distance, id): insertion sort, the pool is mostly in search order already.
  for (let i = 1; i < m; i++) {
    const d = load<f64>(gPDists + ((<usize>i) << 3));
    const id = load<i32>(gPIds + ((<usize>i) << 2));
    let j = i - 1;
    while (j >= 0) {
      const dj = load<f64>(gPDists + ((<usize>j) << 3));
      const ij = load<i32>(gPIds + ((<usize>j) << 2));
      if (dj < d || (dj == d && ij <= id)) break;
      store<f64>(gPDists + ((<usize>(j + 1)) << 3), dj);
      store<i32>(gPIds + ((<usize>(j + 1)) << 2), ij);
      j--;
    }
    store<f64>(gPDists + ((<usize>(j + 1)) << 3), d);
    store<i32>(gPIds + ((<usize>(j + 1)) << 2), id);
  }
  // Drop duplicate ids (equal ids have equal distances, so they are adjacent) and cap the pool.
  let w = 0;
  for (let i = 0; i < m && w < gMaxPool; i++) {
    const id = load<i32>(gPIds + ((<usize>i) << 2));
    if (w > 0 && load<i32>(gPIds + ((<usize>(w - 1)) << 2)) == id) continue;
    store<i32>(gPIds + ((<usize>w) << 2), id);
    store<f64>(gPDists + ((<usize>w) << 3), load<f64>(gPDists + ((<usize>i) << 3)));
    w++;
  }
  m = w;
  for (let i = 0; i < m; i++) store<f64>(gPOcc + ((<usize>i) << 3), 0);
  let kept = 0;
  const R = gR;
  let cur: f64 = 1;
  while (kept < R) {
    for (let i = 0; i < m && kept < R; i++) {
      const oi = gPOcc + ((<usize>i) << 3);
      if (load<f64>(oi) > cur) continue;
      store<f64>(oi, Infinity);
      const star = load<i32>(gPIds + ((<usize>i) << 2));
      store<i32>(gSel + ((<usize>kept) << 2), star);
      kept++;
      if (kept == R) break;
      for (let t = i + 1; t < m; t++) {
        const ot = gPOcc + ((<usize>t) << 3);
        const occ = load<f64>(ot);
        if (occ > alpha) continue;
        const djk = buildDistance(star, load<i32>(gPIds + ((<usize>t) << 2)));
        const dt = load<f64>(gPDists + ((<usize>t) << 3));
        const ratio = djk > 0 ? dt / djk : Infinity;
        if (ratio > occ) store<f64>(ot, ratio);
      }
    }
    if (cur >= alpha) break;
    cur = min(cur * 1.2, alpha);
  }
  return kept;
}

/** Search + prune for batch entries [from, to): writes each node's new list; reads the graph only. */
export function forward(from: i32, to: i32, alpha: f64): void {
  const slack = <usize>gStride;
  for (let i = from; i < to; i++) {
    const p = load<i32>(gBatch + ((<usize>i) << 2));
    gBuildQ = p;
    gExpCount = 0;
    search(gL, gL);
    gPSize = 0;
    for (let t = 0; t < gExpCount; t++)
      poolAdd(load<i32>(gExpIds + ((<usize>t) << 2)), load<f64>(gExpDists + ((<usize>t) << 3)), p);
    const row = gAdj + ((<usize>p * slack) << 2);
    const deg = load<i32>(gDeg + ((<usize>p) << 2));
    for (let e = 0; e < deg; e++) {
      const v = load<i32>(row + ((<usize>e) << 2));
      poolAdd(v, buildDistance(p, v), p);
    }
    const kept = prune(p, alpha);
    const out = gLists + ((<usize>i * slack) << 2);
    memory.fill(out, 0xff, slack << 2);
    memory.copy(out, gSel, (<usize>kept) << 2);
    store<i32>(gListDeg + ((<usize>i) << 2), kept);
  }
}

/**
 * Merges the incoming edges of targets [from, to) into their lists; a list that would pass `limit`
 * (slack while building, R at the end) is pruned back to R around its node.
 */
export function reverse(from: i32, to: i32, alpha: f64, limit: i32): void {
  const slack = gStride;
  for (let t = from; t < to; t++) {
    const j = load<i32>(gTargets + ((<usize>t) << 2));
    const row = gAdj + ((<usize>j * <usize>slack) << 2);
    let deg = load<i32>(gDeg + ((<usize>j) << 2));
    let overflow = false;
    const s0 = load<i32>(gInStart + ((<usize>t) << 2));
    const s1 = load<i32>(gInStart + ((<usize>(t + 1)) << 2));
    for (let e = s0; e < s1; e++) {
      const p = load<i32>(gIncoming + ((<usize>e) << 2));
      let has = false;
      for (let x = 0; x < deg; x++)
        if (load<i32>(row + ((<usize>x) << 2)) == p) {
          has = true;
          break;
        }
      if (has) continue;
      if (deg < slack) {
        store<i32>(row + ((<usize>deg) << 2), p);
        deg++;
      } else overflow = true;
    }
    store<i32>(gDeg + ((<usize>j) << 2), deg);
    if (!overflow && deg <= limit) continue;
    gPSize = 0;
    for (let x = 0; x < deg; x++) {
      const v = load<i32>(row + ((<usize>x) << 2));
      poolAdd(v, buildDistance(j, v), j);
    }
    if (overflow)
      for (let e = s0; e < s1; e++) {
        const p = load<i32>(gIncoming + ((<usize>e) << 2));
        poolAdd(p, buildDistance(j, p), j);
      }
    const kept = prune(j, alpha);
    memory.fill(row, 0xff, (<usize>slack) << 2);
    memory.copy(row, gSel, (<usize>kept) << 2);
    store<i32>(gDeg + ((<usize>j) << 2), kept);
  }
}
