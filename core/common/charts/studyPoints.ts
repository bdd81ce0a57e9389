import { paretoFrontier } from '../study/paretoFrontier.js';

/** The fields of a study row a chart reads. */
export interface ChartRow {
  pipeline: string;
  recall: number;
  recallLow: number;
  recallHigh: number;
  qps: number;
  bytesPerVector: number;
  /** Set on a failed row, which has no point on a chart. */
  error?: string | undefined;
}

/** The two trade-off charts of the lab: recall against QPS (higher is better) or bytes per vector. */
export type TradeoffAxis = 'qps' | 'bytes';

export interface ChartPoint {
  key: string;
  x: number;
  y: number;
}

function xOf(r: ChartRow, axis: TradeoffAxis): number {
  return axis === 'qps' ? r.qps : r.bytesPerVector;
}

/** One point per row: x = QPS or bytes per vector, y = recall. */
export function tradeoffPoints(rows: readonly ChartRow[], axis: TradeoffAxis): ChartPoint[] {
  return rows.map((r) => ({ key: r.pipeline, x: xOf(r, axis), y: r.recall }));
}

/**
 * The Pareto frontier as a line to draw: the rows the study's `paretoFrontier` keeps, ordered by x
 * ascending so a polyline through them runs left to right.
 */
export function frontierLine(rows: readonly ChartRow[], axis: TradeoffAxis): ChartPoint[] {
  const keys = paretoFrontier(
    rows.map((r) => ({ key: r.pipeline, recall: r.recall, value: xOf(r, axis) })),
    axis === 'qps',
  );
  const byKey = new Map(rows.map((r) => [r.pipeline, r]));
  return keys
    .map((k) => {
      const r = byKey.get(k)!;
      return { key: k, x: xOf(r, axis), y: r.recall };
    })
    .sort((a, b) => a.x - b.x);
}

export interface Whisker {
  key: string;
  x: number;
  y: number;
  low: number;
  high: number;
}

/** Vertical 95 % confidence whiskers of recall; rows without a finite interval are left out. */
export function ciWhiskers(rows: readonly ChartRow[], axis: TradeoffAxis): Whisker[] {
  const out: Whisker[] = [];
  for (const r of rows) {
    if (!Number.isFinite(r.recallLow) || !Number.isFinite(r.recallHigh)) continue;
    out.push({
      key: r.pipeline,
      x: xOf(r, axis),
      y: r.recall,
      low: Math.min(r.recallLow, r.recallHigh),
      high: Math.max(r.recallLow, r.recallHigh),
    });
  }
  return out;
}
