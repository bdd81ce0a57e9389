import type { ChartSpec } from './chartToSvg.js';
import { chartToSvg } from './chartToSvg.js';
import type { ChartRow, TradeoffAxis } from './studyPoints.js';
import { ciWhiskers, frontierLine, storageSpans, tradeoffPoints } from './studyPoints.js';

export interface TradeoffChartOptions {
  /** Neighbours per query, for the axis label. */
  k: number;
  width?: number;
  height?: number;
  title?: string;
}

/**
 * The x domain of a log axis: a quarter decade beyond the values on each side, and at least a decade
 * wide, so the extreme pipelines do not sit on the frame and a single point still has an axis.
 */
export function paddedLogDomain(values: readonly number[]): [number, number] {
  const v = values.filter((x) => x > 0 && Number.isFinite(x));
  if (v.length === 0) return [1, 10];
  let lo = Math.min(...v) / 10 ** 0.25;
  let hi = Math.max(...v) * 10 ** 0.25;
  if (hi / lo < 10) {
    const mid = Math.sqrt(lo * hi);
    lo = mid / Math.sqrt(10);
    hi = mid * Math.sqrt(10);
  }
  // A QPS too fast to time arrives as the largest finite number; the axis must stay finite for its ticks.
  return [lo, Math.min(hi, Number.MAX_VALUE)];
}

/**
 * The recall axis: up to 1 (the best any pipeline can do, so charts of different studies compare),
 * from a step below the lowest recall or interval end, on a step that keeps a few ticks.
 */
export function recallDomain(rows: readonly ChartRow[]): [number, number] {
  let lo = 1;
  for (const r of rows) for (const v of [r.recall, r.recallLow]) if (Number.isFinite(v) && v < lo) lo = v;
  const step = lo > 0.8 ? 0.02 : lo > 0.5 ? 0.05 : 0.1;
  return [Math.max(0, Math.round(Math.floor((lo - step / 2) / step + 1e-9) * step * 1e6) / 1e6), 1];
}

/**
 * The lab's trade-off chart of study rows: every measured pipeline as a marker (labelled with its pipeline)
 * with its 95 % recall whisker, and the Pareto frontier as a dashed line; x is QPS or bytes per vector
 * on a log axis. On the bytes chart x is the primary bytes, and a grey span runs on to the total with
 * the re-ranking vectors. The app draws this spec on screen, and its SVG export and `vecscope report` write
 * `tradeoffChartSvg` of it.
 */
export function tradeoffChartSpec(
  allRows: readonly ChartRow[],
  axis: TradeoffAxis,
  opts: TradeoffChartOptions,
): ChartSpec {
  // A failed row measured nothing to place; the table shows its error.
  const rows = allRows.filter((r) => r.error === undefined);
  const xLabel =
    axis === 'qps' ? 'queries per second (single thread)' : 'bytes per vector searched in RAM (codes)';
  const points = tradeoffPoints(rows, axis);
  const spans = axis === 'bytes' ? storageSpans(rows) : [];
  return {
    width: opts.width ?? 720,
    height: opts.height ?? 440,
    title: opts.title ?? `recall@${opts.k} vs ${axis === 'qps' ? 'QPS' : 'bytes per vector'}`,
    x: {
      label: xLabel,
      log: true,
      domain: paddedLogDomain([...points.map((p) => p.x), ...spans.map((s) => s.to)]),
    },
    y: { label: `recall@${opts.k}`, domain: recallDomain(rows) },
    series: [
      {
        name: 'pipelines',
        color: '#1f77b4',
        points: points.map((p) => ({ x: p.x, y: p.y, label: p.key })),
        whiskers: ciWhiskers(rows, axis).map((w) => ({ x: w.x, low: w.low, high: w.high, label: w.key })),
        labelPoints: true,
      },
      {
        name: 'Pareto frontier',
        color: '#d62728',
        line: true,
        dashed: true,
        points: frontierLine(rows, axis).map((p) => ({ x: p.x, y: p.y, label: p.key })),
      },
      ...(spans.length > 0
        ? [
            {
              name: '+ re-ranking vectors',
              color: '#7f7f7f',
              points: [],
              spans: spans.map((s) => ({ y: s.y, from: s.from, to: s.to, label: s.key })),
            },
          ]
        : []),
    ],
  };
}

/** The SVG file of a trade-off chart, as the app's export and `vecscope report` both write it. */
export function tradeoffChartSvg(rows: readonly ChartRow[], axis: TradeoffAxis, k: number): string {
  return chartToSvg(tradeoffChartSpec(rows, axis, { k }));
}
