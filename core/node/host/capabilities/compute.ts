import type { MethodName } from '../../../common/rpc/protocol.js';
import type { HostState, JobContext } from '../capability.js';
import type { TaskName, TaskParams, TaskResult } from '../compute/tasks.js';
import type { OpenDataset } from '../datasetRegistry.js';

/** Runs a heavy task for a job on the compute thread, relaying its progress (scaled into [lo, hi]). */
export function runTask<T extends TaskName>(
  state: HostState,
  entry: OpenDataset,
  task: T,
  params: TaskParams<T>,
  ctx: JobContext<MethodName>,
  range: [number, number] = [0, 1],
  onPartial?: (positions: Float32Array, epoch: number) => void,
): Promise<TaskResult<T>> {
  const [lo, hi] = range;
  return state.compute.run(entry.id, entry.dataset.vectors, entry.metric, task, params, {
    signal: ctx.signal,
    onProgress: (f, stage) => ctx.progress(lo + (hi - lo) * f, stage),
    ...(onPartial ? { onPartial } : {}),
  });
}
