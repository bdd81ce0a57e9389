import { useMemo } from 'react';
import { type WireStudyRow } from '../../../core/common/rpc/protocol.js';
import { useApp, useAppContext } from '../components/context.js';
import { summaryColumnsFor } from '../../../core/common/study/studySummaryColumns.js';
import { sortedRows } from './labState.js';
import { selectLabSort } from '../store/selectors.js';

export function StudyTable({ rows, active }: { rows: readonly WireStudyRow[]; active: string | null }) {
  const { store } = useAppContext();
  const sort = useApp(selectLabSort);
  const sorted = useMemo(() => sortedRows(rows, sort), [rows, sort]);
  const COLUMNS = summaryColumnsFor(rows);
  return (
    <table className="study-table" data-testid="study-table">
      <thead>
        <tr>
          {COLUMNS.map((c) => (
            <th
              key={c.label}
              data-testid={c.sort ? `sort-${c.sort}` : undefined}
              className={c.sort === sort.key ? (sort.desc ? 'sorted desc' : 'sorted asc') : ''}
              onClick={() => c.sort && store.dispatch({ type: 'lab/sort', key: c.sort })}
            >
              {c.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {sorted.map((r) => (
          <tr
            key={r.pipeline}
            data-testid="study-row"
            data-pipeline={r.pipeline}
            data-failed={r.error !== undefined ? 'true' : undefined}
            className={`${r.pipeline === active ? 'active' : ''}${r.error !== undefined ? ' failed' : ''}`}
            onMouseEnter={() => store.dispatch({ type: 'lab/hover', pipeline: r.pipeline })}
            onMouseLeave={() => store.dispatch({ type: 'lab/hover', pipeline: null })}
            onClick={() => store.dispatch({ type: 'lab/select', pipeline: r.pipeline })}
          >
            {COLUMNS.map((c) => (
              <td key={c.label} className={c.align === 'right' ? 'num' : ''}>
                {c.fields[0] === 'pipeline' ? <code>{c.cell(r)}</code> : c.cell(r)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
