import { createRng, sampleIndices } from '../../common/random.js';

/** The seed of `--max-rows` samples: the same source and limit give the same rows, run after run. */
export const ROW_SAMPLE_SEED = 1;

/**
 * The rows a `--max-rows` read keeps of `total`: a seeded uniform sample of `maxRows`, ascending (file
 * or table order), or undefined when every row fits. Files and database tables sample alike.
 */
export function rowSample(
  total: number,
  maxRows: number | undefined,
  seed = ROW_SAMPLE_SEED,
): Int32Array | undefined {
  return maxRows !== undefined && total > maxRows
    ? sampleIndices(total, maxRows, createRng(seed))
    : undefined;
}
