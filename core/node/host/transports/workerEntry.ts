import { parentPort, workerData } from 'node:worker_threads';
import { EngineHost, type HostConnection } from '../engineHost.js';

/**
 * Engine host inside a worker thread (web mode). The parent relays each client's frames as
 * `{ conn, frame }` and closes a client with `{ conn, close: true }`; frames come back the same way,
 * transferred, not copied.
 */
if (!parentPort) throw new Error('workerEntry must run in a worker thread');
const port = parentPort;
const data = (workerData ?? {}) as {
  testHooks?: boolean;
  openRoots?: string[];
  maxRows?: number;
  textModel?: string;
};
const host = new EngineHost({
  testHooks: Boolean(data.testHooks),
  ...(data.openRoots ? { openRoots: data.openRoots } : {}),
  ...(data.maxRows !== undefined ? { maxRows: data.maxRows } : {}),
  ...(data.textModel !== undefined ? { textModel: data.textModel } : {}),
});
const conns = new Map<number, HostConnection>();

port.on('message', (msg: { conn: number; frame?: ArrayBuffer; close?: boolean }) => {
  if (msg.close) {
    conns.get(msg.conn)?.close();
    conns.delete(msg.conn);
    return;
  }
  let conn = conns.get(msg.conn);
  if (!conn) {
    conn = host.connect((frame) => port.postMessage({ conn: msg.conn, frame }, [frame]));
    conns.set(msg.conn, conn);
  }
  if (msg.frame instanceof ArrayBuffer) conn.receive(msg.frame);
});
