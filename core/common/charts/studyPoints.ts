import { paretoFrontier } from '../study/paretoFrontier.js';

/** The fields of a study row a chart reads. */
export interface ChartRow {
  pipeline: string;
  recall: number;
  recallLow: number;
  recallHigh: number;
  qps: number;
  bytesPerVector: number;
  /** Bytes per vector of the codes a search scans in RAM: the bytes chart's x. */
  primaryBytes: number;
  /** Bytes per vector of the re-ranking vectors, which may live on slower storage. */
  secondaryBytes: number;
  /** Set on a failed row, which has no point on a chart. */
  error?: string | undefined;
}

/**
 * The two trade-off charts of the lab: recall against QPS (higher is better) or bytes per vector. The
 * bytes chart places a pipeline at its primary bytes (the codes searched in RAM): re-ranking vectors
 * may live on disk, and counting them would put every re-ranked pipeline right of `F32,Flat`.
 */
export type TradeoffAxis = 'qps' | 'bytes';

export interface ChartPoint {
  key: string;
  x: number;
  y: number;
}

function xOf(r: ChartRow, axis: TradeoffAxis): number {
  return axis === 'qps' ? r.qps : r.primaryBytes;
}

/** One point per row: x = QPS or primary bytes per vector, y = recall. */
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

export interface StorageSpan {
  key: string;
  y: number;
  /** Primary bytes: where the pipeline's marker is. */
  from: number;
  /** Primary plus re-ranking bytes: what the pipeline stores in all. */
  to: number;
}

/** On the bytes chart, the re-ranking vectors of each pipeline that has them, as a span from its
 * primary bytes to its total, so the storage a re-ranked pipeline needs besides RAM stays visible. */
export function storageSpans(rows: readonly ChartRow[]): StorageSpan[] {
  return rows
    .filter((r) => r.secondaryBytes > 0 && Number.isFinite(r.primaryBytes))
    .map((r) => ({
      key: r.pipeline,
      y: r.recall,
      from: r.primaryBytes,
      to: r.primaryBytes + r.secondaryBytes,
    }));
}
