/**
 * Modified Gram–Schmidt (applied twice) on the rows of a p × n row-major matrix, in place. A row
 * that collapses (dependent on the earlier ones) is replaced by `fallback(i)` and orthonormalised again.
 */
export function orthonormalizeRows(
  v: Float64Array,
  p: number,
  n: number,
  fallback: (row: number) => Float64Array,
): void {
  for (let i = 0; i < p; i++) {
    const ri = i * n;
    for (let attempt = 0; attempt < 3; attempt++) {
      const before = rowNorm(v, ri, n);
      for (let pass = 0; pass < 2; pass++) {
        for (let j = 0; j < i; j++) {
          const rj = j * n;
          let dot = 0;
          for (let k = 0; k < n; k++) dot += v[ri + k]! * v[rj + k]!;
          for (let k = 0; k < n; k++) v[ri + k]! -= dot * v[rj + k]!;
        }
      }
      const after = rowNorm(v, ri, n);
      if (after > 1e-10 * Math.max(before, 1e-300)) {
        for (let k = 0; k < n; k++) v[ri + k]! /= after;
        break;
      }
      v.set(fallback(i), ri);
    }
  }
}

function rowNorm(v: Float64Array, o: number, n: number): number {
  let s = 0;
  for (let k = 0; k < n; k++) s += v[o + k]! * v[o + k]!;
  return Math.sqrt(s);
}
