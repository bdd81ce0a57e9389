import { useEffect } from 'react';
import { MAP_PAINT_LIMIT } from '../../../core/common/rpc/protocol.js';
import { useApp, useAppContext } from './context.js';
import {
  selectColoringLabels,
  selectColoringSource,
  selectDatasetIdOrNull,
  selectFinalPositions,
  selectLayoutDim,
  selectLayoutMethod,
  selectMapPaintPending,
  selectMapPaintPositions,
  selectRowCount,
  selectShownMapQuality,
} from '../store/selectors.js';

const METHOD_NAMES = { pca: 'PCA', umap: 'UMAP', tsne: 't-SNE' } as const;

/** A 0–1 figure with a bar, so a glance says "good" or "torn" before the digits do. */
function Figure({
  label,
  value,
  help,
  testId,
}: {
  label: string;
  value: number;
  help: string;
  testId: string;
}) {
  const pct = Math.max(0, Math.min(1, value));
  return (
    <>
      <dt title={help}>{label}</dt>
      <dd data-testid={testId}>
        <span className="quality-bar" aria-hidden="true">
          <span style={{ width: `${(pct * 100).toFixed(1)}%` }} />
        </span>{' '}
        {value.toFixed(3)}
      </dd>
    </>
  );
}

/**
 * How faithful the map on screen is to the vectors: trustworthiness (are map neighbours true
 * neighbours?), continuity (do true neighbours stay together?), the share of 10-NN kept, and the hit
 * rate of the colouring when it is a category or the clusters. Asked of the engine once the layout is
 * final.
 */
export function MapFaithfulness() {
  const { session, store } = useAppContext();
  const paintPositions = useApp(selectMapPaintPositions);
  const pending = useApp(selectMapPaintPending);
  const datasetId = useApp(selectDatasetIdOrNull);
  const n = useApp(selectRowCount);
  const method = useApp(selectLayoutMethod);
  const dim = useApp(selectLayoutDim);
  const positions = useApp(selectFinalPositions);
  const labels = useApp(selectColoringLabels);
  const source = useApp(selectColoringSource);
  const q = useApp(selectShownMapQuality);

  useEffect(() => {
    if (datasetId === null || !positions || positions.length !== n * dim) return;
    void session.measureMap({
      positions,
      dim,
      source,
      labels,
      label: `faithfulness of the ${METHOD_NAMES[method]} map`,
    });
    // labels follow `source` and the method follows `positions`.
  }, [datasetId, n, positions, source, dim, labels, method, session]);

  const painted = paintPositions !== null && positions !== undefined && paintPositions === positions;
  const painting = pending !== null;
  const canPaint = datasetId !== null && n <= MAP_PAINT_LIMIT && positions !== undefined;
  const togglePaint = (on: boolean): void => {
    if (!on || !positions) {
      store.dispatch({ type: 'setMapPaint', paint: null });
      return;
    }
    void session.paintMapLoss({
      positions,
      dim,
      label: `neighbours lost by the ${METHOD_NAMES[method]} map`,
    });
  };

  if (datasetId === null) return null;
  return (
    <div className="faithfulness" data-testid="map-faithfulness">
      <h3>
        {METHOD_NAMES[method]} {dim}-D map: faithfulness
      </h3>
      {!positions && <p className="muted">waiting for the map…</p>}
      {positions && !q && <p className="muted">measuring…</p>}
      {q && (
        <>
          <dl className="facts">
            <Figure
              label="trustworthiness"
              value={q.trustworthiness10}
              testId="trustworthiness"
              help="k = 10: are a point's map neighbours also near it in the full space? 1 = no false neighbours; a random map scores about 0.5."
            />
            <Figure
              label="continuity"
              value={q.continuity10}
              testId="continuity"
              help="k = 10: do a point's true neighbours stay near it on the map? 1 = no neighbourhood is torn apart."
            />
            <Figure
              label="10-NN kept"
              value={q.knnPreservation10}
              testId="knn-kept"
              help="Share of each point's 10 exact nearest neighbours that are also its 10 nearest on the map."
            />
            {q.neighbourhoodHit10 !== undefined && source && (
              <Figure
                label={`hit rate: ${source}`}
                value={q.neighbourhoodHit10}
                testId="neighbourhood-hit"
                help="Share of each point's 10 map neighbours with the same value of the colouring category."
              />
            )}
          </dl>
          <p className="muted">
            exact ranks in both spaces for {q.evaluated.toLocaleString('en')} of {n.toLocaleString('en')}{' '}
            points
          </p>
          <label
            className="paint-toggle"
            title={
              canPaint
                ? 'Colour every point by the share of its 10 exact nearest neighbours that are not its 10 nearest on the map: where the map tears neighbourhoods apart.'
                : `Up to ${MAP_PAINT_LIMIT.toLocaleString('en')} points (an exact 10-NN graph of every point).`
            }
          >
            <input
              type="checkbox"
              data-testid="paint-lost"
              checked={painted || painting}
              disabled={!canPaint || painting}
              onChange={(e) => togglePaint(e.target.checked)}
            />{' '}
            {painting ? 'measuring every point…' : 'paint neighbours lost on the map'}
          </label>
        </>
      )}
    </div>
  );
}
