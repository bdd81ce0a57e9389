import { forwardRef, useMemo } from 'react';
import type { WireStudyRow } from '../../../core/common/rpc/protocol.js';
import { chartModel, formatCompact, type ChartBox, type ChartX } from './chartData.js';

export const CHART_BOX: ChartBox = { width: 360, height: 230, left: 46, right: 12, top: 12, bottom: 40 };

interface Props {
  rows: readonly WireStudyRow[];
  x: ChartX;
  k: number;
  active: string | null;
  onHover(pipeline: string | null): void;
  onSelect(pipeline: string): void;
}

/** Recall@k against QPS or bytes per vector (log x), with 95 % whiskers and the Pareto frontier. */
export const ParetoChart = forwardRef<SVGSVGElement, Props>(function ParetoChart(
  { rows, x, k, active, onHover, onSelect },
  ref,
) {
  const box = CHART_BOX;
  const m = useMemo(() => chartModel(rows, x, box, k), [rows, x, box, k]);
  const bottom = box.height - box.bottom;
  return (
    <svg
      ref={ref}
      className="pareto"
      width={box.width}
      height={box.height}
      viewBox={`0 0 ${box.width} ${box.height}`}
      data-testid={`pareto-${x}`}
      role="img"
      aria-label={`${m.yLabel} against ${m.xLabel}`}
    >
      <g className="axis">
        {m.yTicks.map((t) => (
          <g key={`y${t.value}`}>
            <line className="grid" x1={box.left} x2={box.width - box.right} y1={t.pos} y2={t.pos} />
            <text x={box.left - 4} y={t.pos + 3} textAnchor="end">
              {t.label}
            </text>
          </g>
        ))}
        {m.xTicks.map((t) => (
          <g key={`x${t.value}`}>
            <line className="grid" x1={t.pos} x2={t.pos} y1={box.top} y2={bottom} />
            <text x={t.pos} y={bottom + 12} textAnchor="middle">
              {t.label}
            </text>
          </g>
        ))}
        <text x={(box.left + box.width - box.right) / 2} y={box.height - 6} textAnchor="middle">
          {m.xLabel}
        </text>
        <text
          x={10}
          y={(box.top + bottom) / 2}
          textAnchor="middle"
          transform={`rotate(-90 10 ${(box.top + bottom) / 2})`}
        >
          {m.yLabel}
        </text>
      </g>
      {m.frontier.length > 1 && (
        <polyline
          className="frontier"
          data-testid="frontier"
          points={m.frontier.map((p) => `${p.x},${p.y}`).join(' ')}
        />
      )}
      {m.points.map((p) => (
        <g
          key={p.pipeline}
          className={`pt${p.onFrontier ? ' on-frontier' : ''}${p.pipeline === active ? ' active' : ''}`}
          data-testid="pareto-point"
          data-pipeline={p.pipeline}
          data-active={p.pipeline === active}
          onMouseEnter={() => onHover(p.pipeline)}
          onMouseLeave={() => onHover(null)}
          onClick={() => onSelect(p.pipeline)}
        >
          <line className="whisker" x1={p.x} x2={p.x} y1={p.yLow} y2={p.yHigh} />
          <line className="whisker" x1={p.x - 3} x2={p.x + 3} y1={p.yLow} y2={p.yLow} />
          <line className="whisker" x1={p.x - 3} x2={p.x + 3} y1={p.yHigh} y2={p.yHigh} />
          <circle cx={p.x} cy={p.y} r={p.pipeline === active ? 6 : 4.5} />
          <title>{`${p.pipeline}\nrecall@${k} ${p.recall.toFixed(3)}\n${x === 'qps' ? `${formatCompact(p.value)} QPS` : `${p.value} bytes/vector`}`}</title>
        </g>
      ))}
    </svg>
  );
});
