import { useEffect, useMemo, useRef, useState } from 'react';
import { lossColoring } from '../lab/labMetrics.js';
import { computeColoring, computeFlags } from '../scene/colors.js';
import { MapScene } from '../scene/MapScene.js';
import {
  selectClusters,
  selectColorBy,
  selectColumns,
  selectCompare,
  selectComparePaint,
  selectCompareSideBySide,
  selectCurrentLayout,
  selectFocus,
  selectHovered,
  selectNumericScale,
  selectOpacity,
  selectPointSize,
  selectRowCount,
  selectSearchMatches,
  selectSelection,
  selectTool,
} from '../store/selectors.js';
import { useApp, useAppContext } from './context.js';

/**
 * Model B's own map beside the open data set's, for comparing two embedding models of the same rows:
 * the engine opens B's file as a second data set and lays it out with the method on screen. Both maps
 * share the store, so hover (a ring on this map, the hover card on the other), selection, search and
 * the clicked row's neighbours show on both; the colours are the first map's.
 */
export function CompareMapB() {
  const { store, session } = useAppContext();
  const compare = useApp(selectCompare);
  const on = useApp(selectCompareSideBySide);
  const method = useApp(selectCurrentLayout)?.method ?? 'umap';
  const file = on ? (compare?.file ?? null) : null;
  const textModel = compare?.textModel;
  const textColumn = compare?.textColumn;
  const n = useApp(selectRowCount);
  const containerRef = useRef<HTMLDivElement>(null);
  const ringRef = useRef<HTMLDivElement>(null);
  const [scene, setScene] = useState<MapScene | null>(null);
  const [positions, setPositions] = useState<Float32Array | null>(null);

  // Open B, lay it out, and close it again when the map goes away or B changes.
  useEffect(() => {
    if (file === null) return;
    let closed = false;
    let id: string | null = null;
    const close = (dataset: string) => {
      try {
        void session
          .rpc()
          .call('close', { dataset })
          .result.catch(() => undefined);
      } catch {
        // The engine restarted: B is gone with it.
      }
    };
    setPositions(null);
    void (async () => {
      const summary = await session.job('open model B', 'open', {
        source: file,
        ...(textModel !== undefined ? { textModel } : {}),
        ...(textColumn !== undefined ? { textColumn } : {}),
      });
      if (!summary) return;
      id = summary.id;
      if (closed) return close(id);
      const layout = await session.job(`model B ${method} map`, 'layout', { dataset: id, method, dim: 2 });
      if (!closed && layout && layout.positions.length === n * 2) setPositions(layout.positions);
    })();
    return () => {
      closed = true;
      if (id !== null)
        void session
          .rpc()
          .call('close', { dataset: id })
          .result.catch(() => undefined);
    };
  }, [file, textModel, textColumn, method, n, session]);

  useEffect(() => {
    if (file === null) return;
    const s = new MapScene(containerRef.current!);
    const offs = [
      s.on('hover', (row) => void session.hover(row)),
      s.on('click', (row) => void session.click(row)),
      s.on('select', (rows) => void session.select(rows)),
    ];
    setScene(s);
    window.__vecscope = { ...window.__vecscope, sceneB: s };
    return () => {
      offs.forEach((off) => off());
      s.dispose();
      setScene(null);
    };
  }, [file, store, session]);

  const colorBy = useApp(selectColorBy);
  const columns = useApp(selectColumns);
  const clusters = useApp(selectClusters);
  const numericScale = useApp(selectNumericScale);
  const paint = useApp(selectComparePaint);
  const selection = useApp(selectSelection);
  const matches = useApp(selectSearchMatches);
  const focus = useApp(selectFocus);
  const pointSize = useApp(selectPointSize);
  const opacity = useApp(selectOpacity);
  const tool = useApp(selectTool);
  const hovered = useApp(selectHovered);
  const coloring = useMemo(
    () =>
      compare && paint && compare.jaccard.length === n
        ? lossColoring(
            Float32Array.from(compare.jaccard, (j) => 1 - j),
            `neighbours model B does not share (1 − Jaccard@${compare.k})`,
          )
        : computeColoring(n, colorBy, columns, clusters, numericScale),
    [compare, paint, n, colorBy, columns, clusters, numericScale],
  );
  const flags = useMemo(() => computeFlags(n, { selection, matches, focus }), [n, selection, matches, focus]);

  useEffect(() => {
    scene?.setProps({
      positions,
      dim: 2,
      colors: coloring.colors,
      flags,
      pointSize,
      opacity,
      tool,
      labels: [],
      layoutKey: positions ? `B:${method}` : '',
    });
  }, [scene, positions, coloring, flags, pointSize, opacity, tool, method]);

  // The row hovered on either map is ringed here, following the view.
  useEffect(() => {
    const el = ringRef.current;
    if (!el || !scene || hovered === null) return;
    const place = () => {
      const p = scene.projectRow(hovered);
      el.style.display = p ? 'block' : 'none';
      if (p) el.style.transform = `translate(${Math.round(p.x - 9)}px, ${Math.round(p.y - 9)}px)`;
    };
    place();
    return scene.on('view', place);
  }, [scene, hovered, positions]);

  if (file === null) return null;
  return (
    <div className="map map-b" data-testid="compare-map-b">
      <div
        className="map-stage"
        ref={containerRef}
        data-testid="map-stage-b"
        data-points={positions ? n : 0}
      />
      <div className="map-note">model B: {file.split(/[\\/]/).pop()}</div>
      {!positions && <div className="map-empty">computing model B's map…</div>}
      {hovered !== null && positions && (
        <div className="map-b-ring" ref={ringRef} data-testid="compare-b-hover" data-row={hovered} />
      )}
    </div>
  );
}
