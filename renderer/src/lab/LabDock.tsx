import { useMemo } from 'react';
import { QUERY_SETS, type QuerySet, type WireStudyRow } from '../../../core/common/rpc/protocol.js';
import { METRICS, type Metric } from '../../../core/common/types.js';
import { useApp, useAppContext } from '../components/context.js';
import { expandBuilder, suggestDims } from './builder.js';
import { Decomposition } from './Decomposition.js';
import { chartFile } from './chartFile.js';
import { canvasBlob, saveFile, svgToPng } from './download.js';
import type { TradeoffAxis } from '../../../core/common/charts/studyPoints.js';
import { studyRowsToCsv, studyRowsToJson } from '../../../core/common/export/studyRows.js';
import { summaryColumnsFor } from '../../../core/common/study/studySummaryColumns.js';
import { integerCategoryCodes, numericCategories } from '../../../core/common/metadata/integerCategories.js';
import { formatBytes, memoryAtScale, quantileBins, recallByGroup } from './labMetrics.js';
import { LabSession } from './labSession.js';
import { activeRow, sortedRows, type BuilderFields } from './labState.js';
import { ParetoChart } from './ParetoChart.js';
import { PipelineExports } from './PipelineExports.js';
import { QueryPanel } from './QueryPanel.js';
import { QUERY_SET_LABELS, effectiveMetric, effectiveQuerySet, querySetUsable } from './querySets.js';

const METRIC_LABELS: Record<Metric, string> = {
  ip: 'inner product',
  l2: 'Euclidean (l2)',
  cos: 'cosine',
};
import './lab.css';

const BUILDER_FIELDS: { key: keyof BuilderFields; label: string; hint: string }[] = [
  { key: 'reductions', label: 'reduction', hint: 'none, PCA, LeanVecOOD, LeanVecES, RP, SRP, Trunc' },
  { key: 'dims', label: 'dimension', hint: 'e.g. 64, 128' },
  { key: 'quantizers', label: 'quantizer', hint: 'F32, F16, SQ8, LVQ8, LVQ4, LVQ4x8, PQ<m>, OPQ<m>, BIN' },
  { key: 'indexes', label: 'index', hint: 'Flat or Vamana' },
  { key: 'R', label: 'Vamana R', hint: 'graph degree' },
  { key: 'L', label: 'Vamana L', hint: 'build window' },
  { key: 'W', label: 'search window W', hint: 'Vamana only; empty = max(k, 32)' },
  { key: 'rerank', label: 're-rank depth', hint: 'empty or 0 = none; ≥ k' },
];

