import { availableParallelism } from 'node:os';
import type { CodeMetric } from '../../common/quantize/codec.js';
import { buildVamanaParallel, type VamanaBuildOptions } from '../../common/search/buildVamana.js';
import type { VamanaBuildShared } from '../../common/search/vamanaBuildCore.js';
import type { VamanaGraph } from '../../common/search/vamanaGraph.js';
import type { Matrix } from '../../common/types.js';
import { toShared } from '../pool/toShared.js';
import { WorkerPool } from '../pool/workerPool.js';
import type { VamanaBuildTask } from './vamanaBuildWorker.js';

let nextBuildId = 1;

/**
 * Builds a Vamana graph on `threads` worker threads (buildVamanaParallel): the graph and batch
 * buffers live in SharedArrayBuffers; each phase of a batch is split into one contiguous range per
 * thread. The returned graph belongs to the caller.
 */
export async function parallelBuildVamana(
  vectors: Matrix,
  metric: CodeMetric,
  opts: VamanaBuildOptions = {},
  threads: number = availableParallelism(),
): Promise<VamanaGraph> {
  const pool = new WorkerPool(new URL('./vamanaBuildWorker.js', import.meta.url), Math.max(1, threads));
  const buildId = nextBuildId++;
  let shared: VamanaBuildShared | undefined;
  const split = async (phase: 'forward' | 'reverse', count: number, alpha: number, limit: number) => {
    const parts = Math.min(pool.size, count);
    const runs: Promise<unknown>[] = [];
    for (let w = 0; w < parts; w++) {
      const task: VamanaBuildTask = {
        buildId,
        shared: shared!,
        phase,
        from: Math.floor((w * count) / parts),
        to: Math.floor(((w + 1) * count) / parts),
        alpha,
        limit,
      };
      runs.push(pool.run(task));
    }
    await Promise.all(runs);
  };
  try {
    return await buildVamanaParallel(
      toShared(vectors),
      metric,
      {
        threads: pool.size,
        int32: (length) => new Int32Array(new SharedArrayBuffer(length * 4)),
        prepare: async (s) => {
          shared = s;
        },
        forward: (count, alpha) => split('forward', count, alpha, 0),
        reverse: (count, alpha, limit) => split('reverse', count, alpha, limit),
      },
      opts,
    );
  } finally {
    await pool.close();
  }
}
