import { Worker } from 'node:worker_threads';
import { CancelledError, VecscopeError } from '../../../common/errors.js';
import type { Matrix, Metric } from '../../../common/types.js';
import type { FromWorker, ToWorker } from './computeWorker.js';
import type { TaskName, TaskParams, TaskResult } from './tasks.js';

export interface RunOptions {
  signal?: AbortSignal;
  onProgress?: (fraction: number, stage: string) => void;
  onPartial?: (positions: Float32Array, epoch: number) => void;
}

interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
  opts: RunOptions;
}

/**
 * The host's side of the compute thread: sends each data set's (shared) vectors once, runs tasks,
 * relays progress and partial results, and turns an AbortSignal into the worker's cancel flag. If
 * the thread dies, its jobs fail and the next task starts a fresh one.
 */
export class ComputeClient {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly sent = new Set<string>();

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(new URL('./computeWorker.js', import.meta.url));
    w.unref();
    w.on('message', (m: FromWorker) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      if (m.type === 'progress') p.opts.onProgress?.(m.fraction, m.stage);
      else if (m.type === 'partial') p.opts.onPartial?.(m.positions, m.epoch);
      else {
        this.pending.delete(m.id);
        // An idle compute thread must not keep the process alive.
        if (this.pending.size === 0) w.unref();
        if (m.type === 'result') p.resolve(m.value);
        else if (m.kind === 'cancelled') p.reject(new CancelledError());
        else if (m.kind === 'user') p.reject(new VecscopeError(m.message));
        else p.reject(new Error(m.message));
      }
    });
    const died = (why: string) => {
      if (this.worker !== w) return;
      this.worker = undefined;
      this.sent.clear();
      for (const p of this.pending.values()) p.reject(new Error(`the compute thread stopped (${why})`));
      this.pending.clear();
    };
    w.on('error', (e) => died(e.message));
    w.on('exit', (code) => died(`exit code ${code}`));
    this.worker = w;
    return w;
  }

  /** Runs a task on a data set whose vectors live in a SharedArrayBuffer. */
  run<T extends TaskName>(
    key: string,
    vectors: Matrix,
    metric: Metric,
    task: T,
    params: TaskParams<T>,
    opts: RunOptions = {},
  ): Promise<TaskResult<T>> {
    if (!(vectors.data.buffer instanceof SharedArrayBuffer))
      throw new Error('compute tasks need shared vectors');
    const w = this.ensure();
    if (!this.sent.has(key)) {
      const msg: ToWorker = {
        type: 'dataset',
        key,
        data: vectors.data,
        n: vectors.n,
        dim: vectors.dim,
        metric,
      };
      w.postMessage(msg);
      this.sent.add(key);
    }
    const id = this.nextId++;
    const cancel = new Int32Array(new SharedArrayBuffer(4));
    const onAbort = () => Atomics.store(cancel, 0, 1);
    if (opts.signal?.aborted) onAbort();
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    return new Promise<TaskResult<T>>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, opts });
      w.ref();
      const msg: ToWorker = { type: 'run', id, key, task, params, cancel };
      w.postMessage(msg);
    }).finally(() => opts.signal?.removeEventListener('abort', onAbort));
  }

  drop(key: string): void {
    if (this.sent.delete(key)) this.worker?.postMessage({ type: 'drop', key } satisfies ToWorker);
  }

  async close(): Promise<void> {
    await this.worker?.terminate();
  }
}
