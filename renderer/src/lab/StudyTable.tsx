import { Fragment, useMemo } from 'react';
import { type WireStudyRow } from '../../../core/common/rpc/protocol.js';
import { useApp, useAppContext } from '../components/context.js';
import { summaryColumnsFor } from '../../../core/common/study/studySummaryColumns.js';
import { sortedRows } from './labState.js';
import { selectLabSort, selectLabVerified } from '../store/selectors.js';

export function StudyTable({ rows, active }: { rows: readonly WireStudyRow[]; active: string | null }) {
  const { store } = useAppContext();
  const sort = useApp(selectLabSort);
  const sorted = useMemo(() => sortedRows(rows, sort), [rows, sort]);
  const COLUMNS = summaryColumnsFor(rows);
  // The database's measurement of a verified pipeline sits under the lab's prediction for it.
  const verified = useApp(selectLabVerified);
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
          <Fragment key={r.pipeline}>
            <tr
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
            {verified && verified.pipeline === r.pipeline && (
              <tr className="verified-row" data-testid="verified-row">
                <td colSpan={COLUMNS.length}>
                  measured in {verified.result.engine}: recall@{verified.result.k}{' '}
                  <strong>{verified.result.recall.toFixed(3)}</strong> (lab {r.recall.toFixed(3)},{' '}
                  {verified.result.recall - r.recall >= 0 ? '+' : ''}
                  {(verified.result.recall - r.recall).toFixed(3)}), p50{' '}
                  {verified.result.latency.p50Ms.toFixed(1)} ms, p95{' '}
                  {verified.result.latency.p95Ms.toFixed(1)} ms, {Math.round(verified.result.latency.qps)}{' '}
                  q/s, {verified.result.nq} queries
                </td>
              </tr>
            )}
          </Fragment>
        ))}
      </tbody>
    </table>
  );
}
