// Sandboxed preload (CommonJS, no Node): exposes `window.vecscope`, a few narrow typed functions.
// It never exposes ipcRenderer; it forwards the engine host's MessagePort to the page.
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { APP_ORIGIN } from '../common/appOrigin.js';
import { CHANNELS, ENGINE_PORT_MESSAGE, type MenuCommand, type VecscopeBridge } from '../common/bridge.js';

ipcRenderer.on(CHANNELS.enginePort, (event) => {
  // The port is the engine itself: it goes only to the app's own page, addressed to the app's origin
  // (never '*'), so a window that somehow showed anything else would not receive it.
  if (window.location.origin !== APP_ORIGIN) return;
  window.postMessage(ENGINE_PORT_MESSAGE, APP_ORIGIN, event.ports);
});

const bridge: VecscopeBridge = {
  platform: process.platform,
  enginePortMessage: ENGINE_PORT_MESSAGE,
  initialSource: () => ipcRenderer.invoke(CHANNELS.initialSource) as Promise<string>,
  requestEnginePort: () => ipcRenderer.invoke(CHANNELS.requestEnginePort) as Promise<void>,
  openFileDialog: () => ipcRenderer.invoke(CHANNELS.openDialog) as Promise<string | null>,
  saveFile: (name, contents) =>
    ipcRenderer.invoke(CHANNELS.saveDialog, String(name), String(contents)) as Promise<string | null>,
  pathForFile: (file) => webUtils.getPathForFile(file),
  addRecent: (path) => ipcRenderer.send(CHANNELS.addRecent, String(path)),
  addRecentWorkspace: (path) => ipcRenderer.send(CHANNELS.addRecentWorkspace, String(path)),
  onMenu: (listener) => {
    const l = (_e: unknown, cmd: MenuCommand) => listener(cmd);
    ipcRenderer.on(CHANNELS.menu, l);
    return () => ipcRenderer.removeListener(CHANNELS.menu, l);
  },
  onEngineExited: (listener) => {
    const l = (_e: unknown, reason: string) => listener(String(reason));
    ipcRenderer.on(CHANNELS.engineExited, l);
    return () => ipcRenderer.removeListener(CHANNELS.engineExited, l);
  },
};

contextBridge.exposeInMainWorld('vecscope', bridge);
