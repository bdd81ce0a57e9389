import { useRef } from 'react';
import { parseWorkspace, workspaceToJson } from '../../../core/common/workspace/workspaceFile.js';
import { saveFile } from '../lab/download.js';
import { selectDatasetIdOrNull } from '../store/selectors.js';
import { captureWorkspace } from '../workspace/captureWorkspace.js';
import { useApp, useAppContext } from './context.js';

/** Save the workspace as a `.vecscope.json` file, and open one (restoring its data set and view). */
export function WorkspaceButtons() {
  const { store, session } = useAppContext();
  const datasetId = useApp(selectDatasetIdOrNull);
  const input = useRef<HTMLInputElement>(null);
  const save = async () => {
    const s = store.getState();
    if (!s.dataset) return;
    const fp = await session.fingerprint(s.dataset.id);
    const ws = fp === null ? null : captureWorkspace(store.getState(), fp);
    if (!ws) {
      store.dispatch({ type: 'error', message: 'save workspace: the engine did not answer' });
      return;
    }
    const stem = (s.dataset.file.split(/[\\/]/).pop() ?? 'data').replace(/\.[^.]*$/, '');
    await saveFile(`${stem}.vecscope.json`, workspaceToJson(ws), 'application/json');
  };
  const open = async (file: File) => {
    try {
      const ws = parseWorkspace(await file.text(), file.name);
      await session.restoreWorkspace(ws);
    } catch (e) {
      store.dispatch({ type: 'error', message: (e as Error).message });
    }
  };
  return (
    <div className="group" role="group" aria-label="workspace">
      <button data-testid="save-workspace" disabled={datasetId === null} onClick={() => void save()}>
        Save workspace
      </button>
      <button data-testid="open-workspace" onClick={() => input.current?.click()}>
        Open workspace…
      </button>
      <input
        ref={input}
        data-testid="open-workspace-file"
        type="file"
        accept=".json,application/json"
        hidden
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (f) void open(f);
        }}
      />
    </div>
  );
}
