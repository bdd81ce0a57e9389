import { useState } from 'react';
import {
  selectCompare,
  selectComparePaint,
  selectCompareSideBySide,
  selectDatasetIdOrNull,
} from '../store/selectors.js';
import { useApp, useAppContext } from './context.js';

const fmt = (x: number | null, digits = 3) => (x === null ? '—' : x.toFixed(digits));

/**
 * Compare the open embedding model with a second one of the same rows: how far each row's nearest
 * neighbours agree (painted on the map), linear CKA, the rank correlation of distances, k-NN accuracy
 * against the colour column, and the rows that disagree most (click one to see its neighbours).
 */
export function ComparePanel() {
  const { session, store } = useAppContext();
  const datasetId = useApp(selectDatasetIdOrNull);
  const compare = useApp(selectCompare);
  const paint = useApp(selectComparePaint);
  const sideBySide = useApp(selectCompareSideBySide);
  const [path, setPath] = useState('');
  const [model, setModel] = useState('');
  const [busy, setBusy] = useState(false);
  if (datasetId === null) return null;
  const run = async () => {
    setBusy(true);
    try {
      await session.compareWith(path, undefined, model);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="panel" data-testid="compare-panel">
      <details open={compare !== null}>
        <summary>
          <h2 style={{ display: 'inline' }}>Compare with another model</h2>
        </summary>
        <form
          className="compare-form"
          onSubmit={(e) => {
            e.preventDefault();
            void run();
          }}
        >
          <input
            data-testid="compare-path"
            placeholder="vectors of the same rows (any dimension)"
            value={path}
            onChange={(e) => setPath(e.target.value)}
          />
          <input
            data-testid="compare-text-model"
            placeholder="B a table of texts? its model folder"
            title="when B is a table of texts (this one's own file, to compare two models of the same texts, or another): the folder of the model that embeds it, an ONNX sentence-transformer or a USE-lite copy; empty: the built-in USE-lite"
            value={model}
            onChange={(e) => setModel(e.target.value)}
          />
          <button type="submit" data-testid="compare-run" disabled={busy || path.trim() === ''}>
            {busy ? 'comparing…' : 'compare'}
          </button>
        </form>
        {compare && (
          <div data-testid="compare-result">
            <p className="note">
              model B: {compare.file.split(/[\\/]/).pop()}
              {compare.modelB ? ` embedded by ${compare.modelB.split('#')[0]}` : ''} ({compare.dimB}-d,{' '}
              {compare.metricB}), k = {compare.k}
            </p>
            <table className="figures">
              <tbody>
                <tr>
                  <td title="mean over rows of |A ∩ B| / |A ∪ B| of the exact k nearest neighbours">
                    mean Jaccard
                  </td>
                  <td data-testid="compare-jaccard">{fmt(compare.meanJaccard)}</td>
                </tr>
                <tr>
                  <td title="the share of A's k nearest neighbours among B's">mean overlap</td>
                  <td>{fmt(compare.meanOverlap)}</td>
                </tr>
                <tr>
                  <td title="linear centred kernel alignment of the two models' rows (1: the same up to rotation and scale)">
                    linear CKA
                  </td>
                  <td>{fmt(compare.cka)}</td>
                </tr>
                <tr>
                  <td title="Spearman correlation of the two models' distances over sampled pairs">
                    distance Spearman
                  </td>
                  <td>{fmt(compare.spearman)}</td>
                </tr>
                {compare.labels && (
                  <tr>
                    <td title={`k-NN accuracy against "${compare.labels.column}", model A / model B`}>
                      k-NN accuracy ({compare.labels.column})
                    </td>
                    <td>
                      {fmt(compare.labels.a.knnAccuracy)} / {fmt(compare.labels.b.knnAccuracy)}
                    </td>
                  </tr>
                )}
              </tbody>
            </table>
            <label className="note">
              <input
                type="checkbox"
                checked={paint}
                onChange={(e) => store.dispatch({ type: 'setComparePaint', on: e.target.checked })}
              />{' '}
              paint the map by disagreement
            </label>
            <label className="note">
              <input
                type="checkbox"
                data-testid="compare-side-by-side"
                checked={sideBySide}
                onChange={(e) => store.dispatch({ type: 'setCompareSideBySide', on: e.target.checked })}
              />{' '}
              model B's map beside this one
            </label>
            <p className="note">rows whose neighbours differ most:</p>
            <div className="compare-worst">
              {compare.disagree.slice(0, 12).map((d) => (
                <button
                  key={d.row}
                  className="small"
                  data-testid="compare-worst"
                  title={`A: ${d.a.join(', ')}\nB: ${d.b.join(', ')}`}
                  onClick={() => void session.click(d.row)}
                >
                  row {d.row} · {d.jaccard.toFixed(2)}
                </button>
              ))}
            </div>
          </div>
        )}
      </details>
    </section>
  );
}
