import { useState } from 'react';
import { useApp } from '../components/context.js';
import { selectDatasetIdOrNull, selectLabQueryFile } from '../store/selectors.js';
import type { LabSession } from './labSession.js';

/**
 * The user's own queries for the lab: a query file (any vector format, its metadata naming the
 * queries; for a data set embedded from text, a .txt/.csv of query texts, embedded with the same model), and optionally a second file of learning queries for LeanVec-OOD (else it learns from the
 * file's rows after the evaluated ones).
 */
export function QueryFilePicker({ lab }: { lab: LabSession }) {
  const datasetId = useApp(selectDatasetIdOrNull);
  const attached = useApp(selectLabQueryFile);
  const [path, setPath] = useState('');
  const [learnPath, setLearnPath] = useState('');
  const [busy, setBusy] = useState(false);
  const attach = async () => {
    setBusy(true);
    try {
      await lab.attachQueries(path, learnPath);
    } finally {
      setBusy(false);
    }
  };
  return (
    <details className="query-file" open={attached !== null}>
      <summary>your own queries</summary>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void attach();
        }}
      >
        <input
          data-testid="query-file-path"
          placeholder="query file (any vector format; texts if the data set was)"
          title="a path on the engine's machine; ~ is your home folder"
          value={path}
          onChange={(e) => setPath(e.target.value)}
        />
        <input
          data-testid="learn-file-path"
          placeholder="learning queries for LeanVec-OOD (optional)"
          value={learnPath}
          onChange={(e) => setLearnPath(e.target.value)}
        />
        <button
          type="submit"
          data-testid="attach-queries"
          disabled={!datasetId || busy || path.trim() === ''}
        >
          {busy ? 'reading…' : 'use as queries'}
        </button>
      </form>
      {attached && (
        <p className="dim" data-testid="query-file-status">
          {attached.n.toLocaleString('en')} queries from {attached.file.split(/[\\/]/).pop()}
          {attached.labelColumn ? `, named by "${attached.labelColumn}"` : ''}
          {attached.learnN > 0
            ? `; LeanVec-OOD learns from ${attached.learnN.toLocaleString('en')} others`
            : '; LeanVec-OOD learns from the rows after the evaluated ones'}
        </p>
      )}
    </details>
  );
}