function Builder({ lab }: { lab: LabSession }) {
  const { store } = useAppContext();
  const b = useApp((s) => s.lab.builder);
  const sweepText = useApp((s) => s.lab.sweepText);
  const k = useApp((s) => s.lab.k);
  const dataset = useApp((s) => s.dataset);
  const chosenMetric = useApp((s) => s.lab.metric);
  const chosenQuerySet = useApp((s) => s.lab.querySet);
  const maxQueries = useApp((s) => s.lab.maxQueries);
  // What a sweep will use: never a query set this data set lacks, the metric guessed unless chosen.
  const settings = {
    querySet: effectiveQuerySet(chosenQuerySet, dataset),
    maxQueries,
    metric: effectiveMetric(chosenMetric, dataset),
  };
  const running = useApp((s) => s.lab.study?.running ?? false);
  const intrinsic = useApp((s) => s.analysis?.intrinsic ?? null);
  const dim = dataset?.dim ?? 0;
  const suggestions = useMemo(() => suggestDims(intrinsic, dim), [intrinsic, dim]);
  let expanded: string[] = [];
  let error = '';
  try {
    expanded = expandBuilder(b);
  } catch (e) {
    error = (e as Error).message;
  }
  return (
    <section className="lab-col lab-builder" data-testid="lab-builder">
      <h3>Pipeline builder</h3>
      <div className="builder-grid">
        {BUILDER_FIELDS.map((f) => (
          <label key={f.key} title={f.hint}>
            <span>{f.label}</span>
            <input
              data-testid={`builder-${f.key}`}
              value={b[f.key]}
              placeholder={f.hint}
              onChange={(e) => store.dispatch({ type: 'lab/setBuilder', patch: { [f.key]: e.target.value } })}
            />
          </label>
        ))}
      </div>
      {suggestions.length > 0 && (
        <div className="suggest" data-testid="dim-suggestions">
          suggested dimensions:{' '}
          {suggestions.map((s) => (
            <button
              key={s.dim}
              className="small"
              title={s.why}
              onClick={() => store.dispatch({ type: 'lab/setBuilder', patch: { dims: String(s.dim) } })}
            >
              {s.dim}
            </button>
          ))}
        </div>
      )}
      <div className="pipeline-strings" data-testid="pipeline-strings">
        {error ? <span className="err">{error}</span> : expanded.map((p) => <code key={p}>{p}</code>)}
      </div>
      <button
        disabled={!!error}
        data-testid="add-to-sweep"
        onClick={() =>
          store.dispatch({
            type: 'lab/setSweepText',
            text: [...sweepText.split('\n').filter((l) => l.trim() !== ''), ...expanded].join('\n'),
          })
        }
      >
        add {expanded.length > 1 ? `${expanded.length} pipelines` : 'pipeline'} to the sweep
      </button>
      <h3>Sweep</h3>
      <textarea
        data-testid="sweep-text"
        rows={5}
        value={sweepText}
        spellCheck={false}
        onChange={(e) => store.dispatch({ type: 'lab/setSweepText', text: e.target.value })}
      />
      <div className="sweep-settings">
        <label>
          k{' '}
          <input
            data-testid="lab-k"
            type="number"
            min={1}
            max={1000}
            value={k}
            onChange={(e) =>
              store.dispatch({ type: 'lab/setSettings', k: Math.max(1, Number(e.target.value) || 1) })
            }
          />
        </label>
        <label>
          queries{' '}
          <select
            data-testid="lab-query-set"
            value={settings.querySet}
            onChange={(e) =>
              store.dispatch({ type: 'lab/setSettings', querySet: e.target.value as QuerySet })
            }
          >
            {QUERY_SETS.map((q) => (
              <option key={q} value={q} disabled={!querySetUsable(q, dataset)}>
                {QUERY_SET_LABELS[q]}
              </option>
            ))}
          </select>
        </label>
        <label title="the metric recall is measured under; the default is guessed from the data">
          metric{' '}
          <select
            data-testid="lab-metric"
            value={settings.metric ?? ''}
            disabled={!dataset}
            onChange={(e) =>
              dataset &&
              store.dispatch({
                type: 'lab/setMetric',
                datasetId: dataset.id,
                metric: e.target.value as Metric,
              })
            }
          >
            {METRICS.map((m) => (
              <option key={m} value={m}>
                {METRIC_LABELS[m]}
                {m === dataset?.metric ? ' (guessed)' : ''}
              </option>
            ))}
          </select>
        </label>
        <label>
          ×{' '}
          <input
            data-testid="lab-max-queries"
            type="number"
            min={1}
            value={settings.maxQueries}
            onChange={(e) =>
              store.dispatch({
                type: 'lab/setSettings',
                maxQueries: Math.max(1, Number(e.target.value) || 1),
              })
            }
          />
        </label>
        <button
          className="active"
          data-testid="run-sweep"
          disabled={running}
          onClick={() => void lab.runSweep()}
        >
          {running ? 'running…' : 'run sweep'}
        </button>
      </div>
    </section>
  );
}

