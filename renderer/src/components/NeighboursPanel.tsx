import { neighbourScores } from '../../../core/common/knn/neighbourScore.js';
import { useApp, useAppContext } from './context.js';
import { RowsTable } from './RowsTable.js';
import { selectDatasetMetric, selectFocus, selectFocusPending } from '../store/selectors.js';

export function NeighboursPanel() {
  const { store } = useAppContext();
  const focus = useApp(selectFocus);
  const metric = useApp(selectDatasetMetric);
  const pending = useApp(selectFocusPending);
  const waiting =
    pending !== null ? (
      <p className="note pending" data-testid="neighbours-pending">
        <span className="spinner" aria-hidden="true" /> finding the nearest neighbours of row {pending}…
      </p>
    ) : null;
  if (!focus)
    return waiting ? (
      <section className="panel" data-testid="neighbours-panel">
        {waiting}
      </section>
    ) : null;
  const scores = neighbourScores(metric ?? 'l2', focus.dists);
  return (
    <section className="panel" data-testid="neighbours-panel">
      <h2>
        {focus.ids.length} nearest neighbours of row {focus.row}
        <button className="small" onClick={() => store.dispatch({ type: 'clearFocus' })}>
          clear
        </button>
      </h2>
      {waiting}
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
      {focus.table && (
        <RowsTable
          table={focus.table}
          testId="neighbour-table"
          extra={{ title: scores.title, values: ['—', ...scores.values.map((v) => v.toPrecision(4))] }}
        />
      )}
    </section>
  );
}
