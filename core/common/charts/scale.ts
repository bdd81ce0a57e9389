/** A 1-D mapping from data values to pixels and back. */
export interface Scale {
  readonly domain: readonly [number, number];
  readonly range: readonly [number, number];
  readonly log: boolean;
  map(v: number): number;
  invert(px: number): number;
}

/**
 * Linear or log10 scale from `domain` to `range` (range may run backwards, as a y axis does). A log
 * scale needs a positive domain; values ≤ 0 map to NaN so callers can drop them.
 */
export function makeScale(
  domain: readonly [number, number],
  range: readonly [number, number],
  log = false,
): Scale {
  if (log && !(domain[0] > 0 && domain[1] > 0))
    throw new Error(`log scale needs a positive domain, got [${domain}]`);
  const f = log ? Math.log10 : (v: number) => v;
  const fi = log ? (v: number) => 10 ** v : (v: number) => v;
  const d0 = f(domain[0]);
  const d1 = f(domain[1]);
  const span = d1 - d0 || 1;
  const [r0, r1] = range;
  return {
    domain,
    range,
    log,
    map: (v) => (log && !(v > 0) ? NaN : r0 + ((f(v) - d0) / span) * (r1 - r0)),
    invert: (px) => fi(d0 + ((px - r0) / (r1 - r0 || 1)) * span),
  };
}

/** [min, max] of finite values (positive only when `log`), padded so single points still show. */
export function extent(values: Iterable<number>, log = false): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v) || (log && v <= 0)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (lo > hi) return log ? [1, 10] : [0, 1];
  if (lo === hi) return log ? [lo / 2, hi * 2] : [lo - 0.5, hi + 0.5];
  return [lo, hi];
}
