import { CancelledError, VecscopeError } from '../../common/errors.js';
import {
  recommendRecipe,
  type Recommendation,
  type RecommendTrial,
} from '../../common/recipes/recommendRecipe.js';
import type { StudyGrid } from '../../common/study/studyGrid.js';
import type { StudyProgress } from '../../common/study/studyTypes.js';
import type { Matrix, Metric } from '../../common/types.js';
import type { WorkerError } from '../pool/workerClient.js';
import { parallelStudyParts } from './parallelStudyParts.js';

/** A recommendation as the study thread runs it: recommendRecipe's input less the base and callbacks. */
export interface RecommendJob {
  queries: Matrix;
  learnQueries?: Matrix;
  truth?: { ids: Int32Array; nq: number; k: number };
  k: number;
  metric: Metric;
  targetRecall: number;
  maxBytes?: number;
  maxRam?: number;
  productionN?: number;
  minQps?: number;
  grid?: StudyGrid;
  seed?: number;
  trend?: boolean;
  threads: number;
}

export type FromRecommendJob =
  | { id: number; type: 'progress'; progress: StudyProgress }
  | { id: number; type: 'trial'; trial: RecommendTrial }
  | { id: number; type: 'result'; result: Recommendation }
  | WorkerError;

/**
 * Runs a recommendation on the study thread, its studies' graph builds, batch searches and ground
 * truths on worker pools (the same parts as a study job), posting progress and each trial as it ends.
 */
export async function runRecommendJob(
  id: number,
  base: Matrix,
  job: RecommendJob,
  cancel: Int32Array,
  post: (m: FromRecommendJob) => void,
): Promise<void> {
  try {
    const isCancelled = () => Atomics.load(cancel, 0) === 1;
    if (isCancelled()) throw new CancelledError();
    const { threads, ...rest } = job;
    const result = await recommendRecipe({
      ...rest,
      base,
      setup: parallelStudyParts(threads),
      onProgress: (progress) => post({ id, type: 'progress', progress }),
      onTrial: (trial) => post({ id, type: 'trial', trial }),
      isCancelled,
    });
    post({ id, type: 'result', result });
  } catch (e) {
    const kind = e instanceof CancelledError ? 'cancelled' : e instanceof VecscopeError ? 'user' : 'internal';
    post({ id, type: 'error', kind, message: (e as Error)?.message ?? String(e) });
  }
}
