// Worker side of parallelMoments: one streaming Gram pass over a range of rows.
import { parentPort, workerData } from 'node:worker_threads';
import { accumulateMoments } from '../../common/reduce/moments.js';

interface Job {
  data: Float32Array;
  n: number;
  dim: number;
  start: number;
  end: number;
  shift: Float64Array;
  normalize: boolean;
}

const job = workerData as Job;
const part = accumulateMoments(
  { data: job.data, n: job.n, dim: job.dim },
  job.start,
  job.end,
  job.shift,
  job.normalize,
);
parentPort!.postMessage(part, [part.sums.buffer as ArrayBuffer, part.outer.buffer as ArrayBuffer]);
