import { Worker } from 'node:worker_threads';
import { CancelledError, VecscopeError } from '../../common/errors.js';

/** How a worker thread ends a call: the last message with the call's id. */
export type WorkerError = {
  id: number;
  type: 'error';
  kind: 'cancelled' | 'user' | 'internal';
  message: string;
};

interface Call<M> {
  interim: (m: M) => void;
  done: (m: M) => void;
  reject: (e: Error) => void;
}

/**
 * One long-lived worker thread serving calls: started on first use, keeping the process alive only
 * while a call is pending, each call's interim messages relayed, its `result` resolving it and its
 * `error` rejecting it (cancelled, a user error, or an internal one), and an AbortSignal turned into
 * the call's shared cancel flag. Data sets posted once per thread are remembered by key (`sendOnce`).
 * If the thread dies, its calls fail and the next call starts a fresh one.
 */
export class WorkerClient<M extends { id: number; type: string }> {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly calls = new Map<number, Call<M>>();
  private readonly sent = new Set<string>();

  /** `name` says which thread stopped in the error of a call that was running on it. */
  constructor(
    private readonly url: URL,
    private readonly name: string,
  ) {}

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(this.url);
    w.unref();
    w.on('message', (m: M) => {
      const call = this.calls.get(m.id);
      if (!call) return;
      if (m.type !== 'result' && m.type !== 'error') return call.interim(m);
      this.calls.delete(m.id);
      // An idle thread must not keep the process alive.
      if (this.calls.size === 0) w.unref();
      if (m.type === 'result') return call.done(m);
      const e = m as unknown as WorkerError;
      call.reject(
        e.kind === 'cancelled'
          ? new CancelledError()
          : e.kind === 'user'
            ? new VecscopeError(e.message)
            : new Error(e.message),
      );
    });
    const died = (why: string) => {
      if (this.worker !== w) return;
      this.worker = undefined;
      this.sent.clear();
      for (const call of this.calls.values()) call.reject(new Error(`the ${this.name} stopped (${why})`));
      this.calls.clear();
    };
    w.on('error', (e) => died(e.message));
    w.on('exit', (code) => died(`exit code ${code}`));
    this.worker = w;
    return w;
  }

  /** Posts `message()` under `key` unless this thread has it already (a fresh thread has none). */
  sendOnce(key: string, message: () => unknown): void {
    const w = this.ensure();
    if (this.sent.has(key)) return;
    w.postMessage(message());
    this.sent.add(key);
  }

  /** Tells the thread to forget `key`, if it has it. */
  forget(key: string, message: unknown): void {
    if (this.sent.delete(key)) this.worker?.postMessage(message);
  }

  /**
   * Posts `message(id, cancel)` and settles with `done` of the call's result message; `interim` sees
   * every other message of the call.
   */
  call<R>(
    message: (id: number, cancel: Int32Array) => unknown,
    done: (m: M) => R,
    interim: (m: M) => void,
    signal?: AbortSignal,
  ): Promise<R> {
    const w = this.ensure();
    const id = this.nextId++;
    const cancel = new Int32Array(new SharedArrayBuffer(4));
    const onAbort = () => Atomics.store(cancel, 0, 1);
    if (signal?.aborted) onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    return new Promise<R>((resolve, reject) => {
      this.calls.set(id, { interim, done: (m) => resolve(done(m)), reject });
      w.ref();
      w.postMessage(message(id, cancel));
    }).finally(() => signal?.removeEventListener('abort', onAbort));
  }

  async close(): Promise<void> {
    await this.worker?.terminate();
  }
}
