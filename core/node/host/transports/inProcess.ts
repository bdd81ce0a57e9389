import type { FramePort } from '../../../common/rpc/client.js';
import type { EngineHost } from '../engineHost.js';

/**
 * Links a client to a host in the same process (CLI, tests). Frames still go through the codec and
 * validation, and are delivered asynchronously, as over a real port.
 */
export function connectInProcess(host: EngineHost): FramePort {
  let frameListener: ((frame: ArrayBuffer) => void) | undefined;
  const closeListeners: ((reason: string) => void)[] = [];
  let open = true;
  const conn = host.connect((frame) => {
    if (open) setImmediate(() => open && frameListener?.(frame));
  });
  return {
    send: (frame) => {
      if (open) setImmediate(() => open && conn.receive(frame));
    },
    onFrame: (l) => (frameListener = l),
    onClose: (l) => closeListeners.push(l),
    close: () => {
      if (!open) return;
      open = false;
      conn.close();
      for (const l of closeListeners) l('closed');
    },
  };
}
