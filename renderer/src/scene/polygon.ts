/** Even-odd point-in-polygon test; polygon as flat [x0, y0, x1, y1, ...]. */
export function insidePolygon(x: number, y: number, poly: ArrayLike<number>): boolean {
  let inside = false;
  const m = poly.length >> 1;
  for (let i = 0, j = m - 1; i < m; j = i++) {
    const xi = poly[2 * i]!;
    const yi = poly[2 * i + 1]!;
    const xj = poly[2 * j]!;
    const yj = poly[2 * j + 1]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Rows whose screen position (n × 2, NaN = off screen) lies inside the polygon. */
export function rowsInPolygon(screen: Float32Array, poly: ArrayLike<number>): Int32Array {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < poly.length; i += 2) {
    minX = Math.min(minX, poly[i]!);
    maxX = Math.max(maxX, poly[i]!);
    minY = Math.min(minY, poly[i + 1]!);
    maxY = Math.max(maxY, poly[i + 1]!);
  }
  const out: number[] = [];
  const n = screen.length >> 1;
  for (let r = 0; r < n; r++) {
    const x = screen[2 * r]!;
    const y = screen[2 * r + 1]!;
    if (!(x >= minX && x <= maxX && y >= minY && y <= maxY)) continue;
    if (insidePolygon(x, y, poly)) out.push(r);
  }
  return Int32Array.from(out);
}
