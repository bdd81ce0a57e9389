// UMAP's SGD epoch over an edge list (same mathematics as optimizeEpoch in
// core/common/embed/umapLayout.ts, the plain-TS reference), on buffers the host lays out above
// __heap_base. Coordinates are f32 in memory and the arithmetic is f64 in the reference's order, so the
// two give bit-identical layouts.

export function heapBase(): usize {
  return __heap_base;
}

/** x^b from the tables of powTables in core/common/embed/fastPow.ts (its reference, op for op). */
@inline
function fastPow(x: f64, tab: usize): f64 {
  const bits = reinterpret<u64>(x);
  const e = <usize>(bits >> 52);
  const i = <usize>((bits >> 44) & 0xff);
  const frac = <f64>(bits & 0xfffffffffff) * 5.684341886080802e-14;
  const mt = tab + (2048 << 3) + (i << 3);
  const m0 = load<f64>(mt);
  const mp = m0 + (load<f64>(mt, 8) - m0) * frac;
  return load<f64>(tab + (e << 3)) * mp;
}

/**
 * Edges [e0, e1) of one epoch. emb: the moving layout (f32, n × dim); other: the layout edges point
 * into (emb itself for a fit, the fixed base layout for a transform); head/tail: i32 endpoints;
 * eps/next/nextNeg: f64 sampling periods and next due epochs; rng: 4 × u32 xorshift128 state;
 * powTab: the f64 tables of powTables(b).
 */
export function umapEdges(
  emb: usize,
  other: usize,
  head: usize,
  tail: usize,
  eps: usize,
  next: usize,
  nextNeg: usize,
  e0: i32,
  e1: i32,
  negRate: f64,
  epoch: f64,
  nVertices: i32,
  dim: i32,
  a: f64,
  b: f64,
  gamma: f64,
  alpha: f64,
  moveOther: bool,
  rng: usize,
  powTab: usize,
): void {
  let x = load<u32>(rng);
  let y = load<u32>(rng, 4);
  let z = load<u32>(rng, 8);
  let w = load<u32>(rng, 12);
  const twoAb = 2 * a * b;
  const twoGb = 2 * gamma * b;
  const stride = <usize>dim << 2;
  for (let e = e0; e < e1; e++) {
    const eo = <usize>e << 3;
    const nextE = load<f64>(next + eo);
    if (nextE > epoch) continue;
    const j = emb + <usize>load<i32>(head + (<usize>e << 2)) * stride;
    const k = other + <usize>load<i32>(tail + (<usize>e << 2)) * stride;
    let d2: f64 = 0;
    for (let c: usize = 0; c < stride; c += 4) {
      const t = <f64>load<f32>(j + c) - <f64>load<f32>(k + c);
      d2 += t * t;
    }
    if (d2 > 0) {
      const pb = fastPow(d2, powTab);
      const coeff = (-twoAb * pb) / d2 / (a * pb + 1);
      for (let c: usize = 0; c < stride; c += 4) {
        const hj = <f64>load<f32>(j + c);
        const tk = <f64>load<f32>(k + c);
        let g = coeff * (hj - tk);
        g = g > 4 ? 4 : g < -4 ? -4 : g;
        store<f32>(j + c, <f32>(hj + g * alpha));
        if (moveOther) store<f32>(k + c, <f32>(<f64>load<f32>(k + c) - g * alpha));
      }
    }
    const epsE = load<f64>(eps + eo);
    store<f64>(next + eo, nextE + epsE);
    const epn = epsE / negRate;
    const nn = load<f64>(nextNeg + eo);
    const nNeg = <i32>Math.floor((epoch - nn) / epn);
    for (let p = 0; p < nNeg; p++) {
      const t = x ^ (x << 11);
      x = y;
      y = z;
      z = w;
      w = w ^ (w >>> 19) ^ (t ^ (t >>> 8));
      const o = other + <usize>(<i32>Math.floor((<f64>w / 4294967296.0) * <f64>nVertices)) * stride;
      let s2: f64 = 0;
      for (let c: usize = 0; c < stride; c += 4) {
        const u = <f64>load<f32>(j + c) - <f64>load<f32>(o + c);
        s2 += u * u;
      }
      if (s2 > 0) {
        const coeff = twoGb / ((0.001 + s2) * (a * fastPow(s2, powTab) + 1));
        for (let c: usize = 0; c < stride; c += 4) {
          const hj = <f64>load<f32>(j + c);
          let g = coeff * (hj - <f64>load<f32>(o + c));
          g = g > 4 ? 4 : g < -4 ? -4 : g;
          store<f32>(j + c, <f32>(hj + g * alpha));
        }
      }
    }
    store<f64>(nextNeg + eo, nn + <f64>nNeg * epn);
  }
  store<u32>(rng, x);
  store<u32>(rng, y, 4);
  store<u32>(rng, z, 8);
  store<u32>(rng, w, 12);
}
