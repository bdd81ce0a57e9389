import type { ChartLayout, ChartSpec } from '../../../core/common/charts/chartToSvg.js';

/**
 * A lab chart's title, grid, tick labels, frame and axis labels, drawn from the same spec and layout
 * the SVG export uses (core/common/charts), so every chart in the dock has the same axes. Minor
 * (unlabelled log) grid lines get their own class.
 */
export function ChartFrame({ spec, layout }: { spec: ChartSpec; layout: ChartLayout }) {
  const { plot } = layout;
  const midY = (plot.top + plot.bottom) / 2;
  return (
    <>
      <text className="title" x={spec.width / 2} y={16} textAnchor="middle">
        {spec.title}
      </text>
      <g className="axis">
        {layout.yTicks.map((t) => (
          <g key={`y${t.value}`}>
            <line
              className={t.major ? 'grid' : 'grid minor'}
              x1={plot.left}
              x2={plot.right}
              y1={layout.y.map(t.value)}
              y2={layout.y.map(t.value)}
            />
            {t.label && (
              <text x={plot.left - 4} y={layout.y.map(t.value) + 4} textAnchor="end">
                {t.label}
              </text>
            )}
          </g>
        ))}
        {layout.xTicks.map((t) => (
          <g key={`x${t.value}`}>
            <line
              className={t.major ? 'grid' : 'grid minor'}
              x1={layout.x.map(t.value)}
              x2={layout.x.map(t.value)}
              y1={plot.top}
              y2={plot.bottom}
            />
            {t.label && (
              <text x={layout.x.map(t.value)} y={plot.bottom + 14} textAnchor="middle">
                {t.label}
              </text>
            )}
          </g>
        ))}
        <rect
          className="frame"
          x={plot.left}
          y={plot.top}
          width={plot.right - plot.left}
          height={plot.bottom - plot.top}
        />
        <text x={(plot.left + plot.right) / 2} y={spec.height - 8} textAnchor="middle">
          {spec.x.label}
        </text>
        <text x={14} y={midY} textAnchor="middle" transform={`rotate(-90 14 ${midY})`}>
          {spec.y.label}
        </text>
      </g>
    </>
  );
}
