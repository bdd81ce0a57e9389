import { array, number, object, optional, string, type Infer } from '../rpc/schema.js';

const int = (min: number, max: number) => number({ int: true, min, max });

/**
 * A sweep written as lists; every combination becomes a pipeline (expandGrid). `reductions` holds
 * reduction names without dimension (`PCA`, `LeanVecOOD`, ... or `none`), combined with each of
 * `dims`. One schema for the engine's `study` request and the CLI's `--grid` file, so both accept
 * the same grids.
 */
export const studyGridSchema = object({
  reductions: optional(array(string({ maxLength: 40 }), { maxLength: 16 })),
  dims: optional(array(int(1, 65536), { maxLength: 32 })),
  quantizers: array(string({ maxLength: 40 }), { maxLength: 16 }),
  indexes: array(string({ maxLength: 80 }), { maxLength: 16 }),
  W: optional(array(int(1, 100_000), { maxLength: 16 })),
  rerank: optional(array(int(0, 100_000), { maxLength: 16 })),
});
export type StudyGrid = Infer<typeof studyGridSchema>;
