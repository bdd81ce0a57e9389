import { VecscopeError } from '../../../common/errors.js';
import type { Dataset, Matrix } from '../../../common/types.js';
import { checkSameDim } from '../../../common/io/validate.js';
import { loadDataset } from '../../io/loadDataset.js';
import type { Handler } from '../capability.js';
import { checkOpenAllowed } from '../openRoots.js';

/** The column that names the queries: the first text column, else the first category column. */
function queryNames(ds: Dataset): { column: string; labels: string[] } {
  const n = ds.vectors.n;
  for (const c of ds.metadata) if (c.type === 'text') return { column: c.name, labels: c.values.slice(0, n) };
  for (const c of ds.metadata)
    if (c.type === 'category')
      return { column: c.name, labels: Array.from(c.codes, (code) => c.categories[code] ?? '') };
  return { column: '', labels: Array.from({ length: n }, (_, i) => `query ${i}`) };
}

/**
 * Loads the user's query file (and learning queries) for a data set. The same guard as `open` applies
 * in web mode; the data set's other query sets and its cached results stay as they were.
 */
export const attachQueries: Handler<'attachQueries'> = async (params, ctx, state) => {
  const entry = state.datasets.get(params.dataset);
  const base = entry.dataset.vectors;
  const roots = state.options.openRoots;
  for (const p of [params.path, params.learnPath]) if (p !== undefined && roots) checkOpenAllowed(p, roots);
  ctx.progress(0, 'reading the queries');
  const load = async (path: string): Promise<Dataset> => {
    if (path === 'sample') throw new VecscopeError('the sample is a base, not a query file; give a file');
    // A file of query texts is embedded with the model the data set's texts were (the built-in
    // sample is USE-lite's, so its query texts use the built-in model too).
    const own = entry.dataset.textSource;
    const ds = await loadDataset(path, {
      role: 'queries',
      dim: base.dim,
      metric: entry.metric,
      textModel: own?.modelDir,
      signal: ctx.signal,
    });
    if (ds.textSource && (own ? own.modelId !== ds.textSource.modelId : entry.dataset.file !== 'sample'))
      throw new VecscopeError(
        'query texts need a data set embedded from text with the same model; give a vector file instead',
        path,
      );
    checkSameDim(ds.vectors, base, path);
    return ds;
  };
  const qds = await load(params.path);
  ctx.throwIfCancelled();
  let learn: Matrix | undefined;
  if (params.learnPath !== undefined) {
    ctx.progress(0.5, 'reading the learning queries');
    learn = (await load(params.learnPath)).vectors;
  }
  const names = queryNames(qds);
  entry.queryFile = {
    version: (entry.queryFile?.version ?? 0) + 1,
    file: params.path,
    queries: qds.vectors,
    labels: names.labels,
    labelColumn: names.column,
    ...(learn ? { learn } : {}),
  };
  ctx.progress(1, 'done');
  return { file: params.path, n: qds.vectors.n, learnN: learn?.n ?? 0, labelColumn: names.column };
};
