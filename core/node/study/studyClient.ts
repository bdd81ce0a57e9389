import { Worker } from 'node:worker_threads';
import { CancelledError, VecscopeError } from '../../common/errors.js';
import type { LinearReduction } from '../../common/reduce/reduction.js';
import { releaseResident, type ResidentHandle } from '../../common/search/graphMemory.js';
import type { StudyProgress, StudyResult, StudyRow } from '../../common/study/studyTypes.js';
import type { Matrix } from '../../common/types.js';
import type { FromStudyWorker, StudyJob, ToStudyWorker } from './studyWorker.js';

export interface StudyRunOptions {
  signal?: AbortSignal;
  /** Fractions are of the whole job. */
  onProgress?: (p: StudyProgress) => void;
  onRow?: (row: StudyRow) => void;
  /** A reduction the job fitted, under its studyReductionKey. */
  onReduction?: (key: string, reduction: LinearReduction) => void;
}

interface Pending {
  resolve: (r: StudyResult) => void;
  reject: (e: Error) => void;
  opts: StudyRunOptions;
  rows: StudyRow[];
}

/**
 * The caller's side of the study thread (studyWorker.ts): sends each base once (shared memory; a
 * resident base's memory is handed over, see releaseResident), runs study jobs there, relays progress,
 * rows and fitted reductions, and turns an AbortSignal into the job's shared cancel flag, which the
 * study polls between stages and between graph-build batches. If the thread dies, its jobs fail and the
 * next job starts a fresh one.
 */
export class StudyClient {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly sent = new Set<string>();
  /** Handed-over resident bases, kept so that a fresh thread can adopt them again. */
  private readonly residents = new Map<string, ResidentHandle>();

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(new URL('./studyWorker.js', import.meta.url));
    w.unref();
    w.on('message', (m: FromStudyWorker) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      if (m.type === 'progress') p.opts.onProgress?.(m.progress);
      else if (m.type === 'row') {
        p.rows.push(m.row);
        p.opts.onRow?.(m.row);
      } else if (m.type === 'reduction') p.opts.onReduction?.(m.key, m.reduction);
      else {
        this.pending.delete(m.id);
        // An idle study thread must not keep the process alive.
        if (this.pending.size === 0) w.unref();
        if (m.type === 'result') p.resolve({ ...m.result, rows: p.rows });
        else if (m.kind === 'cancelled') p.reject(new CancelledError());
        else if (m.kind === 'user') p.reject(new VecscopeError(m.message));
        else p.reject(new Error(m.message));
      }
    });
    const died = (why: string) => {
      if (this.worker !== w) return;
      this.worker = undefined;
      this.sent.clear();
      for (const p of this.pending.values()) p.reject(new Error(`the study thread stopped (${why})`));
      this.pending.clear();
    };
    w.on('error', (e) => died(e.message));
    w.on('exit', (code) => died(`exit code ${code}`));
    this.worker = w;
    return w;
  }

  /**
   * Runs a study job over `base` (shared memory), known by `key` from its first job on. Resolves to
   * the study's result, its rows in the order they streamed.
   */
  run(key: string, base: Matrix, job: StudyJob, opts: StudyRunOptions = {}): Promise<StudyResult> {
    if (!(base.data.buffer instanceof SharedArrayBuffer)) throw new Error('a study job needs a shared base');
    const w = this.ensure();
    if (!this.sent.has(key)) {
      let resident = this.residents.get(key);
      if (!resident) {
        resident = releaseResident(base.data);
        if (resident) this.residents.set(key, resident);
      }
      const msg: ToStudyWorker = {
        type: 'base',
        key,
        data: base.data,
        n: base.n,
        dim: base.dim,
        ...(resident ? { resident } : {}),
      };
      w.postMessage(msg);
      this.sent.add(key);
    }
    const id = this.nextId++;
    const cancel = new Int32Array(new SharedArrayBuffer(4));
    const onAbort = () => Atomics.store(cancel, 0, 1);
    if (opts.signal?.aborted) onAbort();
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    return new Promise<StudyResult>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, opts, rows: [] });
      w.ref();
      const msg: ToStudyWorker = { type: 'run', id, key, job, cancel };
      w.postMessage(msg);
    }).finally(() => opts.signal?.removeEventListener('abort', onAbort));
  }

  drop(key: string): void {
    this.residents.delete(key);
    if (this.sent.delete(key)) this.worker?.postMessage({ type: 'drop', key } satisfies ToStudyWorker);
  }

  async close(): Promise<void> {
    await this.worker?.terminate();
  }
}
