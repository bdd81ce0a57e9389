import { parentPort } from 'node:worker_threads';
import { CancelledError, VecscopeError } from '../../common/errors.js';
import type { LinearReduction } from '../../common/reduce/reduction.js';
import { adoptResident, type ResidentHandle } from '../../common/search/graphMemory.js';
import { createStudy } from '../../common/study/createStudy.js';
import type { StudyFilter } from '../../common/study/filteredRecall.js';
import type { StudyProgress, StudyResult, StudyRow } from '../../common/study/studyTypes.js';
import type { Matrix, Metric } from '../../common/types.js';
import { parallelStudyParts } from './parallelStudyParts.js';
import { runRecommendJob, type FromRecommendJob, type RecommendJob } from './recommendJob.js';
import { studyReductionKey } from './reductionFitter.js';
import type { WorkerError } from '../pool/workerClient.js';

/**
 * The study thread: holds each base it was sent (shared memory, no copies; a resident base is adopted,
 * so its float32 indexes search the rows in place and their regions are appended here, by this thread
 * alone) and runs study jobs, each one Study object over its pipelines, with the graph builds and batch
 * searches on their own worker pools. The thread that sent the job keeps answering requests meanwhile.
 */
export interface StudyJob {
  queries: Matrix;
  learnQueries?: Matrix;
  truth?: { ids: Int32Array; nq: number; k: number };
  k: number;
  metric: Metric;
  pipelines: string[];
  targetRecall?: number;
  /** Filters each pipeline is also measured under (masks over the base rows). */
  filters?: StudyFilter[];
  seed?: number;
  repeats?: number;
  timedQueries?: number;
  /** Reductions fitted before, by studyReductionKey: used instead of fitting again. */
  reductions?: [string, LinearReduction][];
  /** What studyReductionKey keys query-aware reductions on (the training queries' name). */
  learnKey?: string;
  /** Threads of the graph builds, batch searches and ground truth. */
  threads: number;
}

export type ToStudyWorker =
  | { type: 'base'; key: string; data: Float32Array; n: number; dim: number; resident?: ResidentHandle }
  | { type: 'drop'; key: string }
  | { type: 'run'; id: number; key: string; job: StudyJob; cancel: Int32Array }
  | { type: 'recommend'; id: number; key: string; job: RecommendJob; cancel: Int32Array };

export type FromStudyWorker =
  | { id: number; type: 'progress'; progress: StudyProgress }
  | { id: number; type: 'row'; row: StudyRow }
  | { id: number; type: 'reduction'; key: string; reduction: LinearReduction }
  /** The result without its rows (they came one by one). */
  | { id: number; type: 'result'; result: StudyResult }
  | WorkerError
  | FromRecommendJob;

if (!parentPort) throw new Error('studyWorker must run in a worker thread');
const port = parentPort;
const bases = new Map<string, Matrix>();

port.on('message', (msg: ToStudyWorker) => {
  if (msg.type === 'base') {
    const data = msg.resident ? adoptResident(msg.resident) : msg.data;
    bases.set(msg.key, { data, n: msg.n, dim: msg.dim });
  } else if (msg.type === 'drop') bases.delete(msg.key);
  else if (msg.type === 'recommend') {
    const base = bases.get(msg.key);
    if (!base)
      port.postMessage({
        id: msg.id,
        type: 'error',
        kind: 'internal',
        message: `study worker: unknown base ${msg.key}`,
      });
    else void runRecommendJob(msg.id, base, msg.job, msg.cancel, (m) => port.postMessage(m));
  } else void run(msg);
});

async function run(msg: Extract<ToStudyWorker, { type: 'run' }>): Promise<void> {
  const { id, job } = msg;
  const post = (m: FromStudyWorker) => port.postMessage(m);
  try {
    const base = bases.get(msg.key);
    if (!base) throw new Error(`study worker: unknown base ${msg.key}`);
    const isCancelled = () => Atomics.load(msg.cancel, 0) === 1;
    if (isCancelled()) throw new CancelledError();
    if (job.pipelines.length === 0)
      throw new VecscopeError('no pipelines to study (give pipelines or a grid)');
    const parts = parallelStudyParts(job.threads);
    const known = new Map(job.reductions ?? []);
    const study = createStudy({
      base,
      queries: job.queries,
      ...(job.learnQueries ? { learnQueries: job.learnQueries } : {}),
      ...(job.truth ? { truth: job.truth } : {}),
      k: job.k,
      metric: job.metric,
      ...(job.targetRecall !== undefined ? { targetRecall: job.targetRecall } : {}),
      ...(job.filters ? { filters: job.filters } : {}),
      ...(job.seed !== undefined ? { seed: job.seed } : {}),
      ...(job.repeats !== undefined ? { repeats: job.repeats } : {}),
      ...(job.timedQueries !== undefined ? { timedQueries: job.timedQueries } : {}),
      ...parts,
      // Each fit goes back to the sender at once, which memoises it on the data set (the projection
      // export hands out these very matrices), even if the job is cancelled later.
      fitReduction: async (method, b, opts) => {
        const key = studyReductionKey(method, opts, job.learnKey ?? '');
        const hit = known.get(key);
        if (hit) return { reused: hit };
        const t0 = performance.now();
        const r = await parts.fitReduction(method, b, opts);
        const fresh = 'reused' in r ? r.reused : r;
        // Kept with the reduction, so a later study that reuses it reports what it cost.
        fresh.fitSeconds ??= (performance.now() - t0) / 1000;
        known.set(key, fresh);
        post({ id, type: 'reduction', key, reduction: fresh });
        return r;
      },
      isCancelled,
    });
    const total = job.pipelines.length;
    for (let i = 0; i < total; i++) {
      await study.runPipeline(job.pipelines[i]!, {
        onProgress: (p) =>
          post({ id, type: 'progress', progress: { ...p, fraction: (i + p.fraction) / total } }),
        onRow: (row) => post({ id, type: 'row', row }),
      });
    }
    post({ id, type: 'result', result: { ...study.result(), rows: [] } });
  } catch (e) {
    const kind = e instanceof CancelledError ? 'cancelled' : e instanceof VecscopeError ? 'user' : 'internal';
    post({ id, type: 'error', kind, message: (e as Error)?.message ?? String(e) });
  }
}
