import { saveFile } from '../lab/download.js';
import { selectionCsv, selectionNpy } from '../workspace/selectionExport.js';
import { useApp, useAppContext } from './context.js';
import { RowsTable } from './RowsTable.js';
import { selectSelection, selectSelectionTable } from '../store/selectors.js';

export function SelectionPanel() {
  const { session, store } = useAppContext();
  const selection = useApp(selectSelection);
  const table = useApp(selectSelectionTable);
  const hasImages = useApp((s) => s.dataset?.images !== undefined);
  if (!selection) return null;
  const exportCsv = async () => {
    const csv = await selectionCsv(selection, (ids) => session.fetchRows(ids));
    if (csv === null)
      store.dispatch({ type: 'error', message: 'export selection: the engine did not answer' });
    else await saveFile('selection.csv', csv, 'text/csv');
  };
  return (
    <section className="panel" data-testid="selection-panel">
      <h2>
        <span data-testid="selection-count">{selection.length.toLocaleString('en')}</span> selected
        <button className="small" onClick={() => void session.select(null)}>
          clear
        </button>
        <button
          className="small"
          data-testid="export-selection-csv"
          title="the selected rows with their metadata, as CSV"
          onClick={() => void exportCsv()}
        >
          CSV
        </button>
        <button
          className="small"
          data-testid="export-selection-npy"
          title="the selected row indices as an int32 .npy"
          onClick={() => void saveFile('selection.npy', new Blob([selectionNpy(selection)]))}
        >
          ids .npy
        </button>
      </h2>
      {table && <RowsTable table={table} testId="selection-table" thumbnails={hasImages} />}
      {table && selection.length > table.values.length && (
        <p className="note">first {table.values.length} rows shown</p>
      )}
    </section>
  );
}
