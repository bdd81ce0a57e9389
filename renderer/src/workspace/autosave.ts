import { workspaceToJson } from '../../../core/common/workspace/workspaceFile.js';
import type { Session } from '../engine/session.js';
import type { AppState } from '../store/state.js';
import { captureWorkspace } from './captureWorkspace.js';

/** The parts of the state a workspace holds: a change in any of them (by reference) is worth saving. */
const watched = (s: AppState) => [
  s.source,
  s.dataset,
  s.layouts,
  s.layoutMethod,
  s.layoutDim,
  s.mapParams,
  s.colorBy,
  s.numericScale,
  s.clusters,
  s.pointSize,
  s.opacity,
  s.searchText,
  s.filter.applied,
  s.selection,
  s.lab.open,
  s.lab.sweepText,
  s.lab.k,
  s.lab.querySet,
  s.lab.maxQueries,
  s.lab.metric,
  s.lab.selected,
  s.lab.study,
];

/**
 * Saves the workspace through `save` a moment after the state it holds last changed (a burst of
 * changes, such as a map streaming in, saves once). Returns the unsubscribe function.
 */
export function autosaveWorkspace(
  session: Session,
  save: (text: string) => Promise<void>,
  delayMs = 1000,
): () => void {
  let last = watched(session.store.getState());
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = async () => {
    const s = session.store.getState();
    if (!s.dataset) return;
    const fp = await session.fingerprint(s.dataset.id);
    const now = session.store.getState();
    if (fp === null || now.dataset?.id !== s.dataset.id) return;
    const ws = captureWorkspace(now, fp);
    if (ws) await save(workspaceToJson(ws)).catch(() => undefined);
  };
  const unsubscribe = session.store.subscribe((s) => {
    const next = watched(s);
    if (next.every((v, i) => v === last[i])) return;
    last = next;
    clearTimeout(timer);
    timer = setTimeout(() => void flush(), delayMs);
  });
  return () => {
    clearTimeout(timer);
    unsubscribe();
  };
}
