import { useMemo } from 'react';
import { QUERY_SETS, type QuerySet } from '../../../core/common/rpc/protocol.js';
import { METRICS, type Metric } from '../../../core/common/types.js';
import { useApp, useAppContext } from '../components/context.js';
import { expandBuilder, suggestDims } from './builder.js';
import type { LabSession } from './labSession.js';
import { QueryFilePicker } from './QueryFilePicker.js';
import { type BuilderFields } from './labState.js';
import { QUERY_SET_LABELS, effectiveMetric, effectiveQuerySet, querySetUsable } from './querySets.js';
import {
  selectDataset,
  selectIntrinsic,
  selectLabBuilder,
  selectLabK,
  selectLabMaxQueries,
  selectLabMetric,
  selectLabQueryFile,
  selectLabQuerySet,
  selectLabSweepText,
  selectStudyRunning,
  selectLabSelectivitySweep,
  selectFilter,
} from '../store/selectors.js';

const METRIC_LABELS: Record<Metric, string> = {
  ip: 'inner product',
  l2: 'Euclidean (l2)',
  cos: 'cosine',
};

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

export function StudyBuilder({ lab }: { lab: LabSession }) {
  const { store } = useAppContext();
  const b = useApp(selectLabBuilder);
  const sweepText = useApp(selectLabSweepText);
  const k = useApp(selectLabK);
  const dataset = useApp(selectDataset);
  const chosenMetric = useApp(selectLabMetric);
  const chosenQuerySet = useApp(selectLabQuerySet);
  const maxQueries = useApp(selectLabMaxQueries);
  const hasQueryFile = useApp(selectLabQueryFile) !== null;
  // What a sweep will use: never a query set this data set lacks, the metric guessed unless chosen.
  const settings = {
    querySet: effectiveQuerySet(chosenQuerySet, dataset, hasQueryFile),
    maxQueries,
    metric: effectiveMetric(chosenMetric, dataset),
  };
  const running = useApp(selectStudyRunning);
  const selectivitySweep = useApp(selectLabSelectivitySweep);
  const filter = useApp(selectFilter).applied;
  const intrinsic = useApp(selectIntrinsic);
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
      <QueryFilePicker lab={lab} />
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
              <option key={q} value={q} disabled={!querySetUsable(q, dataset, hasQueryFile)}>
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
        <label title="also measure recall under hashed subsets of 100 %, 10 %, 1 % and 0.1 % of the rows, pre-filter and in-graph">
          <input
            data-testid="lab-selectivity-sweep"
            type="checkbox"
            checked={selectivitySweep}
            onChange={(e) => store.dispatch({ type: 'lab/setSelectivitySweep', on: e.target.checked })}
          />{' '}
          selectivity sweep
        </label>
        {filter && (
          <span
            className="dim"
            data-testid="lab-filter"
            title="the explorer's filter: each pipeline is also measured under it"
          >
            filter: {filter.predicate.length > 40 ? `${filter.predicate.slice(0, 39)}…` : filter.predicate}
          </span>
        )}
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
