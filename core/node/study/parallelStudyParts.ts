import { performance } from 'node:perf_hooks';
import type { StudySetup } from '../../common/study/createStudy.js';
import { parallelExactKnn } from '../knn/parallelKnn.js';
import { collectGarbage } from '../memory/collectGarbage.js';
import { createBatchQps } from './batchQps.js';
import { parallelBuildVamana } from './parallelVamana.js';
import { studyReductionFitter } from './reductionFitter.js';

/**
 * What a study runs on `threads` worker threads: exact ground truth, the graph builds and the batch
 * searches, with the study command's reduction fitter, a sub-millisecond clock and a collector that
 * frees what a stage dropped. The one recipe both
 * front-ends give createStudy.
 */
export function parallelStudyParts(
  threads: number,
): Required<Pick<StudySetup, 'fitReduction' | 'exactKnn' | 'buildGraph' | 'batchQps' | 'clock' | 'collect'>> {
  return {
    fitReduction: studyReductionFitter,
    exactKnn: (b, q, k, m) => parallelExactKnn(b, q, k, m, { threads }),
    buildGraph: (vectors, m, opts) => parallelBuildVamana(vectors, m, opts, threads),
    batchQps: createBatchQps(threads),
    clock: () => performance.now(),
    collect: collectGarbage,
  };
}
