import { useMemo } from 'react';
import { useApp, useAppContext } from '../components/context.js';
import { LabHeader } from './LabHeader.js';
import { LabSession } from './labSession.js';
import { QueryPanel } from './QueryPanel.js';
import { SelectedPipeline } from './SelectedPipeline.js';
import { StudyBuilder } from './StudyBuilder.js';
import { TradeoffsSection } from './TradeoffsSection.js';
import {
  selectActiveRow,
  selectDatasetId,
  selectLabK,
  selectLabOpen,
  selectLabStudy,
} from '../store/selectors.js';
import './lab.css';

/** The compression lab: a dock under the map with the sweep builder, the trade-offs, the selected
 * pipeline and the queries. */
export function LabDock() {
  const { session } = useAppContext();
  const lab = useMemo(() => {
    const l = new LabSession(session);
    window.__vecscope = { ...window.__vecscope, lab: l };
    return l;
  }, [session]);
  const open = useApp(selectLabOpen);
  const labStudy = useApp(selectLabStudy);
  const labK = useApp(selectLabK);
  const row = useApp(selectActiveRow);
  const datasetId = useApp(selectDatasetId);
  const study = labStudy && labStudy.datasetId === datasetId ? labStudy : null;
  const k = study?.k ?? labK;

  return (
    <section className={`lab-dock${open ? ' open' : ''}`} data-testid="lab-dock">
      <LabHeader study={study} />
      {open && (
        <div className="lab-body">
          <StudyBuilder lab={lab} />
          <TradeoffsSection study={study} k={k} row={row} />
          <SelectedPipeline lab={lab} row={row} k={k} />
          <QueryPanel lab={lab} />
        </div>
      )}
    </section>
  );
}
