// Barnes–Hut repulsion of 2-D t-SNE (same traversal as the plain-TS reference in
// core/common/embed/tsneLayout.ts, op for op in f64), over a quadtree the host lays out in flat
// arrays above __heap_base. The per-point sums and the running Z accumulate in the reference's order,
// so both give bit-identical gradients.

export function heapBase(): usize {
  return __heap_base;
}

/**
 * Points [i0, i1): grad[i] = −Σ cnt·q²·(y_i − com) over the cells the θ-criterion accepts, and
 * returns z0 + Σ cnt·q. y: f32 n × 2; count/point/child: i32 per node; half: f64 per node; com: f64
 * nodes × 2; grad: f64 n × 2; stack: i32 scratch (64 · 4 entries).
 */
export function repulsion2d(
  y: usize,
  count: usize,
  point: usize,
  child: usize,
  half: usize,
  com: usize,
  grad: usize,
  stack: usize,
  i0: i32,
  i1: i32,
  theta2: f64,
  z0: f64,
): f64 {
  let z = z0;
  for (let i = i0; i < i1; i++) {
    const yi0 = <f64>load<f32>(y + ((<usize>i) << 3));
    const yi1 = <f64>load<f32>(y + ((<usize>i) << 3), 4);
    let r0: f64 = 0;
    let r1: f64 = 0;
    store<i32>(stack, 0);
    let sp = 1;
    while (sp > 0) {
      sp--;
      const node = <usize>load<i32>(stack + ((<usize>sp) << 2));
      const cnt = load<i32>(count + (node << 2));
      if (cnt == 0 || load<i32>(point + (node << 2)) == i) continue;
      const t0 = yi0 - load<f64>(com + (node << 4));
      const t1 = yi1 - load<f64>(com + (node << 4), 8);
      const d2 = t0 * t0 + t1 * t1;
      const w = 2 * load<f64>(half + (node << 3));
      const first = load<i32>(child + (node << 2));
      if (first < 0 || w * w < theta2 * d2) {
        const q = 1 / (1 + d2);
        const cq = <f64>cnt * q;
        z += cq;
        r0 += cq * q * t0;
        r1 += cq * q * t1;
      } else {
        const at = stack + ((<usize>sp) << 2);
        store<i32>(at, first);
        store<i32>(at, first + 1, 4);
        store<i32>(at, first + 2, 8);
        store<i32>(at, first + 3, 12);
        sp += 4;
      }
    }
    store<f64>(grad + ((<usize>i) << 4), -r0);
    store<f64>(grad + ((<usize>i) << 4), -r1, 8);
  }
  return z;
}
