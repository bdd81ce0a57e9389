import { useEffect, useRef, useState } from 'react';
import { selectDatasetIdOrNull } from '../store/selectors.js';
import { loadRecentWorkspaces, rememberWorkspace, type RecentWorkspace } from '../workspace/lastWorkspace.js';
import { openWorkspaceText, saveWorkspace } from '../workspace/workspaceActions.js';
import { useApp, useAppContext } from './context.js';

/**
 * Save the workspace as a `.vecscope.json` file, open one (restoring its data set and view), and, in
 * web mode, reopen a recent one (the desktop app lists those under File > Open Recent Workspace).
 */
export function WorkspaceButtons() {
  const { store, session } = useAppContext();
  const datasetId = useApp(selectDatasetIdOrNull);
  const input = useRef<HTMLInputElement>(null);
  const desktop = window.vecscope;
  const [recent, setRecent] = useState<RecentWorkspace[]>([]);
  useEffect(() => {
    if (!desktop) void loadRecentWorkspaces().then(setRecent);
  }, [desktop]);
  const remember = async (name: string, text: string) => {
    if (desktop) desktop.addRecentWorkspace(name);
    else setRecent(await rememberWorkspace(name, text));
  };
  const save = async () => {
    const r = await saveWorkspace(store, session);
    if (r) await remember(r.saved, r.text);
  };
  const open = async (name: string, text: string) => {
    if (await openWorkspaceText(store, session, text, name)) await remember(name, text);
  };
  return (
    <div className="group" role="group" aria-label="workspace">
      <button data-testid="save-workspace" disabled={datasetId === null} onClick={() => void save()}>
        Save workspace
      </button>
      <button data-testid="open-workspace" onClick={() => input.current?.click()}>
        Open workspace…
      </button>
      {!desktop && recent.length > 0 && (
        <select
          data-testid="recent-workspaces"
          aria-label="recent workspaces"
          value=""
          onChange={(e) => {
            const r = recent.find((w) => w.name === e.target.value);
            if (r) void open(r.name, r.text);
          }}
        >
          <option value="">Recent…</option>
          {recent.map((r) => (
            <option key={r.name} value={r.name} title={new Date(r.at).toLocaleString()}>
              {r.name}
            </option>
          ))}
        </select>
      )}
      <input
        ref={input}
        data-testid="open-workspace-file"
        type="file"
        accept=".json,application/json"
        hidden
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (f) void f.text().then((text) => open(f.name, text));
        }}
      />
    </div>
  );
}
