import { useRef, useState } from 'react';
import type { Result } from '../../../core/common/rpc/protocol.js';
import { useApp, useAppContext } from '../components/context.js';
import { selectDataset, selectLabK, selectStudyRunning } from '../store/selectors.js';
import { runRecommendation, type RecommendAsk, type TrialLine } from './recommendSession.js';
import './recommend.css';

type Answer = Result<'recommend'>;

const f3 = (x: number) => x.toFixed(3);

/** A positive number typed in a field, or undefined when it is empty or not one. */
function positive(text: string): number | undefined {
  const x = Number(text.trim());
  return text.trim() !== '' && x > 0 ? x : undefined;
}

/**
 * The lab's "recommend" panel: a recall target, a budget (bytes per vector, or RAM at a production
 * count) and an optional q/s floor; runs the recommendation as a job whose searched pipelines stream
 * into the study table and charts, and shows the answer: the pipeline with its interval, the runner-up,
 * why the rest lost, each engine's configuration and the recall predicted at the production count.
 */
export function RecommendPanel() {
  const { session } = useAppContext();
  const dataset = useApp(selectDataset);
  const k = useApp(selectLabK);
  const studyRunning = useApp(selectStudyRunning);
  const [target, setTarget] = useState('0.9');
  const [mode, setMode] = useState<'bytes' | 'ram'>('bytes');
  const [maxBytes, setMaxBytes] = useState('64');
  const [maxRamGiB, setMaxRamGiB] = useState('8');
  const [productionN, setProductionN] = useState('');
  const [minQps, setMinQps] = useState('');
  const [trials, setTrials] = useState<TrialLine[]>([]);
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [running, setRunning] = useState(false);
  const cancel = useRef<(() => void) | null>(null);

  const t = positive(target);
  const prodN = positive(productionN);
  const ask: RecommendAsk | string =
    t === undefined || t > 1
      ? 'the target recall must be in (0, 1]'
      : mode === 'bytes'
        ? positive(maxBytes) === undefined
          ? 'give the bytes per vector'
          : {
              targetRecall: t,
              budget: { kind: 'bytes', maxBytes: positive(maxBytes)! },
              ...(prodN !== undefined ? { productionN: Math.round(prodN) } : {}),
              ...(positive(minQps) !== undefined ? { minQps: positive(minQps)! } : {}),
            }
        : positive(maxRamGiB) === undefined || prodN === undefined
          ? 'give the RAM and the production vector count'
          : {
              targetRecall: t,
              budget: { kind: 'ram', maxRam: positive(maxRamGiB)! * 2 ** 30, productionN: Math.round(prodN) },
              ...(positive(minQps) !== undefined ? { minQps: positive(minQps)! } : {}),
            };

  const run = async () => {
    if (typeof ask === 'string') return;
    setTrials([]);
    setAnswer(null);
    setRunning(true);
    try {
      const r = await runRecommendation(
        session,
        ask,
        (line) => setTrials((l) => [...l, line]),
        (c) => (cancel.current = c),
      );
      setAnswer(r ?? null);
    } finally {
      cancel.current = null;
      setRunning(false);
    }
  };

  return (
    <section className="lab-col lab-recommend" data-testid="recommend-panel">
      <h3>Recommend</h3>
      <div className="recommend-form">
        <label title="the recall@k the pipeline must reach on the lab's queries (k and the queries are the sweep's)">
          recall@{k} ≥
          <input data-testid="recommend-target" value={target} onChange={(e) => setTarget(e.target.value)} />
        </label>
        <label>
          budget
          <select
            data-testid="recommend-budget-kind"
            value={mode}
            onChange={(e) => setMode(e.target.value as 'bytes' | 'ram')}
          >
            <option value="bytes">bytes per vector (codes in RAM)</option>
            <option value="ram">RAM at a production count (codes and graph)</option>
          </select>
        </label>
        {mode === 'bytes' ? (
          <label>
            max bytes / vector
            <input
              data-testid="recommend-max-bytes"
              value={maxBytes}
              onChange={(e) => setMaxBytes(e.target.value)}
            />
          </label>
        ) : (
          <label>
            max RAM (GiB)
            <input
              data-testid="recommend-max-ram"
              value={maxRamGiB}
              onChange={(e) => setMaxRamGiB(e.target.value)}
            />
          </label>
        )}
        <label title="recall is predicted at this many vectors (default: the data set's own)">
          production vectors
          <input
            data-testid="recommend-production-n"
            value={productionN}
            placeholder={dataset ? String(dataset.n) : ''}
            onChange={(e) => setProductionN(e.target.value)}
          />
        </label>
        <label title="single-thread queries per second (optional)">
          min q/s
          <input data-testid="recommend-min-qps" value={minQps} onChange={(e) => setMinQps(e.target.value)} />
        </label>
      </div>
      {typeof ask === 'string' && <div className="err">{ask}</div>}
      <div className="recommend-run">
        <button
          className="active"
          data-testid="recommend-run"
          disabled={!dataset || running || studyRunning || typeof ask === 'string'}
          onClick={() => void run()}
        >
          {running ? 'searching…' : 'recommend'}
        </button>
        {running && (
          <button data-testid="recommend-cancel" onClick={() => cancel.current?.()}>
            cancel
          </button>
        )}
      </div>
      {trials.length > 0 && (
        <ol className="recommend-trials" data-testid="recommend-trials">
          {trials.map((l, i) => (
            <li key={i} className={l.error !== undefined ? 'err' : ''}>
              <span className="stage">{l.stage}</span> <code>{l.pipeline}</code>{' '}
              {l.error ?? (l.recall === null ? '' : f3(l.recall))}
              {l.stage !== 'search' && (
                <span className="note"> ({l.stage === 'screen' ? `${l.nq} queries` : `n = ${l.n}`})</span>
              )}
            </li>
          ))}
        </ol>
      )}
      {answer && <RecommendAnswer a={answer} />}
    </section>
  );
}

