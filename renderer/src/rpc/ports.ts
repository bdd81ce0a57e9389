import type { FramePort } from '../../../core/common/rpc/client.js';
import type { VecscopeBridge } from '../../../electron/common/bridge.js';

/**
 * Web mode: a WebSocket to the web server's `rpc`, beside the page: the page's address carries the
 * run's token as its first path segment (`/<token>/`), so the relative URL does too.
 */
export function connectWebSocket(): Promise<FramePort> {
  return new Promise((resolve, reject) => {
    const url = new URL('rpc', location.href);
    url.protocol = 'ws:';
    url.search = '';
    url.hash = '';
    const ws = new WebSocket(url);
    ws.binaryType = 'arraybuffer';
    let frameListener: ((f: ArrayBuffer) => void) | undefined;
    const closeListeners: ((reason: string) => void)[] = [];
    let opened = false;
    ws.onopen = () => {
      opened = true;
      resolve({
        send: (frame) => ws.send(frame),
        onFrame: (l) => (frameListener = l),
        onClose: (l) => closeListeners.push(l),
        close: () => ws.close(1000, 'closed'),
      });
    };
    ws.onmessage = (e) => {
      if (e.data instanceof ArrayBuffer) frameListener?.(e.data);
    };
    ws.onclose = (e) => {
      if (!opened) reject(new Error(refusedMessage(e.code)));
      const reason = e.reason || (e.code === 1006 ? 'connection lost' : `code ${e.code}`);
      for (const l of closeListeners.splice(0)) l(reason);
    };
  });
}

/** Desktop: the engine host's MessagePort, handed over by the preload after main starts the host. */
export function connectElectron(bridge: VecscopeBridge): Promise<FramePort> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      window.removeEventListener('message', onMessage);
      reject(new Error('the engine did not start within 20 s'));
    }, 20_000);
    const onMessage = (e: MessageEvent) => {
      if (e.source !== window || e.origin !== window.location.origin) return;
      if (e.data !== bridge.enginePortMessage || !e.ports[0]) return;
      window.removeEventListener('message', onMessage);
      clearTimeout(timer);
      const port = e.ports[0];
      let frameListener: ((f: ArrayBuffer) => void) | undefined;
      const closeListeners: ((reason: string) => void)[] = [];
      const stopExited = bridge.onEngineExited((reason) => {
        stopExited();
        for (const l of closeListeners.splice(0)) l(reason);
      });
      port.onmessage = (m) => {
        if (m.data instanceof ArrayBuffer) frameListener?.(m.data);
      };
      port.start();
      resolve({
        send: (frame) => port.postMessage(frame, [frame]),
        onFrame: (l) => (frameListener = l),
        onClose: (l) => closeListeners.push(l),
        close: () => port.close(),
      });
    };
    window.addEventListener('message', onMessage);
    void bridge.requestEnginePort();
  });
}

/**
 * Why the engine could not be reached. A refused upgrade (an old page after the server restarted with
 * a new token) closes with 1006 before opening, like a server that is down: both need the new address.
 */
function refusedMessage(code: number): string {
  return `cannot reach the engine (WebSocket closed with code ${code}): if the vecscope server was restarted, open the new address it printed`;
}
