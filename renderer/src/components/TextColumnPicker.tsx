import { useEffect, useState } from 'react';
import type { TextPick } from '../engine/session.js';
import { useAppContext } from './context.js';

/**
 * The embed dialog for a table of texts: which column to embed (asked when there are several, or when
 * the user opened the table), and with which model, the built-in USE-lite or a model folder on the
 * engine's machine (an ONNX sentence-transformer, or a USE-lite copy). The folder typed last is kept.
 */
export function TextColumnPicker() {
  const { session } = useAppContext();
  const [pick, setPick] = useState<TextPick | null>(null);
  const [model, setModel] = useState('');
  useEffect(() => {
    session.onTextPicker = setPick;
    return () => {
      session.onTextPicker = undefined;
    };
  }, [session]);
  if (!pick) return null;
  const name = pick.source.split(/[\\/]/).pop();
  return (
    <div className="file-browser-backdrop">
      <div className="file-browser" role="dialog" data-testid="text-column-picker">
        <header>
          {pick.columns.length > 1 ? 'Which column holds the texts to embed?' : 'Embed the texts'}
        </header>
        <p className="file-browser-note">
          {pick.columns.length > 1
            ? `${name} has several text columns.`
            : `${name}: its column "${pick.columns[0]}" is embedded on this machine, nothing is downloaded.`}
        </p>
        <label className="file-browser-note">
          model{' '}
          <input
            data-testid="text-model"
            placeholder="built-in USE-lite, or a model folder"
            title="leave empty for the built-in Universal Sentence Encoder lite (512-d); or a folder on the engine's machine with an ONNX sentence-transformer (model.onnx or onnx/model.onnx, tokenizer.json, tokenizer_config.json), or a USE-lite copy (model.json, vocab.json)"
            value={model}
            onChange={(e) => setModel(e.target.value)}
          />
        </label>
        <ul>
          {pick.columns.map((c) => (
            <li key={c}>
              <button
                type="button"
                data-testid="text-column"
                onClick={() => {
                  setPick(null);
                  void session.open(pick.source, false, undefined, {
                    textColumn: c,
                    textModel: model,
                    ...(pick.maxRows !== undefined ? { maxRows: pick.maxRows } : {}),
                  });
                }}
              >
                {pick.columns.length > 1 ? c : `embed "${c}"`}
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
