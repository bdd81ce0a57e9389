import { useApp, useAppContext } from '../components/context.js';
import { selectLabOpen, selectLabPaintLoss } from '../store/selectors.js';
import type { StudyResults } from './labState.js';
import { timingWarning } from './labMetrics.js';
import { QUERY_SET_LABELS } from './querySets.js';

/** The lab dock's header: the open/close toggle, the study's status line and the map paint option. */
export function LabHeader({ study }: { study: StudyResults | null }) {
  const { store } = useAppContext();
  const open = useApp(selectLabOpen);
  const paintLoss = useApp(selectLabPaintLoss);
  return (
    <header className="lab-head">
      <button
        data-testid="lab-toggle"
        className={open ? 'active' : ''}
        onClick={() => store.dispatch({ type: 'lab/toggle' })}
      >
        Compression lab {open ? '▾' : '▴'}
      </button>
      {study && (
        <span className="dim" data-testid="lab-status">
          {study.rows.length} row{study.rows.length === 1 ? '' : 's'}
          {study.running ? ' · running' : ''} · {study.nq} queries ({QUERY_SET_LABELS[study.querySet]}) · k ={' '}
          {study.k}
        </span>
      )}
      {study && timingWarning(study) && (
        <span className="lab-warn" data-testid="lab-timing-warning">
          ⚠ {timingWarning(study)}
        </span>
      )}
      {(open || (study !== null && study.rows.length > 0)) && (
        <label className="lab-opt">
          <input
            type="checkbox"
            checked={paintLoss}
            onChange={(e) => store.dispatch({ type: 'lab/setPaintLoss', on: e.target.checked })}
          />{' '}
          paint the map by neighbour loss
        </label>
      )}
    </header>
  );
}
