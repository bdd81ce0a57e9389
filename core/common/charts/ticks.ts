export interface Tick {
  value: number;
  label: string;
  /** Decades on a log axis, every tick on a linear one. */
  major: boolean;
}

/** Short label: 1.5k, 20M, 0.05, 0.925. */
export function formatTick(v: number): string {
  const a = Math.abs(v);
  if (a >= 1e9) return `${trim(v / 1e9)}G`;
  if (a >= 1e6) return `${trim(v / 1e6)}M`;
  if (a >= 1e3) return `${trim(v / 1e3)}k`;
  return trim(v);
}

function trim(v: number): string {
  return String(Number(v.toPrecision(6)));
}

/**
 * Ticks of a log10 axis over [min, max]: every decade 10^k (major, labelled), and 2·10^k and
 * 5·10^k (minor, labelled only when the axis spans fewer than three decades).
 */
export function logTicks(min: number, max: number): Tick[] {
  if (!(min > 0 && max > 0)) throw new Error(`log ticks need a positive range, got [${min}, ${max}]`);
  const lo = Math.min(min, max);
  const hi = Math.max(min, max);
  const k0 = Math.floor(Math.log10(lo));
  const k1 = Math.ceil(Math.log10(hi));
  const labelMinor = k1 - k0 < 3;
  const out: Tick[] = [];
  const eps = 1e-9;
  for (let k = k0; k <= k1; k++) {
    for (const m of [1, 2, 5]) {
      const v = Number((m * 10 ** k).toPrecision(12));
      if (v < lo * (1 - eps) || v > hi * (1 + eps)) continue;
      const major = m === 1;
      out.push({ value: v, label: major || labelMinor ? formatTick(v) : '', major });
    }
  }
  return out;
}

/** About `count` ticks at 1, 2 or 5 × 10^k steps covering [min, max]. */
export function linearTicks(min: number, max: number, count = 5): Tick[] {
  const lo = Math.min(min, max);
  const hi = Math.max(min, max);
  if (!(hi > lo)) return [{ value: lo, label: formatTick(lo), major: true }];
  const raw = (hi - lo) / Math.max(1, count);
  const p = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * p).find((s) => s >= raw) ?? 10 * p;
  const out: Tick[] = [];
  for (let i = Math.ceil(lo / step - 1e-9); i * step <= hi + step * 1e-9; i++) {
    const v = Number((i * step).toPrecision(12));
    out.push({ value: v, label: formatTick(v), major: true });
  }
  return out;
}
