import { useEffect, useState } from 'react';
import { neighbourScores } from '../../../core/common/knn/neighbourScore.js';
import type { RowTable } from '../store/state.js';
import { useApp, useAppContext } from './context.js';
import { RowsTable } from './RowsTable.js';

export function NeighboursPanel() {
  const { store, session } = useAppContext();
  const focus = useApp((s) => s.focus);
  const ds = useApp((s) => s.dataset);
  const [table, setTable] = useState<RowTable | null>(null);
  useEffect(() => {
    setTable(null);
    if (!focus || !ds) return;
    let live = true;
    void session
      .fetchRows(Int32Array.from([focus.row, ...focus.ids]))
      .then((t) => live && setTable(t ?? null));
    return () => {
      live = false;
    };
  }, [focus, ds, session]);
  if (!focus) return null;
  const scores = neighbourScores(ds?.metric ?? 'l2', focus.dists);
  return (
    <section className="panel" data-testid="neighbours-panel">
      <h2>
        {focus.ids.length} nearest neighbours of row {focus.row}
        <button className="small" onClick={() => store.dispatch({ type: 'clearFocus' })}>
          clear
        </button>
      </h2>
      <ol className="neighbour-ids" data-testid="neighbour-ids">
        {Array.from(focus.ids).map((id, i) => (
          <li key={id} data-row={id}>
            {id}{' '}
            <span className="dist" title={scores.title}>
              {scores.values[i]!.toPrecision(4)}
            </span>
          </li>
        ))}
      </ol>
      {table && (
        <RowsTable
          table={table}
          testId="neighbour-table"
          extra={{ title: scores.title, values: ['—', ...scores.values.map((v) => v.toPrecision(4))] }}
        />
      )}
    </section>
  );
}
