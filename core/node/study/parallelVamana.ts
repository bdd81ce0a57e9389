import { availableParallelism } from 'node:os';
import type { CodeMetric } from '../../common/quantize/codec.js';
import {
  buildVamanaParallel,
  type VamanaBuildLayout,
  type VamanaBuildOptions,
} from '../../common/search/buildVamana.js';
import type { RowSource } from '../../common/search/rowSource.js';
import type { VamanaGraph } from '../../common/search/vamanaGraph.js';
import type { Matrix } from '../../common/types.js';
import { WorkerPool } from '../pool/workerPool.js';
import type { VamanaBuildTask } from './vamanaBuildWorker.js';

let nextBuildId = 1;

/**
 * Builds a Vamana graph on `threads` worker threads (buildVamanaParallel): every worker instantiates
 * the graph module over the build's shared WebAssembly memory; each phase of a batch is split into one
 * contiguous range per thread. The returned graph belongs to the caller.
 */
export async function parallelBuildVamana(
  vectors: Matrix | RowSource,
  metric: CodeMetric,
  opts: VamanaBuildOptions = {},
  threads: number = availableParallelism(),
): Promise<VamanaGraph> {
  const pool = new WorkerPool(new URL('./vamanaBuildWorker.js', import.meta.url), Math.max(1, threads));
  const buildId = nextBuildId++;
  const slots = new Int32Array(new SharedArrayBuffer(4));
  let memory: WebAssembly.Memory | undefined;
  let layout: VamanaBuildLayout | undefined;
  const split = async (phase: 'forward' | 'reverse', count: number, alpha: number, limit: number) => {
    // Small batches (the first ones) run on one worker: a round trip costs more than the work.
    const parts = Math.min(pool.size, Math.max(1, Math.floor(count / 8)));
    const runs: Promise<unknown>[] = [];
    for (let w = 0; w < parts; w++) {
      const task: VamanaBuildTask = {
        buildId,
        memory: memory!,
        layout: layout!,
        slots,
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
      vectors,
      metric,
      {
        threads: pool.size,
        prepare: async (m, l) => {
          memory = m;
          layout = l;
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