function StudyTable({ rows, active }: { rows: readonly WireStudyRow[]; active: string | null }) {
  const { store } = useAppContext();
  const sort = useApp((s) => s.lab.sort);
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

function Breakdown({ row }: { row: WireStudyRow }) {
  const { store } = useAppContext();
  const columns = useApp((s) => s.columns);
  const clusters = useApp((s) => s.clusters);
  const by = useApp((s) => s.lab.breakdownBy);
  const numericScale = useApp((s) => s.numericScale);
  const options = [
    ...(clusters ? ['cluster'] : []),
    ...columns
      .filter((c) => (c.type === 'category' && c.categories.length <= 500) || c.type === 'number')
      .map((c) => c.name),
  ];
  const chosen = by && options.includes(by) ? by : (options[0] ?? null);
  const groups = useMemo(() => {
    if (!chosen) return [];
    if (chosen === 'cluster' && clusters)
      return recallByGroup(row.neighbourLoss, clusters.labels, clusters.names);
    const col = columns.find((c) => c.name === chosen);
    if (col?.type === 'category') return recallByGroup(row.neighbourLoss, col.codes, col.categories);
    if (col?.type === 'number') {
      const cats = numericCategories(col.values, numericScale[col.name]);
      const { codes, names } = cats ? integerCategoryCodes(col.values, cats) : quantileBins(col.values);
      return recallByGroup(row.neighbourLoss, codes, names);
    }
    return [];
  }, [chosen, clusters, columns, row, numericScale]);
  if (!chosen) return <div className="dim">no cluster or category column to break recall down by</div>;
  const W = 120;
  return (
    <div className="breakdown" data-testid="recall-breakdown">
      <label>
        recall by{' '}
        <select
          value={chosen}
          onChange={(e) => store.dispatch({ type: 'lab/setBreakdownBy', by: e.target.value })}
        >
          {options.map((o) => (
            <option key={o}>{o}</option>
          ))}
        </select>
      </label>
      <table>
        <tbody>
          {groups.slice(0, 40).map((g) => (
            <tr key={g.label} data-testid="breakdown-row">
              <td className="grp">{g.label}</td>
              <td>
                <svg width={W} height={10}>
                  <rect className="bar-bg" width={W} height={10} />
                  <rect className="bar" width={Math.max(0, g.recall) * W} height={10} />
                </svg>
              </td>
              <td>{g.recall.toFixed(3)}</td>
              <td className="dim">{g.points}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Memory({ row }: { row: WireStudyRow }) {
  const { store } = useAppContext();
  const count = useApp((s) => s.lab.memoryCount);
  const m = memoryAtScale(row, count);
  return (
    <div className="memory" data-testid="memory">
      <label>
        vectors in production{' '}
        <input
          data-testid="memory-count"
          type="number"
          min={0}
          value={count}
          onChange={(e) => store.dispatch({ type: 'lab/setMemoryCount', count: Number(e.target.value) })}
        />
      </label>
      <dl className="facts">
        <dt>searched codes</dt>
        <dd>
          {formatBytes(m.vectors)} <span className="dim">({row.primaryBytes} B/vec)</span>
        </dd>
        <dt>re-rank / 2nd level</dt>
        <dd>
          {formatBytes(m.secondary)} <span className="dim">({row.secondaryBytes} B/vec)</span>
        </dd>
        <dt>graph</dt>
        <dd>
          {formatBytes(m.graph)} <span className="dim">({row.graphBytes} B/vec)</span>
        </dd>
        <dt>total RAM</dt>
        <dd data-testid="memory-total" data-bytes={m.total}>
          {formatBytes(m.total)}
        </dd>
      </dl>
    </div>
  );
}

export function LabDock() {
  const { store, session } = useAppContext();
  const lab = useMemo(() => {
    const l = new LabSession(session);
    window.__vecscope = { ...window.__vecscope, lab: l };
    return l;
  }, [session]);
  const open = useApp((s) => s.lab.open);
  const state = useApp((s) => s.lab);
  const ds = useApp((s) => s.dataset);
  const study = state.study && state.study.datasetId === ds?.id ? state.study : null;
  const row = activeRow(state, ds?.id);
  const hover = (p: string | null) => store.dispatch({ type: 'lab/hover', pipeline: p });
  const select = (p: string) => store.dispatch({ type: 'lab/select', pipeline: p });
  const k = study?.k ?? state.k;

  const exportChart = async (which: TradeoffAxis, png: boolean) => {
    if (!study) return;
    const { name, svg } = chartFile(study, which);
    if (png) await saveFile(name.replace(/\.svg$/, '.png'), await svgToPng(svg));
    else await saveFile(name, svg, 'image/svg+xml');
  };
  const exportMap = async () => {
    const canvas = document.querySelector<HTMLCanvasElement>('.map-canvas');
    if (canvas) await saveFile('map.png', await canvasBlob(canvas));
  };

  return (
    <section className={`lab-dock${open ? ' open' : ''}`} data-testid="lab-dock">
      <header className="lab-head">
        <button
          data-testid="lab-toggle"
          className={open ? 'active' : ''}
          onClick={() => store.dispatch({ type: 'lab/toggle' })}
        >
          Compression lab {open ? '▾' : '▴'}
        </button>
        {study && (
          <span className="dim" data-testid="lab-status">
            {study.rows.length} row{study.rows.length === 1 ? '' : 's'}
            {study.running ? ' · running' : ''} · {study.nq} queries ({QUERY_SET_LABELS[study.querySet]}) · k
            = {study.k}
          </span>
        )}
        {open && (
          <label className="lab-opt">
            <input
              type="checkbox"
              checked={state.paintLoss}
              onChange={(e) => store.dispatch({ type: 'lab/setPaintLoss', on: e.target.checked })}
            />{' '}
            paint the map by neighbour loss
          </label>
        )}
      </header>
      {open && (
        <div className="lab-body">
          <Builder lab={lab} />
          <section className="lab-col lab-results">
            <h3>Trade-offs</h3>
            {study && study.rows.length > 0 ? (
              <>
                <div className="charts">
                  <ParetoChart
                    rows={study.rows}
                    x="qps"
                    k={k}
                    active={row?.pipeline ?? null}
                    onHover={hover}
                    onSelect={select}
                  />
                  <ParetoChart
                    rows={study.rows}
                    x="bytes"
                    k={k}
                    active={row?.pipeline ?? null}
                    onHover={hover}
                    onSelect={select}
                  />
                </div>
                <StudyTable rows={study.rows} active={row?.pipeline ?? null} />
                <div className="exports" data-testid="lab-exports">
                  export:{' '}
                  <button
                    className="small"
                    data-testid="export-csv"
                    onClick={() => void saveFile('study.csv', studyRowsToCsv(study.rows), 'text/csv')}
                  >
                    rows CSV
                  </button>
                  <button
                    className="small"
                    data-testid="export-json"
                    onClick={() =>
                      void saveFile('study.json', studyRowsToJson(study.rows), 'application/json')
                    }
                  >
                    rows JSON
                  </button>
                  <button
                    className="small"
                    data-testid="export-svg-qps"
                    onClick={() => void exportChart('qps', false)}
                  >
                    QPS chart SVG
                  </button>
                  <button
                    className="small"
                    data-testid="export-png-qps"
                    onClick={() => void exportChart('qps', true)}
                  >
                    PNG
                  </button>
                  <button
                    className="small"
                    data-testid="export-svg-bytes"
                    onClick={() => void exportChart('bytes', false)}
                  >
                    bytes chart SVG
                  </button>
                  <button
                    className="small"
                    data-testid="export-png-bytes"
                    onClick={() => void exportChart('bytes', true)}
                  >
                    PNG
                  </button>
                  <button className="small" data-testid="export-map" onClick={() => void exportMap()}>
                    map PNG
                  </button>
                </div>
              </>
            ) : (
              <div className="dim">
                {study?.running
                  ? 'the first row is on its way…'
                  : 'run a sweep to see recall against speed and size'}
              </div>
            )}
          </section>
          <section className="lab-col lab-selected" data-testid="lab-selected">
            <h3>
              {row ? (
                <>
                  Selected: <code data-testid="selected-pipeline">{row.pipeline}</code>
                </>
              ) : (
                'Selected pipeline'
              )}
            </h3>
            {row?.error !== undefined ? (
              <div className="err" data-testid="selected-error">
                this pipeline could not be measured: {row.error}
              </div>
            ) : row ? (
              <>
                <Decomposition row={row} k={k} />
                <Memory row={row} />
                <PipelineExports row={row} k={k} />
                <Breakdown row={row} />
              </>
            ) : (
              <div className="dim">click a point in a chart or a row of the table</div>
            )}
          </section>
          <QueryPanel lab={lab} />
        </div>
      )}
    </section>
  );
}
