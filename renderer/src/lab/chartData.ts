import { paretoFrontier } from '../../../core/common/study/paretoFrontier.js';
import type { WireStudyRow } from '../../../core/common/rpc/protocol.js';

export type ChartX = 'qps' | 'bytes';

export interface ChartBox {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export interface ChartPoint {
  pipeline: string;
  x: number;
  y: number;
  yLow: number;
  yHigh: number;
  value: number;
  recall: number;
  onFrontier: boolean;
}

export interface Tick {
  value: number;
  pos: number;
  label: string;
}

export interface ChartModel {
  points: ChartPoint[];
  /** Frontier points in drawing order (by x). */
  frontier: { x: number; y: number }[];
  xTicks: Tick[];
  yTicks: Tick[];
  xLabel: string;
  yLabel: string;
}

/** Decades (and 2, 5 between them when the range spans few decades) covering [min, max]. */
export function logTicks(min: number, max: number): number[] {
  if (!(min > 0) || !(max >= min)) return [];
  const lo = Math.floor(Math.log10(min));
  const hi = Math.ceil(Math.log10(max));
  const steps = hi - lo <= 2 ? [1, 2, 5] : [1];
  const out: number[] = [];
  for (let e = lo; e <= hi; e++)
    for (const s of steps) {
      const v = s * 10 ** e;
      if (v >= min * (1 - 1e-9) && v <= max * (1 + 1e-9)) out.push(Number(v.toPrecision(12)));
    }
  return out;
}

/** A log-axis domain around the values: half a decade of margin, at least one decade wide. */
export function logDomain(values: readonly number[]): [number, number] {
  const v = values.filter((x) => x > 0 && Number.isFinite(x));
  if (v.length === 0) return [1, 10];
  let lo = Math.min(...v) / 10 ** 0.25;
  let hi = Math.max(...v) * 10 ** 0.25;
  if (hi / lo < 10) {
    const mid = Math.sqrt(lo * hi);
    lo = mid / Math.sqrt(10);
    hi = mid * Math.sqrt(10);
  }
  return [lo, hi];
}

export function logScale(domain: [number, number], range: [number, number]): (v: number) => number {
  const l0 = Math.log10(domain[0]);
  const l1 = Math.log10(domain[1]);
  return (v) => range[0] + ((Math.log10(Math.max(v, 1e-300)) - l0) / (l1 - l0)) * (range[1] - range[0]);
}

export function linearScale(domain: [number, number], range: [number, number]): (v: number) => number {
  return (v) => range[0] + ((v - domain[0]) / (domain[1] - domain[0] || 1)) * (range[1] - range[0]);
}

/** The recall axis: from a little under the lowest interval end up to 1, on tenths or finer. */
export function recallDomain(rows: readonly { recallLow: number }[]): [number, number] {
  const lo = Math.min(1, ...rows.map((r) => r.recallLow));
  const step = lo > 0.8 ? 0.02 : lo > 0.5 ? 0.05 : 0.1;
  return [Math.max(0, Math.round(Math.floor((lo - step / 2) / step + 1e-9) * step * 1e6) / 1e6), 1];
}

export function formatCompact(v: number): string {
  if (v >= 1e9) return `${+(v / 1e9).toPrecision(3)}G`;
  if (v >= 1e6) return `${+(v / 1e6).toPrecision(3)}M`;
  if (v >= 1e3) return `${+(v / 1e3).toPrecision(3)}k`;
  return `${+v.toPrecision(3)}`;
}

/**
 * Everything a recall-vs-QPS or recall-vs-bytes chart draws, in pixels: points with their confidence
 * whiskers, the Pareto frontier (ann-benchmarks rule, core/common/study/paretoFrontier) and the ticks
 * of the log x axis and the linear recall axis.
 */
export function chartModel(rows: readonly WireStudyRow[], x: ChartX, box: ChartBox, k: number): ChartModel {
  const value = (r: WireStudyRow) => (x === 'qps' ? r.qps : r.bytesPerVector);
  const xd = logDomain(rows.map(value));
  const yd = recallDomain(rows);
  const sx = logScale(xd, [box.left, box.width - box.right]);
  const sy = linearScale(yd, [box.height - box.bottom, box.top]);
  const keys = new Set(
    paretoFrontier(
      rows.map((r) => ({ key: r.pipeline, recall: r.recall, value: value(r) })),
      x === 'qps',
    ),
  );
  const points = rows.map((r) => ({
    pipeline: r.pipeline,
    x: sx(value(r)),
    y: sy(r.recall),
    yLow: sy(r.recallLow),
    yHigh: sy(r.recallHigh),
    value: value(r),
    recall: r.recall,
    onFrontier: keys.has(r.pipeline),
  }));
  const frontier = points
    .filter((p) => p.onFrontier)
    .sort((a, b) => a.x - b.x)
    .map((p) => ({ x: p.x, y: p.y }));
  const xTicks = logTicks(xd[0], xd[1]).map((v) => ({ value: v, pos: sx(v), label: formatCompact(v) }));
  const step = yd[1] - yd[0] > 0.5 ? 0.1 : yd[1] - yd[0] > 0.2 ? 0.05 : 0.02;
  const yTicks: Tick[] = [];
  for (let v = yd[0]; v <= yd[1] + 1e-9; v += step) {
    const val = Math.round(v * 1000) / 1000;
    yTicks.push({ value: val, pos: sy(val), label: val.toFixed(2) });
  }
  return {
    points,
    frontier,
    xTicks,
    yTicks,
    xLabel: x === 'qps' ? 'queries per second (single thread, log)' : 'bytes per vector (log)',
    yLabel: `recall@${k}`,
  };
}
