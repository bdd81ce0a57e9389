import type { Matrix, Metric } from '../../../common/types.js';
import { WorkerClient } from '../../pool/workerClient.js';
import type { FromWorker, ToWorker } from './computeWorker.js';
import type { TaskName, TaskParams, TaskResult } from './tasks.js';

export interface RunOptions {
  signal?: AbortSignal;
  onProgress?: (fraction: number, stage: string) => void;
  onPartial?: (positions: Float32Array, epoch: number) => void;
}

/**
 * The host's side of the compute thread (computeWorker.ts): sends each data set's (shared) vectors
 * once, runs tasks, relays progress and partial results, and cancels through the AbortSignal.
 */
export class ComputeClient {
  private readonly thread = new WorkerClient<FromWorker>(
    new URL('./computeWorker.js', import.meta.url),
    'compute thread',
  );

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
    const { data, n, dim } = vectors;
    this.thread.sendOnce(key, (): ToWorker => ({ type: 'dataset', key, data, n, dim, metric }));
    return this.thread.call(
      (id, cancel): ToWorker => ({ type: 'run', id, key, task, params, cancel }),
      (m) => (m.type === 'result' ? m.value : undefined) as TaskResult<T>,
      (m) => {
        if (m.type === 'progress') opts.onProgress?.(m.fraction, m.stage);
        else if (m.type === 'partial') opts.onPartial?.(m.positions, m.epoch);
      },
      opts.signal,
    );
  }

  drop(key: string): void {
    this.thread.forget(key, { type: 'drop', key } satisfies ToWorker);
  }

  close(): Promise<void> {
    return this.thread.close();
  }
}
