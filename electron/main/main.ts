// Electron main: one window with secure defaults, native menus and dialogs, the engine host as a
// utilityProcess connected to the renderer by a MessagePort, window state and recent files remembered.
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  MessageChannelMain,
  protocol,
  session,
  utilityProcess,
  type IpcMainEvent,
  type IpcMainInvokeEvent,
  type MenuItemConstructorOptions,
  type UtilityProcess,
} from 'electron';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { APP_INDEX_URL, APP_SCHEME, isAppPage } from '../common/appOrigin.js';
import { CHANNELS, type MenuCommand } from '../common/bridge.js';
import { CONTENT_SECURITY_POLICY, serveAppAsset } from './appProtocol.js';
import { saveErrorMessage, writeFileAtomic } from './atomicWrite.js';
import { menuTemplate } from './menuTemplate.js';
import { asarUnpackedPath } from './packaging.js';
import { pushRecent, recentFromJson } from './recentList.js';
import { isAllowedRequest } from './requestPolicy.js';

const here = dirname(fileURLToPath(import.meta.url));
// dist/electron/main -> repository (or app.asar) root.
const root = resolve(here, '../../..');
/** The only folder app:// serves. */
const rendererRoot = join(root, 'renderer/dist');
// The engine host and its workers run from app.asar.unpacked in a package (see packaging.ts).
const hostEntry = asarUnpackedPath(join(root, 'dist/core/node/host/transports/utilityProcessEntry.js'));
const preload = join(root, 'dist/electron/preload/preload.cjs');

// Before ready: a standard, secure scheme gives the page a real origin (app://vecscope), so CSP
// 'self', module scripts (CORS) and postMessage's target origin all name exactly our files.
protocol.registerSchemesAsPrivileged([
  {
    scheme: APP_SCHEME,
    privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true },
  },
]);

const VECTOR_FILTERS = [
  {
    name: 'Vectors',
    extensions: [
      'npy',
      'fvecs',
      'ivecs',
      'bvecs',
      'fbin',
      'ibin',
      'u8bin',
      'hdf5',
      'h5',
      'parquet',
      'arrow',
      'csv',
      'tsv',
      'jsonl',
    ],
  },
  // A table of texts is embedded on open (core/node/text).
  { name: 'Texts', extensions: ['txt', 'csv', 'tsv', 'jsonl', 'parquet'] },
  { name: 'All files', extensions: ['*'] },
];
const WORKSPACE_FILTERS = [
  { name: 'vecscope workspace', extensions: ['json'] },
  { name: 'All files', extensions: ['*'] },
];
// As core/common/workspace/workspaceFile.ts allows.
const MAX_WORKSPACE_BYTES = 512 * 1024 * 1024;

let win: BrowserWindow | null = null;
let engine: UtilityProcess | null = null;

// ---- remembered state (window bounds, recent files) ----

interface Remembered {
  bounds?: { x: number; y: number; width: number; height: number };
  maximized?: boolean;
  recent: string[];
  recentWorkspaces: string[];
}
const stateFile = () => join(app.getPath('userData'), 'vecscope-state.json');
function loadRemembered(): Remembered {
  try {
    const s = JSON.parse(readFileSync(stateFile(), 'utf8')) as Partial<Remembered>;
    return { ...s, recent: recentFromJson(s.recent), recentWorkspaces: recentFromJson(s.recentWorkspaces) };
  } catch {
    return { recent: [], recentWorkspaces: [] };
  }
}
let remembered: Remembered = { recent: [], recentWorkspaces: [] };
const saveRemembered = () => {
  try {
    writeFileSync(stateFile(), JSON.stringify(remembered));
  } catch {
    // Best effort: losing the window size is not worth an error dialog.
  }
};

// ---- the engine host ----

function startEngine(): UtilityProcess {
  if (engine) return engine;
  const child = utilityProcess.fork(hostEntry, [], { serviceName: 'vecscope engine', stdio: 'inherit' });
  child.on('exit', (code) => {
    if (engine === child) engine = null;
    win?.webContents.send(CHANNELS.engineExited, `exit code ${code}`);
  });
  engine = child;
  return child;
}

function fromOurPage(e: IpcMainEvent | IpcMainInvokeEvent): boolean {
  const frame = e.senderFrame;
  return !!frame && frame.parent === null && isAppPage(frame.url) && e.sender === win?.webContents;
}

function send(cmd: MenuCommand): void {
  win?.webContents.send(CHANNELS.menu, cmd);
}

async function openDialog(): Promise<string | null> {
  if (!win) return null;
  const r = await dialog.showOpenDialog(win, { properties: ['openFile'], filters: VECTOR_FILTERS });
  return r.canceled ? null : (r.filePaths[0] ?? null);
}

function buildMenu(): void {
  const template = menuTemplate(
    {
      platform: process.platform,
      isPackaged: app.isPackaged,
      recentFiles: remembered.recent,
      recentWorkspaces: remembered.recentWorkspaces,
    },
    {
      send,
      chooseDataFile: () => {
        void openDialog().then((p) => {
          if (p) send({ type: 'open', path: p });
        });
      },
      chooseWorkspace: () => {
        void openWorkspaceDialog().then((p) => {
          if (p) void sendWorkspace(p);
        });
      },
      openWorkspace: (p) => void sendWorkspace(p),
    },
  );
  // The template's items are a subset of Electron's options (menuTemplate.ts keeps it Electron-free).
  Menu.setApplicationMenu(Menu.buildFromTemplate(template as MenuItemConstructorOptions[]));
}

async function openWorkspaceDialog(): Promise<string | null> {
  if (!win) return null;
  const r = await dialog.showOpenDialog(win, { properties: ['openFile'], filters: WORKSPACE_FILTERS });
  return r.canceled ? null : (r.filePaths[0] ?? null);
}

