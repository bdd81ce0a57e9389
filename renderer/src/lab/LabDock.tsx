import { useMemo, type PointerEvent } from 'react';
import { useApp, useAppContext } from '../components/context.js';
import { LabHeader } from './LabHeader.js';
import { LabSession } from './labSession.js';
import { QueryPanel } from './QueryPanel.js';
import { RecommendPanel } from './RecommendPanel.js';
import { SelectedPipeline } from './SelectedPipeline.js';
import { StudyBuilder } from './StudyBuilder.js';
import { TradeoffsSection } from './TradeoffsSection.js';
import {
  selectActiveRow,
  selectDatasetId,
  selectLabDockHeight,
  selectLabK,
  selectLabOpen,
  selectLabStudy,
} from '../store/selectors.js';
import './lab.css';

/** Drags the dock's top edge: its height follows the pointer until the button is released. */
function startResize(e: PointerEvent<HTMLDivElement>, set: (height: number) => void): void {
  const dock = e.currentTarget.parentElement;
  if (!dock) return;
  e.preventDefault();
  const bottom = dock.getBoundingClientRect().bottom;
  const handle = e.currentTarget;
  handle.setPointerCapture(e.pointerId);
  const move = (ev: globalThis.PointerEvent) => set(bottom - ev.clientY);
  const up = () => {
    handle.removeEventListener('pointermove', move);
    handle.removeEventListener('pointerup', up);
  };
  handle.addEventListener('pointermove', move);
  handle.addEventListener('pointerup', up);
}

/** The compression lab: a dock under the map with the sweep builder, the trade-offs, the selected
 * pipeline and the queries. */
export function LabDock() {
  const { session, store } = useAppContext();
  const lab = useMemo(() => {
    const l = new LabSession(session);
    window.__vecscope = { ...window.__vecscope, lab: l };
    return l;
  }, [session]);
  const open = useApp(selectLabOpen);
  const dockHeight = useApp(selectLabDockHeight);
  const labStudy = useApp(selectLabStudy);
  const labK = useApp(selectLabK);
  const row = useApp(selectActiveRow);
  const datasetId = useApp(selectDatasetId);
  const study = labStudy && labStudy.datasetId === datasetId ? labStudy : null;
  const k = study?.k ?? labK;

  return (
    <section
      className={`lab-dock${open ? ' open' : ''}`}
      data-testid="lab-dock"
      style={
        open && dockHeight !== null ? { height: `min(${dockHeight}px, calc(100vh - 160px))` } : undefined
      }
    >
      {open && (
        <div
          className="lab-resize"
          data-testid="lab-resize"
          title="drag to resize the lab; double-click for the default height"
          onPointerDown={(e) =>
            startResize(e, (h) => store.dispatch({ type: 'lab/setDockHeight', height: h }))
          }
          onDoubleClick={() => store.dispatch({ type: 'lab/setDockHeight', height: null })}
        />
      )}
      <LabHeader study={study} />
      {open && (
        <div className="lab-body">
          <div className="lab-left">
            <StudyBuilder lab={lab} />
            <RecommendPanel />
          </div>
          <TradeoffsSection lab={lab} study={study} k={k} row={row} />
          <div className="lab-side">
            <SelectedPipeline lab={lab} row={row} k={k} />
            <QueryPanel lab={lab} />
          </div>
        </div>
      )}
    </section>
  );
}
