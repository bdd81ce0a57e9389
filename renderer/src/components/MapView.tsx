import { useEffect, useMemo, useRef, useState } from 'react';
import { QueryOverlay } from '../lab/QueryOverlay.js';
import { lossColoring } from '../lab/labMetrics.js';
import { useLabColoring } from '../lab/useLabColoring.js';
import { computeColoring, computeFlags, labelCentroids } from '../scene/colors.js';
import { MapScene } from '../scene/MapScene.js';
import type { LayoutEntry } from '../store/state.js';
import { useApp, useAppContext } from './context.js';
import { Legend } from './Legend.js';
import { Thumbnail } from './Thumbnail.js';
import { ThumbnailOverlay } from './ThumbnailOverlay.js';
import { filterSessionFor } from '../filter/filterSession.js';
import {
  selectClusters,
  selectColorBy,
  selectColumns,
  selectCompare,
  selectComparePaint,
  selectCurrentLayout,
  selectDatasetIdOrNull,
  selectFocus,
  selectHovered,
  selectMapPaint,
  selectNumericScale,
  selectOpacity,
  selectPointSize,
  selectRestoring,
  selectRowCount,
  selectFilterRows,
  selectSearchMatches,
  selectSelection,
  selectTool,
  selectTooltip,
  selectWantedLayoutParams,
} from '../store/selectors.js';

declare global {
  interface Window {
    /** Handles for end-to-end tests and the benchmark. */
    __vecscope?: Record<string, unknown>;
  }
}

export function MapView() {
  const { store, session } = useAppContext();
  const containerRef = useRef<HTMLDivElement>(null);
  const tooltipRef = useRef<HTMLDivElement>(null);
  const [scene, setScene] = useState<MapScene | null>(null);

  const current = useApp(selectCurrentLayout);
  const n = useApp(selectRowCount);
  const datasetId = useApp(selectDatasetIdOrNull);
  const restoring = useApp(selectRestoring);
  // While a new layout computes, the previous one of the same data set stays on screen.
  const lastShown = useRef<{ datasetId: string | null; entry: LayoutEntry } | null>(null);
  if (current && current.positions.length === n * current.dim)
    lastShown.current = { datasetId, entry: current };
  else if (lastShown.current && lastShown.current.datasetId !== datasetId && !restoring)
    lastShown.current = null;
  const layout = current ?? lastShown.current?.entry ?? null;
  const wantedParams = useApp(selectWantedLayoutParams);
  const colorBy = useApp(selectColorBy);
  const columns = useApp(selectColumns);
  const clusters = useApp(selectClusters);
  const selection = useApp(selectSelection);
  const matches = useApp(selectSearchMatches);
  const focus = useApp(selectFocus);
  const pointSize = useApp(selectPointSize);
  const opacity = useApp(selectOpacity);
  const tool = useApp(selectTool);
  const tooltip = useApp(selectTooltip);
  const hovered = useApp(selectHovered);

  const labColoring = useLabColoring(n);
  const mapPaint = useApp(selectMapPaint);
  const numericScale = useApp(selectNumericScale);
  const paintOn = mapPaint !== null && layout !== null && mapPaint.positions === layout.positions;
  const compare = useApp(selectCompare);
  const comparePaint = useApp(selectComparePaint);
  const compareColoring = useMemo(
    () =>
      compare && comparePaint && compare.jaccard.length === n
        ? lossColoring(
            Float32Array.from(compare.jaccard, (j) => 1 - j),
            `neighbours model B does not share (1 − Jaccard@${compare.k})`,
          )
        : null,
    [compare, comparePaint, n],
  );
  const coloring = useMemo(
    () =>
      labColoring ??
      compareColoring ??
      (paintOn ? lossColoring(mapPaint.lost, 'neighbours the map lost (of 10)') : null) ??
      computeColoring(n, colorBy, columns, clusters, numericScale),
    [n, colorBy, columns, clusters, numericScale, labColoring, compareColoring, paintOn, mapPaint],
  );
  const filterRows = useApp(selectFilterRows);
  const flags = useMemo(
    () => computeFlags(n, { selection, matches, focus, filter: filterRows }),
    [n, selection, matches, focus, filterRows],
  );
  const filterColumn =
    colorBy.kind === 'column' && coloring.legend.kind === 'categories' ? colorBy.name : null;
  const labels = useMemo(() => {
    if (!clusters || !layout || colorBy.kind !== 'cluster') return [];
    return labelCentroids(layout.positions, layout.dim, clusters.labels, clusters.names)
      .filter((l) => l.count >= Math.max(3, n * 0.002))
      .slice(0, 60);
  }, [clusters, layout, colorBy, n]);

  useEffect(() => {
    const s = new MapScene(containerRef.current!);
    const offs = [
      s.on('hover', (row) => void session.hover(row)),
      s.on('click', (row) => void session.click(row)),
      s.on('select', (rows) => void session.select(rows)),
    ];
    setScene(s);
    window.__vecscope = { ...window.__vecscope, scene: s, store, session };
    return () => {
      offs.forEach((off) => off());
      s.dispose();
    };
  }, [store, session]);

  useEffect(() => {
    if (!scene) return;
    const usable = layout && layout.positions.length === n * layout.dim;
    scene.setProps({
      positions: usable ? layout.positions : null,
      dim: layout?.dim ?? 2,
      colors: coloring.colors,
      flags,
      pointSize,
      opacity,
      tool,
      labels,
      layoutKey: layout ? `${layout.method}:${layout.dim}:${layout.params}` : '',
    });
  }, [scene, layout, n, coloring, flags, pointSize, opacity, tool, labels]);

  // The tooltip follows the hovered point, also when the view moves under it (the scene's 'view' event).
  useEffect(() => {
    const el = tooltipRef.current;
    if (!el || !scene || hovered === null) return;
    const place = () => {
      const p = scene.projectRow(hovered);
      if (p) el.style.transform = `translate(${Math.round(p.x + 14)}px, ${Math.round(p.y + 14)}px)`;
    };
    place();
    return scene.on('view', place);
  }, [scene, hovered, tooltip]);

  return (
    <div className="map" data-testid="map">
      <div
        className="map-stage"
        ref={containerRef}
        data-testid="map-stage"
        data-points={layout ? n : 0}
        data-visible={layout ? (filterRows?.length ?? n) : 0}
        data-layout={layout ? `${layout.method}:${layout.dim}` : ''}
        data-layout-params={layout?.params ?? ''}
        data-layout-final={layout?.final === true}
      />
      {!layout && n > 0 && <div className="map-empty">computing the map…</div>}
      {layout && (
        <button
          className="map-fit"
          data-testid="fit-view"
          title="frame the whole map"
          onClick={() => scene?.fitView()}
        >
          fit view
        </button>
      )}
      <QueryOverlay scene={scene} />
      <ThumbnailOverlay scene={scene} />
      {layout && !current && <div className="map-note">computing the new map…</div>}
      {current && current.params !== wantedParams && (
        <div className="map-note">computing the map with the new settings…</div>
      )}
      <Legend
        legend={coloring.legend}
        onFilter={
          filterColumn !== null
            ? (label) => void filterSessionFor(session).category(filterColumn, label)
            : undefined
        }
      />
      {tooltip && hovered === tooltip.row && (
        <div className="tooltip" ref={tooltipRef} data-testid="tooltip" data-row={tooltip.row}>
          <Thumbnail row={tooltip.row} size={96} />
          {tooltip.table.columns.map((c, i) => (
            <div key={c} className="tooltip-row">
              <span className="k">{c}</span> <span className="v">{tooltip.table.values[0]![i]}</span>
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
