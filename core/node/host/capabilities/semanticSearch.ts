import { VecscopeError } from '../../../common/errors.js';
import { exactKnn } from '../../../common/knn/exactKnn.js';
import { embedQueryText } from '../../text/queryEmbedder.js';
import type { Handler } from '../capability.js';

/**
 * The exact k nearest rows of a typed text: the text embedded with the model the data set's texts
 * were embedded with, searched over the full vectors under the data set's metric.
 */
export const semanticSearch: Handler<'semanticSearch'> = async ({ dataset, text, k }, ctx, state) => {
  const entry = state.datasets.get(dataset);
  const src = entry.dataset.textSource;
  if (!src)
    throw new VecscopeError(
      'semantic search needs a data set embedded from text (open a .txt, .csv, .tsv, .jsonl or .parquet of texts)',
    );
  if (text.trim() === '') throw new VecscopeError('type a text to search for');
  ctx.progress(0, 'embedding the query');
  const q = await embedQueryText(text, src.modelId, src.modelDir);
  ctx.throwIfCancelled();
  const base = entry.dataset.vectors;
  if (q.length !== base.dim)
    throw new VecscopeError(`the query embedding is ${q.length}-d but the data set is ${base.dim}-d`);
  const r = exactKnn(base, { data: q, n: 1, dim: base.dim }, Math.min(k, base.n), entry.metric, {
    signal: ctx.signal,
  });
  ctx.progress(1, 'done');
  return { ids: r.ids, dists: r.dists };
};
