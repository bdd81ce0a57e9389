import { useApp } from '../components/context.js';
import { selectCompare, selectDatasetIdOrNull } from '../store/selectors.js';
import type { LabSession } from './labSession.js';

/**
 * With a second model compared (ComparePanel), runs the lab's sweep on both, so the charts show which
 * model keeps more recall per byte and per query.
 */
export function ModelBSweep({ lab }: { lab: LabSession }) {
  const datasetId = useApp(selectDatasetIdOrNull);
  const compare = useApp(selectCompare);
  const modelB = useApp((s) => s.lab.modelB);
  if (!compare || compare.datasetId !== datasetId) return null;
  const mine = modelB && modelB.datasetId === datasetId ? modelB : null;
  const name = compare.file.split(/[\\/]/).pop();
  return (
    <div className="model-b-sweep">
      <button
        data-testid="run-model-b"
        disabled={mine?.running === true}
        title="the same pipelines and k on both models, with held-out base rows as the queries of both"
        onClick={() => void lab.runSweepOnBoth()}
      >
        {mine?.running ? `running on ${name}…` : `run on both models (B: ${name})`}
      </button>
      {mine && !mine.running && (
        <span className="dim" data-testid="model-b-status">
          {' '}
          B: {mine.rows.length} pipeline{mine.rows.length === 1 ? '' : 's'} measured (hollow markers, green
          frontier)
        </span>
      )}
    </div>
  );
}
