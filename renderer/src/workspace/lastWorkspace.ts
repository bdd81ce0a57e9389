// The last workspace of a web-mode page, kept in the browser's IndexedDB (a study's arrays outgrow
// localStorage), so that a reload brings back the file, maps, clusters, selection and lab.

const DB = 'vecscope';
const STORE = 'workspaces';

function openDb(): Promise<IDBDatabase> {
  return new Promise((ok, fail) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => ok(req.result);
    req.onerror = () => fail(req.error ?? new Error('IndexedDB unavailable'));
  });
}

async function withStore<T>(mode: IDBTransactionMode, run: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await openDb();
  try {
    return await new Promise<T>((ok, fail) => {
      const req = run(db.transaction(STORE, mode).objectStore(STORE));
      req.onsuccess = () => ok(req.result);
      req.onerror = () => fail(req.error ?? new Error('IndexedDB request failed'));
    });
  } finally {
    db.close();
  }
}

/** The workspace text saved under `key`, or null (none, or no IndexedDB in this browser). */
export async function loadLastWorkspace(key: string): Promise<string | null> {
  try {
    const v = await withStore<unknown>('readonly', (s) => s.get(key));
    return typeof v === 'string' ? v : null;
  } catch {
    return null;
  }
}

export async function saveLastWorkspace(key: string, text: string): Promise<void> {
  await withStore('readwrite', (s) => s.put(text, key));
}

/** A workspace the user saved or opened in web mode, for the "recent" list. */
export interface RecentWorkspace {
  name: string;
  at: number;
  text: string;
}

const RECENT_KEY = 'recent-workspaces';
const MAX_RECENT = 5;
// A study's arrays can make a workspace large; past this one is not worth keeping a second copy of.
const MAX_RECENT_CHARS = 64 * 1024 * 1024;

/** Recent workspaces, newest first (empty without IndexedDB). */
export async function loadRecentWorkspaces(): Promise<RecentWorkspace[]> {
  try {
    const v = await withStore<unknown>('readonly', (s) => s.get(RECENT_KEY));
    if (!Array.isArray(v)) return [];
    return v.filter(
      (r): r is RecentWorkspace =>
        typeof r === 'object' &&
        r !== null &&
        typeof (r as RecentWorkspace).name === 'string' &&
        typeof (r as RecentWorkspace).at === 'number' &&
        typeof (r as RecentWorkspace).text === 'string',
    );
  } catch {
    return [];
  }
}

/** Puts a workspace first in the recent list (same name replaced), keeping the newest few. */
export async function rememberWorkspace(name: string, text: string): Promise<RecentWorkspace[]> {
  const list = (await loadRecentWorkspaces()).filter((r) => r.name !== name);
  if (text.length <= MAX_RECENT_CHARS) list.unshift({ name, at: Date.now(), text });
  const kept = list.slice(0, MAX_RECENT);
  try {
    await withStore('readwrite', (s) => s.put(kept, RECENT_KEY));
  } catch {
    // No IndexedDB (private window): the list simply stays empty.
  }
  return kept;
}
