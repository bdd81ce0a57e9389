import { useEffect, useState } from 'react';
import type { MapScene } from '../scene/MapScene.js';
import { useApp, useAppContext } from '../components/context.js';
import { queryScreenPositions } from './labMetrics.js';
import {
  selectActiveRow,
  selectDatasetId,
  selectFilter,
  selectLabFocusQuery,
  selectLabOpen,
  selectLabQueries,
  selectLabShowQueries,
  selectLabStudyK,
} from '../store/selectors.js';

/** Colour of an OOD score: green at the base's own median (1), yellow at its 95th percentile, red at
 * twice that distance from the median and beyond. */
export function oodColor(score: number, p95: number): string {
  const t = Math.min(1, Math.max(0, (score - 1) / Math.max(2 * (p95 - 1), 1e-6)));
  const r = Math.round(80 + 175 * t);
  const g = Math.round(210 - 150 * t);
  return `rgb(${r}, ${g}, 90)`;
}

/**
 * The study's queries drawn over the map (each at the mean screen position of its exact neighbours),
 * coloured by OOD score; the focused query also shows lines to its exact neighbours and to the active
 * pipeline's answers (misses dashed red). With the explorer's filter measured by the study, a query that
 * lost some of its filtered neighbours (in-graph for a graph pipeline) is outlined in red.
 */
export function QueryOverlay({ scene }: { scene: MapScene | null }) {
  const { store } = useAppContext();
  const queries = useApp(selectLabQueries);
  const open = useApp(selectLabOpen);
  const showQueries = useApp(selectLabShowQueries);
  const focus = useApp(selectLabFocusQuery);
  const studyK = useApp(selectLabStudyK);
  const row = useApp(selectActiveRow);
  const datasetId = useApp(selectDatasetId);
  const predicate = useApp(selectFilter).applied?.predicate ?? null;
  const filtered = predicate !== null ? row?.filtered?.find((f) => f.filter === predicate) : undefined;
  const [screen, setScreen] = useState<Float32Array | null>(null);
  const data = queries && queries.datasetId === datasetId ? queries.result : null;
  const visible = open && showQueries && data !== null && scene !== null;

  // The scene says when the camera or the layout moved; the points' screen positions are read then.
  useEffect(() => {
    if (!visible || !scene) return;
    const update = () => setScreen(scene.screenPositions());
    update();
    return scene.on('view', update);
  }, [visible, scene]);

  if (!visible || !screen || !data) return null;
  const pos = queryScreenPositions(screen, data.neighbours, data.nq, data.k);
  const lines: { x1: number; y1: number; x2: number; y2: number; cls: string }[] = [];
  if (focus !== null && focus < data.nq) {
    const qx = pos[focus * 2]!;
    const qy = pos[focus * 2 + 1]!;
    const exact = new Set(data.neighbours.subarray(focus * data.k, (focus + 1) * data.k));
    for (const id of exact) {
      const x = screen[id * 2]!;
      const y = screen[id * 2 + 1]!;
      if (Number.isFinite(x)) lines.push({ x1: qx, y1: qy, x2: x, y2: y, cls: 'exact' });
    }
    const k = studyK ?? data.k;
    if (row && row.ids.length >= (focus + 1) * k)
      for (const id of row.ids.subarray(focus * k, (focus + 1) * k)) {
        if (id < 0 || exact.has(id)) continue;
        const x = screen[id * 2]!;
        const y = screen[id * 2 + 1]!;
        if (Number.isFinite(x)) lines.push({ x1: qx, y1: qy, x2: x, y2: y, cls: 'miss' });
      }
  }
  const marks = [];
  for (let q = 0; q < data.nq; q++) {
    const x = pos[q * 2]!;
    const y = pos[q * 2 + 1]!;
    if (!Number.isFinite(x)) continue;
    const fr = filtered?.perQueryRecall[q];
    const lost = fr !== undefined && fr < 1;
    marks.push(
      <rect
        key={q}
        className={`query-mark${lost ? ' lost' : ''}${q === focus ? ' focus' : ''}`}
        data-testid="query-mark"
        data-query={q}
        x={x - 4}
        y={y - 4}
        width={8}
        height={8}
        transform={`rotate(45 ${x} ${y})`}
        fill={oodColor(data.ood[q]!, data.baseP95)}
        data-lost={lost}
        onClick={() => store.dispatch({ type: 'lab/focusQuery', query: q === focus ? null : q })}
      >
        <title>{`${data.labels[q] ?? `query ${q}`}\nOOD score ${data.ood[q]!.toFixed(2)} (base 95th pct ${data.baseP95.toFixed(2)})${fr !== undefined ? `\nfiltered recall ${fr.toFixed(2)} (${filtered!.recallInGraph !== undefined ? 'in-graph' : 'pre-filter'})` : ''}`}</title>
      </rect>,
    );
  }
  return (
    <svg className="query-overlay" data-testid="query-overlay" data-queries={data.nq}>
      {lines.map((l, i) => (
        <line key={i} className={`query-line ${l.cls}`} x1={l.x1} y1={l.y1} x2={l.x2} y2={l.y2} />
      ))}
      {marks}
    </svg>
  );
}
