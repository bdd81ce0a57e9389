import { EngineHost } from '../engineHost.js';

/**
 * Engine host inside an Electron utilityProcess. Electron main hands it one MessagePortMain per
 * renderer (message `{ type: 'port' }` with the port attached); frames travel over that port.
 * Typed structurally here because core/node does not import electron.
 */
interface PortLike {
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
  on(event: 'close', listener: () => void): void;
  postMessage(message: unknown): void;
  start(): void;
}
interface ParentPortLike {
  on(event: 'message', listener: (e: { data: unknown; ports: PortLike[] }) => void): void;
}

const parentPort = (process as unknown as { parentPort?: ParentPortLike }).parentPort;
if (!parentPort) throw new Error('utilityProcessEntry must run in an Electron utilityProcess');
const host = new EngineHost({ testHooks: process.env.VECSCOPE_TEST_HOOKS === '1' });

parentPort.on('message', (e) => {
  const [port] = e.ports;
  if (!port || (e.data as { type?: string })?.type !== 'port') return;
  const conn = host.connect((frame) => port.postMessage(frame));
  port.on('message', (m) => {
    if (m.data instanceof ArrayBuffer) conn.receive(m.data);
    else if (ArrayBuffer.isView(m.data)) {
      const v = m.data;
      conn.receive(v.buffer.slice(v.byteOffset, v.byteOffset + v.byteLength) as ArrayBuffer);
    }
  });
  port.on('close', () => conn.close());
  port.start();
});
