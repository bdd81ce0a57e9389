// Picking on the CPU: every point projected once per view (no extra render pass), then searched.

/**
 * Screen coordinates (CSS pixels from the top-left) of n points (xyz rows) under a column-major 4 × 4
 * view-projection matrix; NaN for points behind the camera. Returns a new n × 2 array.
 */
export function projectToScreen(
  p: Float32Array,
  n: number,
  m: ArrayLike<number>,
  width: number,
  height: number,
): Float32Array {
  const out = new Float32Array(n * 2);
  const w = width / 2;
  const h = height / 2;
  for (let i = 0; i < n; i++) {
    const x = p[i * 3]!;
    const y = p[i * 3 + 1]!;
    const z = p[i * 3 + 2]!;
    const cw = m[3]! * x + m[7]! * y + m[11]! * z + m[15]!;
    if (cw <= 0) {
      out[i * 2] = NaN;
      out[i * 2 + 1] = NaN;
      continue;
    }
    out[i * 2] = ((m[0]! * x + m[4]! * y + m[8]! * z + m[12]!) / cw + 1) * w;
    out[i * 2 + 1] = (1 - (m[1]! * x + m[5]! * y + m[9]! * z + m[13]!) / cw) * h;
  }
  return out;
}

/**
 * The point drawn nearest to (x, y) within `radius` pixels, or null. Highlighted points (flag 1 marks
 * dimmed ones) win over dimmed ones under the cursor.
 */
export function nearestOnScreen(
  screen: Float32Array,
  n: number,
  x: number,
  y: number,
  radius: number,
  flags: Uint8Array | null,
): number | null {
  let best = -1;
  let bestD = radius * radius;
  for (let i = 0; i < n; i++) {
    // Hidden by the filter (FLAG.hidden): not on screen, so not under the cursor.
    if (flags && flags[i] === 6) continue;
    const dx = screen[i * 2]! - x;
    const dy = screen[i * 2 + 1]! - y;
    let d = dx * dx + dy * dy;
    if (flags && flags[i] === 1) d *= 1.5;
    if (d <= bestD) {
      bestD = d;
      best = i;
    }
  }
  return best >= 0 ? best : null;
}
