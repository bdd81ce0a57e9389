import { useMemo, useRef, type MouseEvent } from 'react';
import { chartLayout, chartPointLabels } from '../../../core/common/charts/chartToSvg.js';
import { nearestPoint } from '../../../core/common/charts/nearestPoint.js';
import type { TradeoffAxis } from '../../../core/common/charts/studyPoints.js';
import { formatTick } from '../../../core/common/charts/ticks.js';
import { tradeoffChartSpec } from '../../../core/common/charts/tradeoffChart.js';
import type { WireStudyRow } from '../../../core/common/rpc/protocol.js';
import { ChartFrame } from './ChartFrame.js';

const CHART_SIZE = { width: 360, height: 230 };
/** Point labels in the dock's chart: small, and only where they fit (the hover title names every point). */
const LABEL_FONT = 8;
/** How far from a marker (in chart pixels) the pointer still picks it. */
const PICK_RADIUS = 12;

/** How model B's pipelines are named in the shared chart (A's keep their own names). */
const B_PREFIX = 'B · ';

interface Props {
  rows: readonly WireStudyRow[];
  /** The same sweep on a second embedding model (ComparePanel), drawn hollow with its own frontier. */
  rowsB?: readonly WireStudyRow[] | undefined;
  x: TradeoffAxis;
  k: number;
  active: string | null;
  onHover(pipeline: string | null): void;
  onSelect(pipeline: string): void;
}

/**
 * Recall@k against QPS or bytes per vector (log x), with 95 % whiskers and the Pareto frontier: the
 * spec and layout of core/common/charts (what the SVG export writes), drawn at the dock's size in
 * the app's colours, with the pointer picking the nearest marker.
 */
