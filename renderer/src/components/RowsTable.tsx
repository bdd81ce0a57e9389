import type { RowTable } from '../store/state.js';

export function RowsTable({
  table,
  testId,
  extra,
}: {
  table: RowTable;
  testId: string;
  extra?: { title: string; values: string[] };
}) {
  return (
    <div className="table-wrap">
      <table data-testid={testId}>
        <thead>
          <tr>
            {table.columns.map((c) => (
              <th key={c}>{c}</th>
            ))}
            {extra && <th>{extra.title}</th>}
          </tr>
        </thead>
        <tbody>
          {table.values.map((row, i) => (
            <tr key={i}>
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
