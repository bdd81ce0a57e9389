import type { RowTable } from '../store/state.js';
import { Thumbnail } from './Thumbnail.js';

export function RowsTable({
  table,
  testId,
  extra,
  thumbnails,
}: {
  table: RowTable;
  testId: string;
  extra?: { title: string; values: string[] };
  /** A picture column before the others (the table's first column holds the row numbers). */
  thumbnails?: boolean;
}) {
  return (
    <div className="table-wrap">
      <table data-testid={testId}>
        <thead>
          <tr>
            {thumbnails && <th>picture</th>}
            {table.columns.map((c) => (
              <th key={c}>{c}</th>
            ))}
            {extra && <th>{extra.title}</th>}
          </tr>
        </thead>
        <tbody>
          {table.values.map((row, i) => (
            <tr key={i}>
              {thumbnails && (
                <td>
                  <Thumbnail row={Number(row[0])} size={40} />
                </td>
              )}
              {row.map((v, j) => (
                <td key={j} title={v}>
                  {v}
                </td>
              ))}
              {extra && <td>{extra.values[i]}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
