import type { ChartSpec } from './chartToSvg.js';
import type { ChartRow, TradeoffAxis } from './studyPoints.js';
import { ciWhiskers, frontierLine, tradeoffPoints } from './studyPoints.js';

export interface TradeoffChartOptions {
  /** Neighbours per query, for the axis label. */
  k: number;
  width?: number;
  height?: number;
  title?: string;
}

/**
 * The lab's trade-off chart of study rows: every pipeline as a marker with its 95 % recall whisker,
 * and the Pareto frontier as a line; x is QPS or bytes per vector on a log axis. The same spec feeds
 * the app's chart and `chartToSvg`.
 */
export function tradeoffChartSpec(
  rows: readonly ChartRow[],
  axis: TradeoffAxis,
  opts: TradeoffChartOptions,
): ChartSpec {
  const xLabel = axis === 'qps' ? 'queries per second (single thread)' : 'bytes per vector';
  return {
    width: opts.width ?? 720,
    height: opts.height ?? 440,
    title: opts.title ?? `recall@${opts.k} vs ${axis === 'qps' ? 'QPS' : 'bytes per vector'}`,
    x: { label: xLabel, log: true },
    y: { label: `recall@${opts.k}` },
    series: [
      {
        name: 'pipelines',
        color: '#1f77b4',
        points: tradeoffPoints(rows, axis).map((p) => ({ ...p, label: p.key })),
        whiskers: ciWhiskers(rows, axis),
      },
      { name: 'Pareto frontier', color: '#d62728', line: true, points: frontierLine(rows, axis) },
    ],
  };
}
