import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { VecscopeBridge } from '../../electron/common/bridge.js';
import { App } from './components/App.js';
import { AppContext, type AppContextValue } from './components/context.js';
import { Session } from './engine/session.js';
import { connectElectron, connectWebSocket } from './rpc/ports.js';
import { createAppStore } from './store/appStore.js';
import { parseWorkspace, type Workspace } from '../../core/common/workspace/workspaceFile.js';
import { autosaveWorkspace } from './workspace/autosave.js';
import { loadLastWorkspace, saveLastWorkspace } from './workspace/lastWorkspace.js';
import { openWorkspaceText, saveWorkspace } from './workspace/workspaceActions.js';
import './styles.css';

declare global {
  interface Window {
    vecscope?: VecscopeBridge;
  }
}

async function boot(): Promise<void> {
  const store = createAppStore();
  const bridge = window.vecscope;
  let session: Session;
  let initialSource: string;
  let workspace: Workspace | undefined;
  let initialMetadata: string | undefined;
  if (bridge) {
    session = new Session(store, () => connectElectron(bridge));
    initialSource = await bridge.initialSource();
    bridge.onMenu((cmd) => {
      if (cmd.type === 'open')
        void session.openChosen(cmd.path).then((ok) => ok && bridge.addRecent(cmd.path));
      else if (cmd.type === 'openSample') void session.open('sample');
      else if (cmd.type === 'view') {
        if (cmd.layout || cmd.dim) session.setLayout(cmd.layout, cmd.dim);
      } else if (cmd.type === 'export') void exportCurrent(store, bridge, cmd.what);
      else if (cmd.type === 'workspace')
        void openWorkspaceText(store, session, cmd.text, cmd.path).then(
          (ok) => ok && bridge.addRecentWorkspace(cmd.path),
        );
      else if (cmd.type === 'saveWorkspace')
        void saveWorkspace(store, session).then((r) => r && bridge.addRecentWorkspace(r.saved));
    });
    // Drag and drop a file onto the window to open it.
    window.addEventListener('dragover', (e) => e.preventDefault());
    window.addEventListener('drop', (e) => {
      e.preventDefault();
      const file = e.dataTransfer?.files[0];
      if (file) {
        const path = bridge.pathForFile(file);
        void session.open(path).then((ok) => ok && bridge.addRecent(path));
      }
    });
  } else {
    // Web mode: the page lives at /<token>/; `config` and `rpc` beside it carry the token with them.
    session = new Session(store, () => connectWebSocket());
    const config = (await fetch('config').then((r) => r.json())) as {
      source: string;
      metadata?: string;
      workspace?: string;
    };
    initialSource = config.source;
    initialMetadata = config.metadata;
    // A reload within this server run (the token is in the path) brings back the last workspace.
    const key = `last:${location.pathname}`;
    // Else the workspace the server was started with (`vecscope web --workspace`).
    const last = await loadLastWorkspace(key);
    const text = last ?? config.workspace ?? null;
    if (text !== null) {
      try {
        workspace = parseWorkspace(text, last !== null ? 'the last session' : 'the workspace file');
      } catch (e) {
        store.dispatch({ type: 'error', message: (e as Error).message });
      }
    }
    autosaveWorkspace(session, (t) => saveLastWorkspace(key, t));
  }
  const ctx: AppContextValue = {
    store,
    session,
    chooseFile: bridge ? () => bridge.openFileDialog() : null,
  };
  window.__vecscope = { ...window.__vecscope, store, session, bootedAt: performance.now() };
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <AppContext.Provider value={ctx}>
        <App />
      </AppContext.Provider>
    </StrictMode>,
  );
  await session.start(initialSource, initialMetadata, workspace);
}

async function exportCurrent(
  store: ReturnType<typeof createAppStore>,
  bridge: VecscopeBridge,
  what: 'selection' | 'layout',
) {
  const s = store.getState();
  if (!s.dataset) return;
  if (what === 'selection') {
    const rows = s.selection ? Array.from(s.selection) : [];
    await bridge.saveFile('selection.json', JSON.stringify({ file: s.dataset.file, rows }));
  } else {
    const layout = s.layouts[`${s.layoutMethod}:${s.layoutDim}`];
    if (!layout) return;
    const lines = ['row,x,y' + (layout.dim === 3 ? ',z' : '')];
    for (let i = 0; i < s.dataset.n; i++) {
      lines.push(
        [i, ...Array.from(layout.positions.subarray(i * layout.dim, (i + 1) * layout.dim))].join(','),
      );
    }
    await bridge.saveFile(`${s.layoutMethod}-${layout.dim}d.csv`, lines.join('\n'));
  }
}

void boot();
