import { useState } from 'react';
import { neighbourScores } from '../../../core/common/knn/neighbourScore.js';
import type { Result } from '../../../core/common/rpc/protocol.js';
import { selectDataset, selectDatasetMetric } from '../store/selectors.js';
import { useApp, useAppContext } from './context.js';

const K = 10;

/**
 * Semantic search on a data set embedded from text: a typed text is embedded with the same model and
 * its nearest rows are listed here (with their text) and selected on the map.
 */
export function SemanticSearch() {
  const { session } = useAppContext();
  const dataset = useApp(selectDataset);
  const metric = useApp(selectDatasetMetric);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [hits, setHits] = useState<{ r: Result<'semanticSearch'>; texts: string[] } | null>(null);
  const source = dataset?.textSource;
  if (!dataset || !source) return null;
  const run = async () => {
    setBusy(true);
    try {
      const r = await session.semanticSearch(text, K);
      if (!r) return;
      const table = await session.fetchRows(r.ids);
      const col = table ? table.columns.indexOf(source.column) : -1;
      setHits({ r, texts: Array.from(r.ids, (_, i) => (col >= 0 ? (table!.values[i]?.[col] ?? '') : '')) });
    } finally {
      setBusy(false);
    }
  };
  const scores = hits ? neighbourScores(metric ?? 'cos', hits.r.dists) : null;
  return (
    <section className="panel" data-testid="semantic-panel">
      <h2>Semantic search</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void run();
        }}
      >
        <input
          data-testid="semantic-query"
          type="search"
          maxLength={2000}
          placeholder={`a text, embedded like "${source.column}" (${source.model})`}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <button type="submit" data-testid="semantic-go" disabled={busy || text.trim() === ''}>
          {busy ? 'embedding…' : 'find'}
        </button>
      </form>
      {hits && scores && (
        <ol className="semantic-hits" data-testid="semantic-hits">
          {Array.from(hits.r.ids, (id, i) => (
            <li key={id} data-row={id}>
              <button type="button" className="link" onClick={() => void session.click(id)}>
                {id}
              </button>{' '}
              {hits.texts[i]}{' '}
              <span className="dist" title={scores.title}>
                {scores.values[i]!.toPrecision(4)}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
