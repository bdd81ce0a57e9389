import type { LinearReduction } from '../../common/reduce/reduction.js';
import { releaseResident, type ResidentHandle } from '../../common/search/graphMemory.js';
import type { StudyProgress, StudyResult, StudyRow } from '../../common/study/studyTypes.js';
import type { Matrix } from '../../common/types.js';
import { WorkerClient } from '../pool/workerClient.js';
import type { Recommendation, RecommendTrial } from '../../common/recipes/recommendRecipe.js';
import type { RecommendJob } from './recommendJob.js';
import type { FromStudyWorker, StudyJob, ToStudyWorker } from './studyWorker.js';

export interface StudyRunOptions {
  signal?: AbortSignal;
  /** Fractions are of the whole job. */
  onProgress?: (p: StudyProgress) => void;
  onRow?: (row: StudyRow) => void;
  /** A reduction the job fitted, under its studyReductionKey. */
  onReduction?: (key: string, reduction: LinearReduction) => void;
}

/**
 * The caller's side of the study thread (studyWorker.ts): sends each base once (shared memory; a
 * resident base's memory is handed over, see releaseResident), runs study jobs there, relays progress,
 * rows and fitted reductions, and cancels through the AbortSignal (the study polls the flag between
 * stages and between graph-build batches).
 */
export class StudyClient {
  private readonly thread = new WorkerClient<FromStudyWorker>(
    new URL('./studyWorker.js', import.meta.url),
    'study thread',
  );
  /** Handed-over resident bases, kept so that a fresh thread can adopt them again. */
  private readonly residents = new Map<string, ResidentHandle>();

  /**
   * Runs a study job over `base` (shared memory), known by `key` from its first job on. Resolves to
   * the study's result, its rows in the order they streamed.
   */
  run(key: string, base: Matrix, job: StudyJob, opts: StudyRunOptions = {}): Promise<StudyResult> {
    this.sendBase(key, base);
    const rows: StudyRow[] = [];
    return this.thread.call(
      (id, cancel): ToStudyWorker => ({ type: 'run', id, key, job, cancel }),
      (m) => ({ ...(m as { result: StudyResult }).result, rows }),
      (m) => {
        if (m.type === 'progress') opts.onProgress?.(m.progress);
        else if (m.type === 'row') {
          rows.push(m.row);
          opts.onRow?.(m.row);
        } else if (m.type === 'reduction') opts.onReduction?.(m.key, m.reduction);
      },
      opts.signal,
    );
  }

  /** Runs recommendRecipe over `base` on the study thread; each measured pipeline streams to `onTrial`. */
  recommend(
    key: string,
    base: Matrix,
    job: RecommendJob,
    opts: {
      signal?: AbortSignal;
      onProgress?: (p: StudyProgress) => void;
      onTrial?: (t: RecommendTrial) => void;
    } = {},
  ): Promise<Recommendation> {
    this.sendBase(key, base);
    return this.thread.call(
      (id, cancel): ToStudyWorker => ({ type: 'recommend', id, key, job, cancel }),
      (m) => (m as { result: Recommendation }).result,
      (m) => {
        if (m.type === 'progress') opts.onProgress?.(m.progress);
        else if (m.type === 'trial') opts.onTrial?.(m.trial);
      },
      opts.signal,
    );
  }

  private sendBase(key: string, base: Matrix): void {
    if (!(base.data.buffer instanceof SharedArrayBuffer)) throw new Error('a study job needs a shared base');
    this.thread.sendOnce(key, (): ToStudyWorker => {
      let resident = this.residents.get(key);
      if (!resident) {
        resident = releaseResident(base.data);
        if (resident) this.residents.set(key, resident);
      }
      const { data, n, dim } = base;
      return { type: 'base', key, data, n, dim, ...(resident ? { resident } : {}) };
    });
  }

  drop(key: string): void {
    this.residents.delete(key);
    this.thread.forget(key, { type: 'drop', key } satisfies ToStudyWorker);
  }

  close(): Promise<void> {
    return this.thread.close();
  }
}
