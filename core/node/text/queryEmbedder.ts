import { WorkerPool } from '../pool/workerPool.js';
import type { EmbedTextTask } from './embedTextWorker.js';
import { textModelKind } from './textModel.js';

// One worker per model folder stays loaded between queries, so a query costs an embedding, not a model
// load. Idle pool workers do not keep the process alive.
const pools = new Map<string, WorkerPool>();

/**
 * Embeds one query text with the model a data set was embedded with (its text source's model id and
 * folder; folder absent: the built-in USE-lite).
 */
export async function embedQueryText(
  text: string,
  modelId: string,
  modelDir: string | undefined,
): Promise<Float32Array> {
  const key = modelId;
  let pool = pools.get(key);
  if (!pool) {
    pool = new WorkerPool(new URL('./embedTextWorker.js', import.meta.url), 1);
    pools.set(key, pool);
  }
  const task: EmbedTextTask = { texts: [text], kind: textModelKind(modelId), dir: modelDir };
  return pool.run<Float32Array>(task);
}
