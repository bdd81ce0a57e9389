import { useApp, useAppContext } from './context.js';
import { selectJobs } from '../store/selectors.js';

function eta(ms: number | null): string {
  if (ms === null) return '';
  return ms < 1000 ? '<1 s left' : `${Math.round(ms / 1000)} s left`;
}

export function JobPanel() {
  const { store, session } = useAppContext();
  const jobs = useApp(selectJobs);
  if (jobs.length === 0) return null;
  return (
    <section className="panel jobs" data-testid="job-panel">
      <h2>
        Jobs
        <button className="small" onClick={() => store.dispatch({ type: 'clearFinishedJobs' })}>
          clear
        </button>
      </h2>
      {jobs.map((j) => (
        <div
          key={j.id}
          className={`job job-${j.status}`}
          data-testid="job"
          data-status={j.status}
          data-label={j.label}
        >
          <div className="job-head">
            <span>{j.label}</span>
            {j.status === 'running' ? (
              <button className="small" data-testid="job-cancel" onClick={() => session.cancelJob(j.id)}>
                cancel
              </button>
            ) : (
              <span className="job-status">{j.status}</span>
            )}
          </div>
          <progress max={1} value={j.fraction} data-testid="job-progress" />
          <div className="job-stage">{j.status === 'failed' ? j.error : `${j.stage} ${eta(j.etaMs)}`}</div>
        </div>
      ))}
    </section>
  );
}
