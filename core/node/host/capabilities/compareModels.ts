import { resolve } from 'node:path';
import { VecscopeError } from '../../../common/errors.js';
import { datasetMetric } from '../../../common/recipes/datasetMetric.js';
import { readLabelsArg } from '../../embed/labelsArg.js';
import { expandHome } from '../../io/expandHome.js';
import { loadDataset } from '../../io/loadDataset.js';
import { compareRecipe } from '../../recipes/compareRecipe.js';
import type { Handler } from '../capability.js';
import { checkOpenAllowed } from '../openRoots.js';

const orNull = (x: number) => (Number.isFinite(x) ? x : null);
const scores = (s: { knnAccuracy: number; neighbourhoodHit: number }) => ({
  knnAccuracy: orNull(s.knnAccuracy),
  neighbourhoodHit: orNull(s.neighbourhoodHit),
});

/** The app's comparison of two embedding models: the same recipe and figures as `vecscope compare`. */
export const compareModels: Handler<'compareModels'> = async (params, ctx, state) => {
  const entry = state.datasets.get(params.dataset);
  const a = entry.dataset;
  const textModel = params.textModel?.trim() ? expandHome(params.textModel.trim()) : undefined;
  for (const p of [params.path, textModel])
    if (p !== undefined && state.options.openRoots) checkOpenAllowed(p, state.options.openRoots);
  ctx.progress(0, 'reading model B');
  // The open table of texts again, by another model: the same column.
  const sameFile = a.textSource !== undefined && resolve(expandHome(params.path)) === resolve(a.file);
  const b = await loadDataset(params.path, {
    textModel,
    textColumn: sameFile ? a.textSource?.column : undefined,
    signal: ctx.signal,
    onTextProgress: (f) => ctx.progress(0.9 * f, 'embedding model B'),
  });
  ctx.throwIfCancelled();
  if (b.vectors.n !== a.vectors.n)
    throw new VecscopeError(
      `holds ${b.vectors.n} rows but the open data set holds ${a.vectors.n}; compare needs the same rows in the same order`,
      params.path,
    );
  const metricB = datasetMetric(b, params.path);
  const labels =
    params.labelColumn !== undefined
      ? await readLabelsArg(params.labelColumn, a.metadata, a.vectors.n)
      : undefined;
  const r = await compareRecipe(
    { vectors: a.vectors, metric: entry.metric },
    { vectors: b.vectors, metric: metricB },
    { ...(params.k !== undefined ? { k: params.k } : {}), ...(labels ? { labels } : {}) },
    { onProgress: (f, stage) => ctx.progress(0.05 + 0.95 * f, stage), signal: ctx.signal },
  );
  return {
    file: params.path,
    ...(textModel !== undefined ? { textModel } : {}),
    ...(sameFile && b.textSource ? { textColumn: b.textSource.column } : {}),
    ...(b.textSource ? { modelB: b.textSource.modelId } : {}),
    dimB: b.vectors.dim,
    metricB,
    k: r.k,
    meanJaccard: orNull(r.meanJaccard),
    meanOverlap: orNull(r.meanOverlap),
    cka: orNull(r.cka),
    spearman: orNull(r.spearman),
    jaccard: r.perPoint.jaccard,
    disagree: r.disagree,
    ...(r.labels && params.labelColumn !== undefined
      ? { labels: { column: params.labelColumn, a: scores(r.labels.a), b: scores(r.labels.b) } }
      : {}),
  };
};
