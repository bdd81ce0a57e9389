import { parseWorkspace, workspaceToJson } from '../../../core/common/workspace/workspaceFile.js';
import type { Session } from '../engine/session.js';
import { saveFile } from '../lab/download.js';
import type { AppStore } from '../store/appStore.js';
import { captureWorkspace } from './captureWorkspace.js';

/**
 * Saves the current workspace as `<data file>.vecscope.json`. Resolves to where it went (a path on
 * the desktop, the download's name on the web) with its text, or null when nothing was saved.
 */
export async function saveWorkspace(
  store: AppStore,
  session: Session,
): Promise<{ saved: string; text: string } | null> {
  const s = store.getState();
  if (!s.dataset) return null;
  const fp = await session.fingerprint(s.dataset.id);
  const ws = fp === null ? null : captureWorkspace(store.getState(), fp);
  if (!ws) {
    store.dispatch({ type: 'error', message: 'save workspace: the engine did not answer' });
    return null;
  }
  const stem = (s.dataset.file.split(/[\\/]/).pop() ?? 'data').replace(/\.[^.]*$/, '');
  const text = workspaceToJson(ws);
  const saved = await saveFile(`${stem}.vecscope.json`, text, 'application/json');
  return saved === null ? null : { saved, text };
}

/** Parses a workspace's text and restores it; a bad file is one line in the error banner. */
export async function openWorkspaceText(
  store: AppStore,
  session: Session,
  text: string,
  name: string,
): Promise<boolean> {
  try {
    return await session.restoreWorkspace(parseWorkspace(text, name));
  } catch (e) {
    store.dispatch({ type: 'error', message: (e as Error).message });
    return false;
  }
}
