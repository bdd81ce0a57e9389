import { useState } from 'react';
import type { WireStudyRow } from '../../../core/common/rpc/protocol.js';
import { useApp, useAppContext } from '../components/context.js';
import { selectLabVerified } from '../store/selectors.js';
import type { LabSession } from './labSession.js';

type Engine = 'pglite' | 'postgres' | 'lancedb';

const ENGINE_NAMES: Record<Engine, string> = {
  pglite: 'pgvector (PGlite)',
  postgres: 'pgvector (server)',
  lancedb: 'LanceDB',
};

const fmt = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : '–');

/**
 * "Verify in database": builds the selected pipeline's nearest pgvector or LanceDB index in scratch
 * storage, runs the study's queries there, and sets the database's measured recall beside the lab's;
 * the map then paints the points the database lost.
 */
export function VerifyInDatabase({ lab, row }: { lab: LabSession; row: WireStudyRow }) {
  const [engine, setEngine] = useState<Engine>('pglite');
  const [url, setUrl] = useState('');
  const [busy, setBusy] = useState(false);
  const verified = useApp(selectLabVerified);
  const { store } = useAppContext();
  const mine = verified?.pipeline === row.pipeline ? verified : null;
  const run = async () => {
    setBusy(true);
    try {
      await lab.verify(row.pipeline, engine, url.trim());
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="verify-db" data-testid="verify-db">
      <div className="exports">
        verify in:{' '}
        <select
          value={engine}
          data-testid="verify-engine"
          onChange={(e) => setEngine(e.target.value as Engine)}
        >
          {(Object.keys(ENGINE_NAMES) as Engine[]).map((e) => (
            <option key={e} value={e}>
              {ENGINE_NAMES[e]}
            </option>
          ))}
        </select>
        {engine === 'postgres' && (
          <input
            className="small"
            placeholder="postgres://user@host/db"
            value={url}
            data-testid="verify-url"
            onChange={(e) => setUrl(e.target.value)}
          />
        )}
        <button
          className="small"
          data-testid="verify-run"
          disabled={busy || (engine === 'postgres' && url.trim() === '')}
          title="build the nearest index in scratch storage (your tables are not touched) and run the study's queries there"
          onClick={() => void run()}
        >
          {busy ? 'verifying…' : 'Verify'}
        </button>
      </div>
      {mine && (
        <div data-testid="verify-result">
          <table className="verify-table">
            <tbody>
              <tr>
                <td>recall@{mine.result.k} predicted (lab)</td>
                <td data-testid="verify-predicted">{fmt(row.recall)}</td>
              </tr>
              <tr>
                <td>measured ({mine.result.engine})</td>
                <td data-testid="verify-measured">
                  {fmt(mine.result.recall)} ({mine.result.recall - row.recall >= 0 ? '+' : ''}
                  {(mine.result.recall - row.recall).toFixed(3)})
                </td>
              </tr>
              <tr>
                <td>latency p50 / p95</td>
                <td>
                  {mine.result.latency.p50Ms.toFixed(2)} / {mine.result.latency.p95Ms.toFixed(2)} ms ·{' '}
                  {mine.result.latency.qps.toFixed(0)} q/s
                </td>
              </tr>
            </tbody>
          </table>
          <label>
            <input
              type="checkbox"
              checked={mine.paint}
              data-testid="verify-paint"
              onChange={(e) => store.dispatch({ type: 'lab/paintVerified', on: e.target.checked })}
            />{' '}
            paint the points the database lost
          </label>
          <div className="dim" title={mine.result.notes.join('\n')}>
            {mine.result.scratch}
          </div>
        </div>
      )}
    </div>
  );
}
