/**
 * Extended RaBitQ's code for one rotated residual r (length n): B-bit values c_j ∈ [0, 2^B − 1] whose
 * centred form y_j = c_j − (2^B − 1)/2 has the largest cosine with r (Gao et al., "Practical and
 * Asymptotically Optimal Quantization of High-Dimensional Vectors", 2024).
 *
 * The signs of y are those of r, so only the magnitudes are searched: with L = 2^(B−1) levels per sign,
 * a scale t > 0 gives |y_j| = min(⌊t·|r_j|⌋, L − 1) + 1/2. The cosine only changes where some ⌊t·|r_j|⌋
 * steps, at t = k/|r_j|, so every such critical t is visited in increasing order (a heap of each
 * coordinate's next step) while <|r|, |y|> and ‖y‖² are updated in O(1); the best t is kept. Cost
 * O(n·2^B·log n) per vector; B = 1 is the sign code. Writes `out[at … at + n)`; returns ‖y‖.
 */
export function extendedCode(r: ArrayLike<number>, n: number, bits: number, out: Uint8Array, at = 0): number {
  const L = 1 << (bits - 1);
  let bestT = 0;
  if (bits > 1) bestT = bestScale(r, n, L);
  let yy = 0;
  for (let j = 0; j < n; j++) {
    const a = Math.abs(r[j]!);
    const m = Math.min(Math.floor(bestT * a), L - 1);
    out[at + j] = r[j]! > 0 ? L + m : L - 1 - m;
    yy += (m + 0.5) * (m + 0.5);
  }
  return Math.sqrt(yy);
}

function bestScale(r: ArrayLike<number>, n: number, L: number): number {
  const a = new Float64Array(n);
  const level = new Int32Array(n);
  const next = new Float64Array(n);
  const heap = new Int32Array(n);
  let size = 0;
  let s1 = 0;
  for (let j = 0; j < n; j++) {
    a[j] = Math.abs(r[j]!);
    s1 += 0.5 * a[j]!;
    if (a[j]! > 0) {
      next[j] = 1 / a[j]!;
      heap[size++] = j;
    }
  }
  let s2 = 0.25 * n;
  const less = (x: number, y: number) => next[heap[x]!]! < next[heap[y]!]!;
  const swap = (x: number, y: number) => {
    const t = heap[x]!;
    heap[x] = heap[y]!;
    heap[y] = t;
  };
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      if (l >= size) return;
      const c = l + 1 < size && less(l + 1, l) ? l + 1 : l;
      if (!less(c, i)) return;
      swap(c, i);
      i = c;
    }
  };
  for (let i = (size >> 1) - 1; i >= 0; i--) down(i);
  let best = s2 > 0 ? s1 / Math.sqrt(s2) : 0;
  let bestT = 0;
  while (size > 0) {
    const j = heap[0]!;
    const t = next[j]!;
    const m = ++level[j]!;
    s1 += a[j]!;
    s2 += 2 * m;
    if (m < L - 1) next[j] = (m + 1) / a[j]!;
    else heap[0] = heap[--size]!;
    down(0);
    // Evaluate only after every step at this t, so the chosen t lies strictly between two critical ones.
    const tNext = size > 0 ? next[heap[0]!]! : 2 * t;
    if (tNext > t) {
      const cos = s1 / Math.sqrt(s2);
      if (cos > best) {
        best = cos;
        bestT = (t + tNext) / 2;
      }
    }
  }
  return bestT;
}
