import { useApp, useAppContext } from '../components/context.js';
import { selectColumns, selectFilter, selectRowCount, selectSelection } from '../store/selectors.js';
import { MAX_PREDICATE } from './filterPredicates.js';
import { filterSessionFor } from './filterSession.js';

/**
 * The explorer's filter: a SQL boolean expression over the metadata columns (the engine runs it with
 * DuckDB, as `vecscope study --filter`). Only the rows it allows are drawn, and the lab's study measures
 * recall under it. The legend's ⊂ buttons and "from selection" write a predicate here.
 */
export function FilterBar() {
  const { session, store } = useAppContext();
  const filter = useApp(selectFilter);
  const n = useApp(selectRowCount);
  const columns = useApp(selectColumns);
  const selection = useApp(selectSelection);
  const fs = filterSessionFor(session);
  if (n === 0) return null;
  const names = [...columns.map((c) => c.name), 'row_id'].join(', ');
  return (
    <section className="panel filter-bar" data-testid="filter-bar">
      <h2>
        Filter
        {filter.applied && (
          <span className="dim" data-testid="filter-count" data-count={filter.applied.rows.length}>
            &nbsp;{filter.applied.rows.length.toLocaleString('en')} of {n.toLocaleString('en')} points
          </span>
        )}
      </h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void fs.apply(filter.text);
        }}
      >
        <input
          data-testid="filter-input"
          type="text"
          maxLength={MAX_PREDICATE}
          placeholder="SQL, e.g. lexname = 'noun.animal'"
          title={`a SQL boolean expression over the columns: ${names}`}
          value={filter.text}
          onChange={(e) => store.dispatch({ type: 'setFilterText', text: e.target.value })}
        />
        <button className="small" type="submit" data-testid="filter-apply">
          apply
        </button>
        <button
          className="small"
          type="button"
          data-testid="filter-from-selection"
          disabled={!selection || selection.length === 0}
          title="keep only the selected rows"
          onClick={() => void fs.selection()}
        >
          from selection
        </button>
        <button
          className="small"
          type="button"
          data-testid="filter-clear"
          disabled={!filter.applied && !filter.error}
          onClick={() => void fs.apply('')}
        >
          clear
        </button>
      </form>
      {filter.error && (
        <div className="error-line" data-testid="filter-error">
          {filter.error}
        </div>
      )}
    </section>
  );
}
