import { parentPort } from 'node:worker_threads';
import { CancelledError, VecscopeError } from '../../../common/errors.js';
import type { Metric } from '../../../common/types.js';
import { tasks, type ComputeDataset, type TaskContext, type TaskName } from './tasks.js';
import type { WorkerError } from '../../pool/workerClient.js';

/**
 * The engine host's compute thread: holds each open data set's vectors (shared memory, no copies)
 * and runs the heavy tasks, so the host's own thread keeps answering hover, neighbour and search
 * requests while a map or an analysis computes. Cancellation is a shared flag the task polls.
 */
export type ToWorker =
  | { type: 'dataset'; key: string; data: Float32Array; n: number; dim: number; metric: Metric }
  | { type: 'drop'; key: string }
  | { type: 'run'; id: number; key: string; task: TaskName; params: unknown; cancel: Int32Array };

export type FromWorker =
  | { id: number; type: 'progress'; fraction: number; stage: string }
  | { id: number; type: 'partial'; positions: Float32Array; epoch: number }
  | { id: number; type: 'result'; value: unknown }
  | WorkerError;

if (!parentPort) throw new Error('computeWorker must run in a worker thread');
const port = parentPort;
const datasets = new Map<string, ComputeDataset>();

port.on('message', (msg: ToWorker) => {
  if (msg.type === 'dataset') {
    datasets.set(msg.key, {
      vectors: { data: msg.data, n: msg.n, dim: msg.dim },
      metric: msg.metric,
      cache: new Map(),
    });
  } else if (msg.type === 'drop') {
    datasets.delete(msg.key);
  } else {
    void run(msg);
  }
});

async function run(msg: Extract<ToWorker, { type: 'run' }>): Promise<void> {
  const post = (m: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);
  const signal = {
    get aborted() {
      return Atomics.load(msg.cancel, 0) === 1;
    },
  };
  const ctx: TaskContext = {
    signal,
    progress: (fraction, stage) => post({ id: msg.id, type: 'progress', fraction, stage }),
    partial: (positions, epoch) =>
      post({ id: msg.id, type: 'partial', positions, epoch }, [positions.buffer as ArrayBuffer]),
    throwIfCancelled: () => {
      if (signal.aborted) throw new CancelledError();
    },
  };
  try {
    const ds = datasets.get(msg.key);
    if (!ds) throw new Error(`compute worker: unknown data set ${msg.key}`);
    // Tasks queue behind one another here; one cancelled while it waited does not start.
    ctx.throwIfCancelled();
    const task = tasks[msg.task] as (d: ComputeDataset, p: unknown, c: TaskContext) => unknown;
    const value = await task(ds, msg.params, ctx);
    post({ id: msg.id, type: 'result', value });
  } catch (e) {
    const err = e as Error;
    const kind = e instanceof CancelledError ? 'cancelled' : e instanceof VecscopeError ? 'user' : 'internal';
    post({ id: msg.id, type: 'error', kind, message: err?.message ?? String(e) });
  }
}