/** Reads a workspace file (bounded) and hands its text to the page, which parses and restores it. */
async function sendWorkspace(path: string): Promise<void> {
  try {
    const size = (await stat(path)).size;
    if (size > MAX_WORKSPACE_BYTES)
      throw new Error(`${(size / 2 ** 20).toFixed(0)} MiB is larger than a workspace can be (512 MiB)`);
    send({ type: 'workspace', path, text: await readFile(path, 'utf8') });
  } catch (err) {
    // A recent workspace that moved or vanished leaves the list, with one line saying so.
    remembered.recentWorkspaces = remembered.recentWorkspaces.filter((p) => p !== path);
    saveRemembered();
    buildMenu();
    dialog.showErrorBox('vecscope', `${path}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function createWindow(): void {
  const b = remembered.bounds;
  win = new BrowserWindow({
    width: b?.width ?? 1400,
    height: b?.height ?? 900,
    ...(b ? { x: b.x, y: b.y } : {}),
    backgroundColor: '#0e1013',
    title: 'vecscope',
    webPreferences: {
      preload,
      contextIsolation: true,
      nodeIntegration: false,
      sandbox: true,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  if (remembered.maximized) win.maximize();
  // The app never opens windows or links; every navigation, redirect and subframe load that is not
  // the app's own page is stopped (the page has no frames, and CSP frame-src 'none' says so too).
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  win.webContents.on('will-navigate', (e) => {
    if (!isAppPage(e.url)) e.preventDefault();
  });
  win.webContents.on('will-frame-navigate', (e) => {
    if (!e.isMainFrame || !isAppPage(e.url)) e.preventDefault();
  });
  win.webContents.on('will-redirect', (e) => {
    if (!isAppPage(e.url)) e.preventDefault();
  });
  win.webContents.on('will-attach-webview', (e) => e.preventDefault());
  const remember = () => {
    if (!win) return;
    remembered.maximized = win.isMaximized();
    if (!win.isMaximized() && !win.isMinimized()) remembered.bounds = win.getBounds();
    saveRemembered();
  };
  win.on('close', remember);
  win.on('closed', () => (win = null));
  void win.loadURL(APP_INDEX_URL);
}

function initialSource(): string {
  // The first argument after the app path that is not a flag (electron . <file>, or the packaged binary <file>).
  const args = process.argv.slice(app.isPackaged ? 1 : 2).filter((a) => !a.startsWith('-'));
  const file = args.find((a) => a !== '.' && existsSync(a));
  return file ? resolve(file) : 'sample';
}

app.enableSandbox();
void app.whenReady().then(() => {
  remembered = loadRemembered();
  // The page is served from app://vecscope/, files under renderer/dist only.
  protocol.handle(APP_SCHEME, async (request) => {
    const a = await serveAppAsset(rendererRoot, request.method, request.url);
    return new Response(a.body, { status: a.status, headers: a.headers });
  });
  // Nothing remote and no permissions: the app uses none (no clipboard API, media, notifications...),
  // so both the request and the synchronous check answer no.
  session.defaultSession.setPermissionRequestHandler((_wc, _perm, cb) => cb(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  session.defaultSession.webRequest.onHeadersReceived((details, cb) => {
    cb({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
  const devtools = !app.isPackaged;
  session.defaultSession.webRequest.onBeforeRequest((details, cb) => {
    cb({ cancel: !isAllowedRequest(details.url, { devtools }) });
  });

  ipcMain.handle(CHANNELS.initialSource, (e) => (fromOurPage(e) ? initialSource() : 'sample'));
  ipcMain.handle(CHANNELS.requestEnginePort, (e) => {
    if (!fromOurPage(e)) return;
    const host = startEngine();
    const { port1, port2 } = new MessageChannelMain();
    host.postMessage({ type: 'port' }, [port1]);
    e.sender.postMessage(CHANNELS.enginePort, null, [port2]);
  });
  ipcMain.handle(CHANNELS.openDialog, (e) => (fromOurPage(e) ? openDialog() : null));
  ipcMain.handle(CHANNELS.saveDialog, async (e, name: unknown, contents: unknown) => {
    if (!fromOurPage(e) || !win || typeof name !== 'string' || typeof contents !== 'string') return null;
    const r = await dialog.showSaveDialog(win, { defaultPath: name.replace(/[\\/]/g, '_') });
    if (r.canceled || !r.filePath) return null;
    try {
      await writeFileAtomic(r.filePath, contents);
      return r.filePath;
    } catch (err) {
      // The old file (if any) is untouched and no partial file is left; say why in one line.
      const message = saveErrorMessage(r.filePath, err);
      if (win)
        await dialog.showMessageBox(win, { type: 'error', title: 'vecscope', message, buttons: ['OK'] });
      else dialog.showErrorBox('vecscope', message);
      return null;
    }
  });
  ipcMain.on(CHANNELS.addRecent, (e, path: unknown) => {
    if (!fromOurPage(e) || typeof path !== 'string' || path === 'sample') return;
    remembered.recent = pushRecent(remembered.recent, path);
    app.addRecentDocument(path);
    saveRemembered();
    buildMenu();
  });
  ipcMain.on(CHANNELS.addRecentWorkspace, (e, path: unknown) => {
    if (!fromOurPage(e) || typeof path !== 'string' || path.length > 4096) return;
    remembered.recentWorkspaces = pushRecent(remembered.recentWorkspaces, path);
    saveRemembered();
    buildMenu();
  });

  buildMenu();
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
});

app.on('web-contents-created', (_e, contents) => {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
});
app.on('window-all-closed', () => {
  engine?.kill();
  if (process.platform !== 'darwin') app.quit();
});
