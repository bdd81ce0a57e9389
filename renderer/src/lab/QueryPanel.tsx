import { useEffect, useMemo } from 'react';
import { useApp, useAppContext } from '../components/context.js';
import type { LabSession } from './labSession.js';
import { oodColor } from './QueryOverlay.js';
import { QUERY_SET_LABELS } from './querySets.js';
import {
  selectActiveRow,
  selectDatasetId,
  selectLabFocusQuery,
  selectLabK,
  selectLabQueries,
  selectLabQuerySetShown,
  selectLabRowTexts,
  selectLabShowQueries,
  selectLabStudyK,
} from '../store/selectors.js';

interface Side {
  ids: number[];
  hit: boolean[];
}

/** The study's queries: OOD scores at a glance, and for one query the exact and the compressed
 * neighbours side by side. */
export function QueryPanel({ lab }: { lab: LabSession }) {
  const { store } = useAppContext();
  const queries = useApp(selectLabQueries);
  const focus = useApp(selectLabFocusQuery);
  const studyK = useApp(selectLabStudyK);
  const labK = useApp(selectLabK);
  const querySetShown = useApp(selectLabQuerySetShown);
  const showQueries = useApp(selectLabShowQueries);
  const row = useApp(selectActiveRow);
  const datasetId = useApp(selectDatasetId);
  const data = queries && queries.datasetId === datasetId ? queries.result : null;
  const k = studyK ?? data?.k ?? labK;

  const summary = useMemo(() => {
    if (!data) return null;
    const sorted = Array.from(data.ood).sort((a, b) => a - b);
    const above = sorted.filter((v) => v > data.baseP95).length;
    const order = Array.from(data.ood, (_, i) => i).sort((a, b) => data.ood[b]! - data.ood[a]!);
    return { median: sorted[sorted.length >> 1] ?? 0, above, order };
  }, [data]);

  const sides = useMemo(() => {
    if (!data || focus === null || focus >= data.nq) return null;
    const exact = Array.from(data.neighbours.subarray(focus * data.k, focus * data.k + Math.min(k, data.k)));
    const exactSet = new Set(exact);
    const got =
      row && row.ids.length >= (focus + 1) * k
        ? Array.from(row.ids.subarray(focus * k, (focus + 1) * k))
        : [];
    const gotSet = new Set(got);
    const left: Side = { ids: exact, hit: exact.map((id) => gotSet.has(id)) };
    const right: Side = { ids: got, hit: got.map((id) => exactSet.has(id)) };
    return { left, right };
  }, [data, focus, row, k]);

  const texts = useApp(selectLabRowTexts);
  useEffect(() => {
    if (sides) void lab.loadRowTexts([...sides.left.ids, ...sides.right.ids]);
  }, [sides, lab]);

  const list = (side: Side, title: string, testid: string) => (
    <div className="nb-col" data-testid={testid}>
      <h4>{title}</h4>
      <ol>
        {side.ids.map((id, i) => (
          <li key={`${id}:${i}`} className={side.hit[i] ? 'hit' : 'miss'} data-row={id}>
            <span className="mark">{side.hit[i] ? '✓' : '✗'}</span> <span className="rowid">{id}</span>{' '}
            <span className="txt">{texts.get(id) ?? ''}</span>
          </li>
        ))}
      </ol>
    </div>
  );

  return (
    <section className="lab-col lab-queries" data-testid="lab-queries">
      <h3>Queries on the map</h3>
      {!data ? (
        <button className="small" data-testid="load-queries" onClick={() => void lab.loadQueries()}>
          place the {QUERY_SET_LABELS[querySetShown]} queries on the map
        </button>
      ) : (
        <>
          <label>
            <input
              type="checkbox"
              checked={showQueries}
              onChange={(e) => store.dispatch({ type: 'lab/showQueries', on: e.target.checked })}
            />{' '}
            show {data.nq} queries (◆, by OOD score)
          </label>
          {summary && (
            <p className="dim" data-testid="ood-summary">
              OOD score = distance to the {data.k}-th nearest base vector ÷ the base's own median. Median{' '}
              {summary.median.toFixed(2)}; {summary.above} of {data.nq} queries lie beyond the base's 95th
              percentile ({data.baseP95.toFixed(2)}), where a reduction fitted to the base alone loses them
              and LeanVec-OOD, fitted to queries as well, helps.
            </p>
          )}
          <div className="query-list">
            {summary?.order.slice(0, 12).map((q) => (
              <button
                key={q}
                className={`small query-pick${q === focus ? ' active' : ''}`}
                data-testid="query-pick"
                data-query={q}
                title={data.labels[q]}
                onClick={() => store.dispatch({ type: 'lab/focusQuery', query: q === focus ? null : q })}
              >
                <svg width={8} height={8}>
                  <rect width={8} height={8} fill={oodColor(data.ood[q]!, data.baseP95)} />
                </svg>{' '}
                {data.ood[q]!.toFixed(2)} {(data.labels[q] ?? '').slice(0, 28)}
              </button>
            ))}
          </div>
          {sides && focus !== null && (
            <div className="query-detail" data-testid="query-detail" data-query={focus}>
              <div>
                <b>{data.labels[focus]}</b> · OOD {data.ood[focus]!.toFixed(2)}
                {row && ` · recall@${k} ${(row.perQueryRecall[focus] ?? 0).toFixed(2)} with ${row.pipeline}`}
              </div>
              <div className="nb-cols">
                {list(sides.left, 'exact neighbours', 'exact-neighbours')}
                {row ? (
                  list(sides.right, row.pipeline, 'compressed-neighbours')
                ) : (
                  <div className="dim">select a pipeline</div>
                )}
              </div>
            </div>
          )}
        </>
      )}
    </section>
  );
}
