import { useEffect } from 'react';
import { selectBrowser, selectEngineCwd } from '../store/selectors.js';
import { useApp, useAppContext } from './context.js';

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = bytes / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v < 10 ? v.toFixed(1) : Math.round(v)} ${units[u]}`;
}

/**
 * Picks a file on the engine's machine (web mode has no native dialog): the engine lists only what it
 * may open (the files and folders named on the command line), so every file offered here can be chosen.
 */
export function FileBrowser() {
  const { store, session } = useAppContext();
  const browser = useApp(selectBrowser);
  const cwd = useApp(selectEngineCwd);
  const close = () => store.dispatch({ type: 'browserClosed' });

  useEffect(() => {
    if (!browser) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') store.dispatch({ type: 'browserClosed' });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [browser, store]);

  if (!browser) return null;
  const { listing, error } = browser;
  const title = browser.purpose === 'metadata' ? 'Attach metadata' : 'Open a data set';
  return (
    <div className="file-browser-backdrop" onClick={close}>
      <div
        className="file-browser"
        role="dialog"
        aria-label={title}
        data-testid="file-browser"
        onClick={(e) => e.stopPropagation()}
      >
        <header>
          <strong>{title}</strong>
          <button
            type="button"
            data-testid="browser-up"
            disabled={!listing || listing.dir === null}
            title="the folder above (or the list of places the engine may open)"
            onClick={() => void session.browse(listing?.parent ?? undefined)}
          >
            ↑ up
          </button>
          <span className="file-browser-dir" data-testid="browser-dir" title={listing?.dir ?? ''}>
            {listing ? (listing.dir ?? 'places the engine may open') : 'listing…'}
          </span>
          <button type="button" onClick={close} aria-label="close">
            ✕
          </button>
        </header>
        {error && <p className="file-browser-error">{error}</p>}
        {listing && (
          <ul data-testid="browser-entries">
            {listing.entries.length === 0 && (
              <li className="file-browser-empty">
                {listing.dir === null
                  ? 'nothing but the built-in sample (start vecscope web with files or folders to allow more)'
                  : 'empty folder'}
              </li>
            )}
            {listing.entries.map((e) => (
              <li key={e.path}>
                <button
                  type="button"
                  data-testid={`browser-entry-${e.name}`}
                  className={e.kind}
                  title={e.path}
                  onClick={() => void (e.kind === 'dir' ? session.browse(e.path) : session.choose(e.path))}
                >
                  <span>{e.kind === 'dir' ? `📁 ${e.name}/` : e.name}</span>
                  {e.kind === 'file' && <span className="file-size">{formatSize(e.size)}</span>}
                </button>
              </li>
            ))}
          </ul>
        )}
        {listing?.truncated && (
          <p className="file-browser-note">
            only the first {listing.entries.length.toLocaleString('en')} entries are listed; type the path
            instead
          </p>
        )}
        <p className="file-browser-note">
          Paths typed in the path box may start with ~ (the home directory); relative ones start in{' '}
          {cwd || "the engine's working directory"}.
        </p>
      </div>
    </div>
  );
}
