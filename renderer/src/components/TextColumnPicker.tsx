import { useEffect, useState } from 'react';
import { useAppContext } from './context.js';

/**
 * Asks which column to embed when a table of texts has several text columns, then opens the table
 * with that column.
 */
export function TextColumnPicker() {
  const { session } = useAppContext();
  const [pick, setPick] = useState<{ source: string; columns: string[] } | null>(null);
  useEffect(() => {
    session.onTextPicker = setPick;
    return () => {
      session.onTextPicker = undefined;
    };
  }, [session]);
  if (!pick) return null;
  return (
    <div className="file-browser-backdrop">
      <div className="file-browser" role="dialog" data-testid="text-column-picker">
        <header>Which column holds the texts to embed?</header>
        <p className="file-browser-note">{pick.source.split(/[\\/]/).pop()} has several text columns.</p>
        <ul>
          {pick.columns.map((c) => (
            <li key={c}>
              <button
                type="button"
                data-testid="text-column"
                onClick={() => {
                  setPick(null);
                  void session.open(pick.source, false, undefined, c);
                }}
              >
                {c}
              </button>
            </li>
          ))}
        </ul>
        <button type="button" onClick={() => setPick(null)}>
          cancel
        </button>
      </div>
    </div>
  );
}
