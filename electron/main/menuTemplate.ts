// The native menu as data: main.ts builds it with Electron's Menu, tests read it without Electron
// (whose package, types included, is optional and absent where it cannot be downloaded).
import type { MenuCommand } from '../common/bridge.js';

/** The part of Electron's MenuItemSpec this menu uses. */
export interface MenuItemSpec {
  label?: string;
  accelerator?: string;
  enabled?: boolean;
  type?: 'separator';
  role?:
    | 'appMenu'
    | 'editMenu'
    | 'close'
    | 'quit'
    | 'resetZoom'
    | 'zoomIn'
    | 'zoomOut'
    | 'togglefullscreen'
    | 'toggleDevTools';
  submenu?: MenuItemSpec[];
  click?: () => void;
}

export interface MenuActions {
  send(cmd: MenuCommand): void;
  /** Shows the open dialog for vectors and sends `open` when the user picks a file. */
  chooseDataFile(): void;
  /** Shows the open dialog for a workspace and sends `workspace` with its text. */
  chooseWorkspace(): void;
  /** Reads a remembered workspace and sends `workspace` with its text. */
  openWorkspace(path: string): void;
}

export interface MenuState {
  platform: string;
  isPackaged: boolean;
  recentFiles: readonly string[];
  recentWorkspaces: readonly string[];
}

function recentItems(paths: readonly string[], click: (p: string) => void): MenuItemSpec[] {
  return paths.length > 0
    ? paths.map((p) => ({ label: p, click: () => click(p) }))
    : [{ label: '(none)', enabled: false }];
}

export function menuTemplate(state: MenuState, act: MenuActions): MenuItemSpec[] {
  const exportItem = (what: 'selection' | 'layout', label: string): MenuItemSpec => ({
    label,
    click: () => act.send({ type: 'export', what, path: '' }),
  });
  const view = (label: string, cmd: MenuCommand, accelerator?: string): MenuItemSpec => ({
    label,
    ...(accelerator ? { accelerator } : {}),
    click: () => act.send(cmd),
  });
  return [
    ...(state.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        { label: 'Open…', accelerator: 'CmdOrCtrl+O', click: () => act.chooseDataFile() },
        { label: 'Open Sample', click: () => act.send({ type: 'openSample' }) },
        {
          label: 'Open Recent',
          submenu: recentItems(state.recentFiles, (p) => act.send({ type: 'open', path: p })),
        },
        { type: 'separator' },
        { label: 'Open Workspace…', accelerator: 'CmdOrCtrl+Shift+O', click: () => act.chooseWorkspace() },
        {
          label: 'Open Recent Workspace',
          submenu: recentItems(state.recentWorkspaces, (p) => act.openWorkspace(p)),
        },
        {
          label: 'Save Workspace…',
          accelerator: 'CmdOrCtrl+S',
          click: () => act.send({ type: 'saveWorkspace' }),
        },
        { type: 'separator' },
        {
          label: 'Export',
          submenu: [exportItem('selection', 'Selected rows…'), exportItem('layout', 'Current map as CSV…')],
        },
        { type: 'separator' },
        state.platform === 'darwin' ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        view('PCA map', { type: 'view', layout: 'pca' }, 'CmdOrCtrl+1'),
        view('UMAP map', { type: 'view', layout: 'umap' }, 'CmdOrCtrl+2'),
        view('t-SNE map', { type: 'view', layout: 'tsne' }, 'CmdOrCtrl+3'),
        { type: 'separator' },
        view('2-D', { type: 'view', dim: 2 }),
        view('3-D', { type: 'view', dim: 3 }),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { role: 'togglefullscreen' },
        ...(state.isPackaged ? [] : [{ role: 'toggleDevTools' as const }]),
      ],
    },
  ];
}