function RecommendAnswer({ a }: { a: Answer }) {
  return (
    <div className="recommend-answer" data-testid="recommend-answer">
      <div>
        <code data-testid="recommend-pipeline">{a.pipeline}</code>
      </div>
      <div>
        recall@{a.k} {f3(a.recall)} [{f3(a.recallLow)}, {f3(a.recallHigh)}] · {a.primaryBytes} B/vector in RAM
        {a.graphBytes > 0 ? ` + ${a.graphBytes} B graph` : ''}
        {a.bytesPerVector > a.primaryBytes
          ? ` · ${a.bytesPerVector - a.primaryBytes} B re-ranking vectors (slower storage)`
          : ''}{' '}
        · {a.qps.toFixed(0)} q/s
      </div>
      <div data-testid="recommend-trial-count">
        {a.trials} trials; the full grid holds {a.gridSize}
      </div>
      <div>
        runner-up:{' '}
        {a.runnerUp ? (
          <>
            <code>{a.runnerUp.pipeline}</code> {f3(a.runnerUp.recall)}, {a.runnerUp.primaryBytes} B,{' '}
            {a.runnerUp.qps.toFixed(0)} q/s
          </>
        ) : (
          'none'
        )}
      </div>
      {a.trend && <TrendChart trend={a.trend} />}
      {a.rejected.length > 0 && (
        <details data-testid="recommend-rejected">
          <summary>why the others lost ({a.rejected.length})</summary>
          <ul>
            {a.rejected.map((r, i) => (
              <li key={i}>
                <code>{r.pipeline}</code> {r.verdict}
                {r.loss ? ` (mostly ${r.loss})` : ''}: {r.detail}
              </li>
            ))}
          </ul>
        </details>
      )}
      <details data-testid="recommend-exports">
        <summary>exports</summary>
        {a.exports.map((e) => (
          <div key={e.target}>
            <b>{e.target}</b>: {e.error ?? <pre>{e.json}</pre>}
          </div>
        ))}
      </details>
    </div>
  );
}

/** Recall at 1/8 … 1 of the base (with intervals), the fitted a + b·ln n, and the prediction. */
function TrendChart({ trend }: { trend: NonNullable<Answer['trend']> }) {
  const { points, fit } = trend;
  const W = 260;
  const H = 110;
  const xs = [...points.map((p) => Math.log(p.n)), Math.log(fit.at)];
  const ys = [...points.flatMap((p) => [p.low, p.high]), fit.low, fit.high];
  const [x0, x1] = [Math.min(...xs), Math.max(...xs) + 1e-9];
  const [y0, y1] = [Math.max(0, Math.min(...ys) - 0.01), Math.min(1, Math.max(...ys) + 0.01)];
  const X = (n: number) => 30 + ((Math.log(n) - x0) / (x1 - x0)) * (W - 40);
  const Y = (r: number) => H - 15 - ((r - y0) / (y1 - y0)) * (H - 25);
  const last = points[points.length - 1]!;
  return (
    <div data-testid="recommend-trend">
      <svg width={W} height={H} className="recommend-trend">
        <text x={2} y={10}>
          {f3(y1)}
        </text>
        <text x={2} y={H - 15}>
          {f3(y0)}
        </text>
        <line x1={X(last.n)} y1={Y(last.recall)} x2={X(fit.at)} y2={Y(fit.predicted)} className="fit" />
        {points.map((p) => (
          <g key={p.n}>
            <line x1={X(p.n)} x2={X(p.n)} y1={Y(p.low)} y2={Y(p.high)} className="bar" />
            <circle cx={X(p.n)} cy={Y(p.recall)} r={3} className="measured" />
          </g>
        ))}
        <line x1={X(fit.at)} x2={X(fit.at)} y1={Y(fit.low)} y2={Y(fit.high)} className="bar predicted" />
        <circle cx={X(fit.at)} cy={Y(fit.predicted)} r={3.5} className="predicted" />
        <text x={30} y={H - 2}>
          n: {points.map((p) => p.n).join(', ')} → {fit.at}
        </text>
      </svg>
      <div>
        predicted at {fit.at.toLocaleString()} vectors: {f3(fit.predicted)} [{f3(fit.low)}, {f3(fit.high)}]
        {fit.weak.length > 0 && <div className="warn">weak extrapolation: {fit.weak.join('; ')}</div>}
      </div>
    </div>
  );
}
