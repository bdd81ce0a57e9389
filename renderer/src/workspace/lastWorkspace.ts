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
