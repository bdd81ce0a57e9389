import { availableParallelism } from 'node:os';
import type { Transferable } from 'node:worker_threads';
import { Worker } from 'node:worker_threads';
import { CancelledError, VecscopeError } from '../../common/errors.js';

/** What a pool worker posts back for one task (see serveWorker). */
export type WorkerReply =
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; error: { name: string; message: string } };

interface Task {
  id: number;
  message: unknown;
  transfer: readonly Transferable[];
  resolve: (value: unknown) => void;
  reject: (reason: unknown) => void;
}

interface Slot {
  worker: Worker;
  task: Task | undefined;
  dead: boolean;
}

/**
 * A fixed set of worker threads running one script (which answers through `serveWorker`). Tasks are
 * queued and handed to idle workers in order. Idle workers do not keep the process alive, and
 * `close()` ends them all; tasks still pending then reject with CancelledError.
 */
export class WorkerPool {
  readonly size: number;
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private nextId = 0;
  private closed = false;

  constructor(
    private readonly script: URL,
    size: number = availableParallelism(),
  ) {
    if (!Number.isInteger(size) || size < 1)
      throw new VecscopeError(`thread count must be a positive integer, got ${size}`);
    this.size = size;
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  /** Runs one task on the next idle worker; resolves with what the worker's handler returned. */
  run<T>(message: unknown, transfer: readonly Transferable[] = []): Promise<T> {
    if (this.closed) return Promise.reject(new CancelledError());
    return new Promise<T>((resolve, reject) => {
      this.queue.push({
        id: this.nextId++,
        message,
        transfer,
        resolve: resolve as (v: unknown) => void,
        reject,
      });
      this.dispatch();
    });
  }

  /** Ends every worker (a running task is cut short) and rejects whatever was pending. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const pending = [...this.queue.splice(0), ...this.slots.flatMap((s) => (s.task ? [s.task] : []))];
    for (const t of pending) t.reject(new CancelledError());
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private spawn(): Slot {
    const worker = new Worker(this.script);
    const slot: Slot = { worker, task: undefined, dead: false };
    worker.unref();
    worker.on('message', (reply: WorkerReply) => {
      const task = slot.task;
      if (!task || task.id !== reply.id) return;
      this.release(slot);
      if (reply.ok) task.resolve(reply.result);
      else task.reject(reviveError(reply.error));
    });
    worker.on('error', (err) => {
      const task = slot.task;
      slot.task = undefined;
      slot.dead = true;
      task?.reject(err);
    });
    worker.on('exit', () => {
      slot.dead = true;
      if (this.closed) return;
      // A worker that died is replaced, so the pool keeps its size.
      const task = slot.task;
      slot.task = undefined;
      task?.reject(new Error('pool worker exited'));
      const i = this.slots.indexOf(slot);
      if (i >= 0) this.slots[i] = this.spawn();
      this.dispatch();
    });
    return slot;
  }

  private release(slot: Slot): void {
    slot.task = undefined;
    slot.worker.unref();
    this.dispatch();
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (slot.task || slot.dead) continue;
      const task = this.queue.shift()!;
      slot.task = task;
      slot.worker.ref();
      slot.worker.postMessage({ id: task.id, message: task.message }, task.transfer);
    }
  }
}

function reviveError(e: { name: string; message: string }): Error {
  if (e.name === 'VecscopeError') return new VecscopeError(e.message);
  if (e.name === 'CancelledError') return new CancelledError();
  const err = new Error(e.message);
  err.name = e.name;
  return err;
}
