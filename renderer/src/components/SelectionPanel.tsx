import { useApp, useAppContext } from './context.js';
import { RowsTable } from './RowsTable.js';
import { selectSelection, selectSelectionTable } from '../store/selectors.js';

export function SelectionPanel() {
  const { session } = useAppContext();
  const selection = useApp(selectSelection);
  const table = useApp(selectSelectionTable);
  if (!selection) return null;
  return (
    <section className="panel" data-testid="selection-panel">
      <h2>
        <span data-testid="selection-count">{selection.length.toLocaleString('en')}</span> selected
        <button className="small" onClick={() => void session.select(null)}>
          clear
        </button>
      </h2>
      {table && <RowsTable table={table} testId="selection-table" />}
      {table && selection.length > table.values.length && (
        <p className="note">first {table.values.length} rows shown</p>
      )}
    </section>
  );
}