export function ParetoChart({ rows, rowsB, x, k, active, onHover, onSelect }: Props) {
  const { spec, layout, points, frontier, frontierB, spans, labels } = useMemo(() => {
    const named = (rowsB ?? []).map((r) => ({ ...r, pipeline: B_PREFIX + r.pipeline }));
    const all = named.length > 0 ? [...rows, ...named] : rows;
    // One spec over both models sets the shared axes; each model's own spec gives its frontier.
    const spec = tradeoffChartSpec(all, x, { k, ...CHART_SIZE });
    const layout = chartLayout(spec);
    const [pipelines, , storage] = spec.series;
    const lineOf = (rs: readonly WireStudyRow[]) => tradeoffChartSpec(rs, x, { k, ...CHART_SIZE }).series[1]!;
    const lineA = lineOf(rows);
    const lineB = named.length > 0 ? lineOf(named) : null;
    const onFrontier = new Set([...lineA.points, ...(lineB?.points ?? [])].map((p) => p.label));
    const byName = new Map(all.map((r) => [r.pipeline, r]));
    const whisker = new Map(pipelines!.whiskers!.map((w) => [w.label, w]));
    const points = pipelines!.points.map((p) => ({
      pipeline: p.label!,
      row: byName.get(p.label!)!,
      value: p.x,
      px: layout.x.map(p.x),
      py: layout.y.map(p.y),
      whisker: whisker.get(p.label),
      onFrontier: onFrontier.has(p.label),
      modelB: p.label!.startsWith(B_PREFIX),
    }));
    const toPx = (p: { x: number; y: number }) => ({ x: layout.x.map(p.x), y: layout.y.map(p.y) });
    const frontier = lineA.points.map(toPx);
    const frontierB = lineB ? lineB.points.map(toPx) : [];
    const spans = (storage?.spans ?? []).map((sp) => ({
      pipeline: sp.label!,
      x0: layout.x.map(sp.from),
      x1: layout.x.map(sp.to),
      y: layout.y.map(sp.y),
      bytes: sp.to - sp.from,
    }));
    const labels = chartPointLabels(spec, layout, LABEL_FONT);
    return { spec, layout, points, frontier, frontierB, spans, labels };
  }, [rows, rowsB, x, k]);
  const hovered = useRef<string | null>(null);
  const pick = (e: MouseEvent<SVGSVGElement>): string | null => {
    const box = e.currentTarget.getBoundingClientRect();
    const px = ((e.clientX - box.left) * spec.width) / (box.width || 1);
    const py = ((e.clientY - box.top) * spec.height) / (box.height || 1);
    // Model B's points are for looking (their titles name them); the lab's selection is model A's.
    const own = points.filter((p) => !p.modelB);
    const i = nearestPoint(
      own.map((p) => ({ x: p.px, y: p.py })),
      px,
      py,
      PICK_RADIUS,
    );
    return i < 0 ? null : own[i]!.pipeline;
  };
  const hover = (p: string | null) => {
    if (p === hovered.current) return;
    hovered.current = p;
    onHover(p);
  };
  return (
    <svg
      className="pareto"
      width={spec.width}
      height={spec.height}
      viewBox={`0 0 ${spec.width} ${spec.height}`}
      data-testid={`pareto-${x}`}
      role="img"
      aria-label={`${spec.y.label} against ${spec.x.label}`}
      onMouseMove={(e) => hover(pick(e))}
      onMouseLeave={() => hover(null)}
      onClick={(e) => {
        const p = pick(e);
        if (p) onSelect(p);
      }}
    >
      <ChartFrame spec={spec} layout={layout} />
      {spans.map((sp) => (
        <g key={`span-${sp.pipeline}`} className="storage-span" data-testid="storage-span">
          <line x1={sp.x0} x2={sp.x1} y1={sp.y} y2={sp.y} />
          <line x1={sp.x1} x2={sp.x1} y1={sp.y - 3} y2={sp.y + 3} />
          <title>{`${sp.pipeline}\n+ ${sp.bytes} bytes/vector of re-ranking vectors (may live on disk)`}</title>
        </g>
      ))}
      {frontier.length > 1 && (
        <polyline
          className="frontier"
          data-testid="frontier"
          points={frontier.map((p) => `${p.x},${p.y}`).join(' ')}
        />
      )}
      {frontierB.length > 1 && (
        <polyline
          className="frontier model-b"
          data-testid="frontier-b"
          points={frontierB.map((p) => `${p.x},${p.y}`).join(' ')}
        />
      )}
      {frontierB.length > 0 && (
        <g className="model-legend" fontSize={9}>
          <text x={layout.plot.left + 6} y={layout.plot.top + 11}>
            ● A (open) ○ B (compared)
          </text>
        </g>
      )}
      {points.map((p) => (
        <g
          key={p.pipeline}
          className={`pt${p.onFrontier ? ' on-frontier' : ''}${p.pipeline === active ? ' active' : ''}${p.modelB ? ' model-b' : ''}`}
          data-testid={p.modelB ? 'pareto-point-b' : 'pareto-point'}
          data-pipeline={p.pipeline}
          data-active={p.pipeline === active}
        >
          {p.whisker && (
            <line
              className="whisker"
              x1={p.px}
              x2={p.px}
              y1={layout.y.map(p.whisker.low)}
              y2={layout.y.map(p.whisker.high)}
            />
          )}
          <circle cx={p.px} cy={p.py} r={p.pipeline === active ? 6 : 4.5} />
          <title>{`${p.pipeline}\nrecall@${k} ${p.row.recall.toFixed(3)}\n${x === 'qps' ? `${formatTick(Math.round(p.value))} QPS` : `${p.value} bytes/vector searched${p.row.secondaryBytes > 0 ? ` + ${p.row.secondaryBytes} re-ranking` : ''}`}`}</title>
        </g>
      ))}
      <g className="point-labels" fontSize={LABEL_FONT}>
        {labels.map((l) => (
          <text key={`label-${l.text}`} x={l.x} y={l.y} textAnchor={l.anchor} data-testid="point-label">
            {l.text}
          </text>
        ))}
      </g>
    </svg>
  );
}
