import type { Transferable } from 'node:worker_threads';
import { parentPort } from 'node:worker_threads';
import type { WorkerReply } from './workerPool.js';

/** What a task handler returns: the result and the buffers to transfer (not copy) with it. */
export interface TaskOutput {
  result: unknown;
  transfer?: Transferable[];
}

/** Answers a WorkerPool's tasks in this worker thread with `handler`, one at a time. */
export function serveWorker(handler: (message: unknown) => TaskOutput): void {
  const port = parentPort;
  if (!port) throw new Error('serveWorker must run in a worker thread');
  port.on('message', ({ id, message }: { id: number; message: unknown }) => {
    let reply: WorkerReply;
    let transfer: Transferable[] = [];
    try {
      const out = handler(message);
      reply = { id, ok: true, result: out.result };
      transfer = out.transfer ?? [];
    } catch (e) {
      const err = e instanceof Error ? e : new Error(String(e));
      reply = { id, ok: false, error: { name: err.name, message: err.message } };
    }
    port.postMessage(reply, transfer);
  });
}
