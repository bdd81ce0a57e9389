import type { ChartSpec } from './chartToSvg.js';

/** The fields of a study row the selectivity chart reads. */
export interface SelectivityRow {
  pipeline: string;
  /** The user's own filter (its entry is a marker, not a point of the sweep's line). */
  filter?: string | undefined;
  filtered?:
    | ReadonlyArray<{
        filter: string;
        selectivity: number;
        recallPrefilter: number;
        recallInGraph?: number | undefined;
      }>
    | undefined;
  error?: string | undefined;
}

/** Line colours, one per pipeline (cycled). */
const PALETTE = ['#4e9af1', '#f28e2b', '#59a14f', '#e15759', '#b07aa1', '#76b7b2', '#edc948', '#ff9da7'];

/**
 * Recall@k against the filter's selectivity (log x, 0.1 % to 100 %), per pipeline: a solid line for
 * pre-filtering and a dashed one for in-graph filtering over the sweep's levels, and the user's own
 * filter as markers at its selectivity. Rows without filtered entries are left out.
 */
export function selectivityChartSpec(
  allRows: readonly SelectivityRow[],
  opts: { k: number; width: number; height: number },
): ChartSpec {
  const rows = allRows.filter((r) => r.error === undefined && r.filtered && r.filtered.length > 0);
  const series: ChartSpec['series'][number][] = [];
  let lo = 1;
  rows.forEach((r, i) => {
    const color = PALETTE[i % PALETTE.length]!;
    const sweep = r
      .filtered!.filter((f) => f.filter !== r.filter)
      .sort((a, b) => a.selectivity - b.selectivity);
    const own = r.filtered!.filter((f) => f.filter === r.filter);
    for (const f of r.filtered!) lo = Math.min(lo, f.selectivity);
    if (sweep.length > 0)
      series.push({
        name: `${r.pipeline} pre-filter`,
        color,
        line: true,
        points: sweep.map((f) => ({ x: f.selectivity, y: f.recallPrefilter, label: r.pipeline })),
      });
    const graph = sweep.filter((f) => f.recallInGraph !== undefined);
    if (graph.length > 0)
      series.push({
        name: `${r.pipeline} in-graph`,
        color,
        line: true,
        dashed: true,
        points: graph.map((f) => ({ x: f.selectivity, y: f.recallInGraph!, label: r.pipeline })),
      });
    if (own.length > 0)
      series.push({
        name: `${r.pipeline} filter`,
        color,
        points: own.flatMap((f) => [
          { x: f.selectivity, y: f.recallPrefilter, label: `${r.pipeline} pre-filter` },
          ...(f.recallInGraph !== undefined
            ? [{ x: f.selectivity, y: f.recallInGraph, label: `${r.pipeline} in-graph` }]
            : []),
        ]),
      });
  });
  return {
    width: opts.width,
    height: opts.height,
    title: 'recall vs filter (solid pre-filter, dashed in-graph)',
    x: {
      label: 'selectivity (share of rows the filter allows)',
      log: true,
      domain: [Math.min(lo, 0.001) / 1.5, 1.5],
    },
    y: { label: `recall@${opts.k}`, domain: [0, 1] },
    series,
  };
}
