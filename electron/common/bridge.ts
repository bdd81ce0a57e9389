/** IPC channel names between electron/main and electron/preload. */
export const CHANNELS = {
  initialSource: 'vecscope:initial-source',
  requestEnginePort: 'vecscope:request-engine-port',
  openDialog: 'vecscope:open-dialog',
  saveDialog: 'vecscope:save-dialog',
  addRecent: 'vecscope:add-recent',
  addRecentWorkspace: 'vecscope:add-recent-workspace',
  menu: 'vecscope:menu',
  enginePort: 'vecscope:engine-port',
  engineExited: 'vecscope:engine-exited',
} as const;

/** The window message the preload posts (with the MessagePort attached) when a new engine is ready. */
export const ENGINE_PORT_MESSAGE = 'vecscope:engine-port';

/** Commands the native menus send to the renderer. */
export type MenuCommand =
  | { type: 'open'; path: string }
  | { type: 'openSample' }
  | { type: 'export'; what: 'selection' | 'layout'; path: string }
  /** A workspace file main has read (File > Open Workspace, or a recent one). */
  | { type: 'workspace'; path: string; text: string }
  | { type: 'saveWorkspace' }
  | { type: 'view'; layout?: 'pca' | 'umap' | 'tsne'; dim?: 2 | 3; fit?: boolean };

/** What the preload exposes as `window.vecscope`: a few narrow functions, never ipcRenderer itself. */
export interface VecscopeBridge {
  readonly platform: string;
  /** The window message (ENGINE_PORT_MESSAGE) that carries the engine port to the page. */
  readonly enginePortMessage: string;
  /** The source to open first (command line argument, or "sample"). */
  initialSource(): Promise<string>;
  /**
   * Asks main for a port to the engine host, starting the host first if it is not running (at
   * launch, and after it died). The port then arrives as a window message ENGINE_PORT_MESSAGE.
   */
  requestEnginePort(): Promise<void>;
  /** Native open dialog; resolves to a path or null. */
  openFileDialog(): Promise<string | null>;
  /**
   * Native save dialog and an atomic write; resolves to the saved path, or null when cancelled or when
   * the write failed (main has then shown the reason in an error dialog, and left no partial file).
   */
  saveFile(suggestedName: string, contents: string): Promise<string | null>;
  /** The file-system path of a dropped file. */
  pathForFile(file: File): string;
  addRecent(path: string): void;
  /** Remembers a workspace file for File > Open Recent Workspace. */
  addRecentWorkspace(path: string): void;
  onMenu(listener: (command: MenuCommand) => void): () => void;
  onEngineExited(listener: (reason: string) => void): () => void;
}
