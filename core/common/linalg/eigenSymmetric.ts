/** Eigen-decomposition of a real symmetric matrix. */
export interface SymmetricEigen {
  /** Eigenvalues, largest first. */
  values: Float64Array;
  /** n × n row-major; row i is the unit eigenvector of values[i]. */
  vectors: Float64Array;
}

/**
 * Dense symmetric eigensolver: Householder reduction to tridiagonal form, then the implicit QL method
 * with Wilkinson-type shifts, accumulating the transformations. O(n³); fine up to n ≈ 1500.
 * `a` (n × n row-major, symmetric; only the values are read, it is not modified).
 *
 * The working matrix W holds the accumulated orthogonal transform transposed (W[c·n + r] = Q[r][c]),
 * which makes every inner loop run over contiguous memory and leaves the eigenvectors as rows.
 */
export function eigenSymmetric(a: Float64Array, n: number): SymmetricEigen {
  const W = Float64Array.from(a.subarray(0, n * n));
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  if (n === 0) return { values: d, vectors: W };
  tridiagonalize(W, d, e, n);
  implicitQl(W, d, e, n);
  // sort descending
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => d[y]! - d[x]!);
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * n);
  order.forEach((src, dst) => {
    values[dst] = d[src]!;
    vectors.set(W.subarray(src * n, src * n + n), dst * n);
  });
  return { values, vectors };
}

// Householder tridiagonalisation. On return d holds the diagonal, e[1..n-1] the sub-diagonal, and W
// the accumulated transform (transposed, see above). V[r][c] of the textbook column form is W[c*n+r].
function tridiagonalize(W: Float64Array, d: Float64Array, e: Float64Array, n: number): void {
  for (let j = 0; j < n; j++) d[j] = W[j * n + (n - 1)]!;
  for (let i = n - 1; i > 0; i--) {
    let scale = 0;
    let h = 0;
    for (let k = 0; k < i; k++) scale += Math.abs(d[k]!);
    if (scale === 0) {
      e[i] = d[i - 1]!;
      for (let j = 0; j < i; j++) {
        d[j] = W[j * n + (i - 1)]!;
        W[j * n + i] = 0;
        W[i * n + j] = 0;
      }
    } else {
      for (let k = 0; k < i; k++) {
        d[k]! /= scale;
        h += d[k]! * d[k]!;
      }
      let f = d[i - 1]!;
      let g = Math.sqrt(h);
      if (f > 0) g = -g;
      e[i] = scale * g;
      h -= f * g;
      d[i - 1] = f - g;
      for (let j = 0; j < i; j++) e[j] = 0;
      for (let j = 0; j < i; j++) {
        f = d[j]!;
        W[i * n + j] = f;
        const col = j * n;
        g = e[j]! + W[col + j]! * f;
        for (let k = j + 1; k < i; k++) {
          const v = W[col + k]!;
          g += v * d[k]!;
          e[k]! += v * f;
        }
        e[j] = g;
      }
      f = 0;
      for (let j = 0; j < i; j++) {
        e[j]! /= h;
        f += e[j]! * d[j]!;
      }
      const hh = f / (h + h);
      for (let j = 0; j < i; j++) e[j]! -= hh * d[j]!;
      for (let j = 0; j < i; j++) {
        f = d[j]!;
        g = e[j]!;
        const col = j * n;
        for (let k = j; k < i; k++) W[col + k]! -= f * e[k]! + g * d[k]!;
        d[j] = W[col + (i - 1)]!;
        W[col + i] = 0;
      }
    }
    d[i] = h;
  }
  // Accumulate the Householder reflections into W.
  for (let i = 0; i < n - 1; i++) {
    W[i * n + (n - 1)] = W[i * n + i]!;
    W[i * n + i] = 1;
    const h = d[i + 1]!;
    const next = (i + 1) * n;
    if (h !== 0) {
      for (let k = 0; k <= i; k++) d[k] = W[next + k]! / h;
      for (let j = 0; j <= i; j++) {
        const col = j * n;
        let g = 0;
        for (let k = 0; k <= i; k++) g += W[next + k]! * W[col + k]!;
        for (let k = 0; k <= i; k++) W[col + k]! -= g * d[k]!;
      }
    }
    for (let k = 0; k <= i; k++) W[next + k] = 0;
  }
  for (let j = 0; j < n; j++) {
    d[j] = W[j * n + (n - 1)]!;
    W[j * n + (n - 1)] = 0;
  }
  W[(n - 1) * n + (n - 1)] = 1;
  e[0] = 0;
}

// Implicit QL iterations on the tridiagonal (d, e), applying each plane rotation to the rows of W.
function implicitQl(W: Float64Array, d: Float64Array, e: Float64Array, n: number): void {
  for (let i = 1; i < n; i++) e[i - 1] = e[i]!;
  e[n - 1] = 0;
  let f = 0;
  let tst1 = 0;
  const eps = 2 ** -52;
  for (let l = 0; l < n; l++) {
    tst1 = Math.max(tst1, Math.abs(d[l]!) + Math.abs(e[l]!));
    let m = l;
    while (m < n) {
      if (Math.abs(e[m]!) <= eps * tst1) break;
      m++;
    }
    if (m === n) m = n - 1;
    if (m > l) {
      let iter = 0;
      do {
        if (++iter > 100) throw new Error('eigenSymmetric: QL iteration did not converge');
        let g = d[l]!;
        let p = (d[l + 1]! - g) / (2 * e[l]!);
        let r = Math.hypot(p, 1);
        if (p < 0) r = -r;
        d[l] = e[l]! / (p + r);
        d[l + 1] = e[l]! * (p + r);
        const dl1 = d[l + 1]!;
        let h = g - d[l]!;
        for (let i = l + 2; i < n; i++) d[i]! -= h;
        f += h;
        p = d[m]!;
        let c = 1;
        let c2 = c;
        let c3 = c;
        const el1 = e[l + 1]!;
        let s = 0;
        let s2 = 0;
        for (let i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * e[i]!;
          h = c * p;
          r = Math.hypot(p, e[i]!);
          e[i + 1] = s * r;
          s = e[i]! / r;
          c = p / r;
          p = c * d[i]! - s * g;
          d[i + 1] = h + s * (c * g + s * d[i]!);
          const ri = i * n;
          const rj = (i + 1) * n;
          for (let k = 0; k < n; k++) {
            const wk = W[rj + k]!;
            const vk = W[ri + k]!;
            W[rj + k] = s * vk + c * wk;
            W[ri + k] = c * vk - s * wk;
          }
        }
        p = (-s * s2 * c3 * el1 * e[l]!) / dl1;
        e[l] = s * p;
        d[l] = c * p;
      } while (Math.abs(e[l]!) > eps * tst1);
    }
    d[l] = d[l]! + f;
    e[l] = 0;
  }
}
