import { useMemo } from 'react';
import { chartLayout } from '../../../core/common/charts/chartToSvg.js';
import { selectivityChartSpec } from '../../../core/common/charts/selectivityChart.js';
import type { WireStudyRow } from '../../../core/common/rpc/protocol.js';
import { ChartFrame } from './ChartFrame.js';

const CHART_SIZE = { width: 360, height: 230 };

/**
 * Recall against the filter's selectivity per pipeline (core/common/charts/selectivityChart.ts): solid
 * pre-filter, dashed in-graph, markers for the explorer's own filter; the hover title gives each value.
 */
export function SelectivityChart({
  rows,
  k,
  active,
}: {
  rows: readonly WireStudyRow[];
  k: number;
  active: string | null;
}) {
  const { spec, layout } = useMemo(() => {
    const spec = selectivityChartSpec(rows, { k, ...CHART_SIZE });
    return { spec, layout: chartLayout(spec) };
  }, [rows, k]);
  if (spec.series.length === 0) return null;
  return (
    <svg
      className="pareto selectivity"
      width={spec.width}
      height={spec.height}
      viewBox={`0 0 ${spec.width} ${spec.height}`}
      data-testid="selectivity-chart"
      role="img"
      aria-label={`${spec.y.label} against ${spec.x.label}`}
    >
      <ChartFrame spec={spec} layout={layout} />
      {spec.series.map((s) => {
        const pts = s.points.map((p) => ({ ...p, px: layout.x.map(p.x), py: layout.y.map(p.y) }));
        const on = pts[0]?.label?.startsWith(active ?? '\u0000') ?? false;
        return (
          <g
            key={s.name}
            data-testid="selectivity-series"
            data-series={s.name}
            opacity={active === null || on ? 1 : 0.45}
          >
            {s.line && (
              <polyline
                fill="none"
                stroke={s.color}
                strokeWidth={on ? 2.5 : 1.5}
                strokeDasharray={s.dashed ? '5 3' : undefined}
                points={pts.map((p) => `${p.px},${p.py}`).join(' ')}
              />
            )}
            {pts.map((p, i) => (
              <circle
                key={i}
                cx={p.px}
                cy={p.py}
                r={s.line ? 3 : 5}
                fill={s.line ? s.color : 'none'}
                stroke={s.color}
                strokeWidth={1.5}
              >
                <title>{`${s.name}\n${(100 * p.x).toPrecision(3)} % of rows: recall@${k} ${p.y.toFixed(3)}`}</title>
              </circle>
            ))}
          </g>
        );
      })}
    </svg>
  );
}
