import { VecscopeError } from '../../../common/errors.js';
import { datasetMetric } from '../../../common/recipes/datasetMetric.js';
import { MAP_DEFAULTS } from '../../../common/recipes/mapDefaults.js';
import { mapQualityRecipe } from '../../../common/recipes/mapQualityRecipe.js';
import type { MapQualityFigures } from '../../../common/metrics/mapQuality.js';
import type { Matrix } from '../../../common/types.js';
import { readLabelsArg } from '../../embed/labelsArg.js';
import { loadDataset } from '../../io/loadDataset.js';
import { writeNpy } from '../../io/write.js';
import { mapRecipe } from '../../recipes/mapRecipe.js';
import { checkOutputs } from '../checkOutputs.js';
import type { Command } from '../command.js';
import { parsePositiveInt, vectorFileArg } from '../loadOptions.js';
import {
  reduceLoadOptions,
  reduceLoadOptionsHelp,
  reduceLoadOptionSpec,
  reduceLoadOptionsUsage,
} from '../reduceArgs.js';

/** The `vecscope embed --json` object: the run, then the map's quality figures. */
interface EmbedReport extends Omit<MapQualityFigures, 'evaluated'> {
  method: 'umap' | 'tsne' | 'pca';
  dim: number;
  n: number;
  seconds: number;
  knn?: 'exact' | 'pca-prefilter';
  /** UMAP's start: spectral, pca or random (spectral falls back to pca for tiny graphs and > 2,000 components). */
  init?: string;
  /** 'sample-then-place' when UMAP was fitted on `fitted` rows and the others placed into that map. */
  strategy: 'full' | 'sample-then-place';
  fitted: number;
  /** How the placed rows found their sampled neighbours, and that search's recall when approximate. */
  placeSearch?: 'exact' | 'graph';
  placeRecall?: number;
  /** Queries placed into the map with UMAP's transform, and where their coordinates went. */
  queries?: number;
  queriesOut?: string;
  /** Points the quality metrics average over (exact ranks against all n). */
  qualitySample: number;
  out: string;
}

function parseNumber(name: string, v: unknown, lo: number, hi: number): number | undefined {
  if (v === undefined) return undefined;
  const x = Number(v);
  if (typeof v !== 'string' || !Number.isFinite(x) || x < lo || x > hi)
    throw new VecscopeError(`--${name} must be a number in [${lo}, ${hi}], got "${String(v)}"`);
  return x;
}

export const embedCommand: Command = {
  name: 'embed',
  summary: '2-D/3-D map of the vectors (UMAP, t-SNE or PCA) with its trustworthiness, written as .npy',
  usage:
    'vecscope embed [<file>|sample] --method umap|tsne|pca --dim 2|3 [--neighbors 15] [--min-dist 0.1] [--spread 1] ' +
    '[--epochs <e>] [--init spectral|pca|random] [--fit-sample auto|all|<rows>] [--perplexity 30] [--seed 1] [--labels <file|column>] [--quality-sample <points>] [--queries <file> --queries-out <q.npy>] --out <coords.npy> ' +
    `[--json] ${reduceLoadOptionsUsage}`,
  options: {
    ...reduceLoadOptionSpec,
    method: { type: 'string' },
    dim: { type: 'string' },
    neighbors: { type: 'string' },
    'min-dist': { type: 'string' },
    spread: { type: 'string' },
    epochs: { type: 'string' },
    init: { type: 'string' },
    'fit-sample': { type: 'string' },
    queries: { type: 'string' },
    'queries-out': { type: 'string' },
    perplexity: { type: 'string' },
    seed: { type: 'string' },
    labels: { type: 'string' },
    'quality-sample': { type: 'string' },
    out: { type: 'string' },
  },
  help: {
    method: ['umap|tsne|pca', 'the layout (default umap)'],
    dim: ['2|3', "the map's dimension (default 2)"],
    neighbors: ['<n>', "UMAP's n_neighbors, counting the point itself (default 15)"],
    'min-dist': ['<x>', "UMAP's min_dist (default 0.1)"],
    spread: ['<x>', "UMAP's spread (default 1)"],
    epochs: ['<e>', 'UMAP epochs or t-SNE iterations (default: 500 up to 10,000 rows, else 200)'],
    init: ['spectral|pca|random', "UMAP's start (default spectral)"],
    'fit-sample': [
      'auto|all|<rows>',
      'fit UMAP on a sample and place the rest (default auto: 50,000 rows above 100,000)',
    ],
    perplexity: ['<p>', "t-SNE's perplexity (default 30)"],
    seed: ['<s>', 'seed (default 1)'],
    labels: ['<file|column>', 'labels to score the map by (a metadata column or a one-column file)'],
    'quality-sample': [
      '<points>',
      'points the map quality is averaged over (default: all up to 5,000, then 1,000; 500 above 200,000)',
    ],
    queries: ['<file>', 'queries to place into the UMAP map (with --queries-out)'],
    'queries-out': ['<q.npy>', "where the queries' coordinates go"],
    out: ['<coords.npy>', 'where the coordinates go (required)'],
    ...reduceLoadOptionsHelp,
  },
  async run(args, io) {
    const out = args.values['out'];
    if (typeof out !== 'string') throw new VecscopeError('--out <coords.npy> is required');
    const method = (args.values['method'] ?? MAP_DEFAULTS.method) as string;
    if (method !== 'umap' && method !== 'tsne' && method !== 'pca')
      throw new VecscopeError(`--method must be umap, tsne or pca, got "${method}"`);
    // --dim is the map's dimension; a raw float32 file's row length is --raw-dim, as for reduce.
    const dim = parsePositiveInt('dim', args.values['dim']) ?? MAP_DEFAULTS.dim;
    if (dim !== 2 && dim !== 3) throw new VecscopeError(`--dim must be 2 or 3, got ${dim}`);
    const neighbors = parsePositiveInt('neighbors', args.values['neighbors']) ?? MAP_DEFAULTS.nNeighbors;
    if (neighbors < 2) throw new VecscopeError('--neighbors must be at least 2');
    const minDist = parseNumber('min-dist', args.values['min-dist'], 0, 10) ?? MAP_DEFAULTS.minDist;
    const spread = parseNumber('spread', args.values['spread'], 1e-3, 100) ?? MAP_DEFAULTS.spread;
    const perplexity =
      parseNumber('perplexity', args.values['perplexity'], 1, 1000) ?? MAP_DEFAULTS.perplexity;
    const epochs = parsePositiveInt('epochs', args.values['epochs']);
    const init = args.values['init'];
    if (init !== undefined && init !== 'spectral' && init !== 'pca' && init !== 'random')
      throw new VecscopeError(`--init must be spectral, pca or random, got "${String(init)}"`);
    const fitSampleArg = (args.values['fit-sample'] ?? 'auto') as string;
    const fitSampleRows =
      fitSampleArg === 'auto' || fitSampleArg === 'all'
        ? undefined
        : parsePositiveInt('fit-sample', fitSampleArg);
    const queriesArg = args.values['queries'];
    const queriesOut = args.values['queries-out'];
    if ((typeof queriesArg === 'string') !== (typeof queriesOut === 'string'))
      throw new VecscopeError('--queries and --queries-out go together');
    if (typeof queriesArg === 'string' && method !== 'umap')
      throw new VecscopeError('placing --queries into a map needs --method umap (its transform)');
    const seed = Number(args.values['seed'] ?? MAP_DEFAULTS.seed);
    if (!Number.isSafeInteger(seed)) throw new VecscopeError(`--seed must be an integer`);
    checkOutputs(
      [
        ['--out', out],
        ['--queries-out', queriesOut],
      ],
      [
        ['the base file', vectorFileArg(args), 'vectors'],
        ['--queries', queriesArg, 'vectors'],
        ['--labels', args.values['labels']],
        ['--metadata', args.values['metadata']],
      ],
    );
    const loadOpts = reduceLoadOptions(args.values);
    const source = vectorFileArg(args);
    const ds = await loadDataset(source, loadOpts);
    const m = ds.vectors;
    const metric = loadOpts.metric ?? datasetMetric(ds, source);
    if (m.n < 40) throw new VecscopeError(`a map needs at least 40 vectors, got ${m.n}`);
    let queries: Matrix | undefined;
    if (typeof queriesArg === 'string') {
      queries = (await loadDataset(queriesArg, { ...loadOpts, metadata: undefined })).vectors;
      if (queries.dim !== m.dim)
        throw new VecscopeError(
          `${queriesArg}: queries have ${queries.dim} dimensions, the vectors ${m.dim}`,
        );
    }
    const labelsArg = args.values['labels'];
    const labels =
      typeof labelsArg === 'string' ? await readLabelsArg(labelsArg, ds.metadata, m.n) : undefined;

    const t0 = performance.now();
    const r = await mapRecipe({
      data: m.data,
      n: m.n,
      dim: m.dim,
      metric,
      params: {
        method,
        dim,
        seed,
        nNeighbors: neighbors,
        minDist,
        spread,
        perplexity,
        ...(init !== undefined ? { init } : {}),
        fitSample: fitSampleRows ?? (fitSampleArg as 'auto' | 'all'),
        ...(epochs ? { epochs } : {}),
      },
      onProgress: (f, stage) => io.progress?.(stage, f),
    });
    const coords = r.coords;
    const knnMethod = r.knn;
    const initUsed = r.initUsed;
    const fitted = r.fitted;
    const placeInfo: Pick<EmbedReport, 'placeSearch' | 'placeRecall'> = {
      ...(r.placeSearch !== undefined ? { placeSearch: r.placeSearch } : {}),
      ...(r.placeRecall !== undefined ? { placeRecall: r.placeRecall } : {}),
    };
    const queryCoords = queries && r.place ? await r.place(queries) : undefined;
    const seconds = (performance.now() - t0) / 1000;
    await writeNpy(out, coords, [m.n, dim]);
    if (queryCoords && queries && typeof queriesOut === 'string')
      await writeNpy(queriesOut, queryCoords, [queries.n, dim]);

    const qualitySample = parsePositiveInt('quality-sample', args.values['quality-sample']);
    const q = mapQualityRecipe({
      data: m.data,
      n: m.n,
      dim: m.dim,
      metric,
      params: {
        positions: coords,
        mapDim: dim,
        ...(labels ? { labels } : {}),
        ...(qualitySample !== undefined ? { sample: qualitySample } : {}),
      },
    });
    const { evaluated: _evaluated, lost: _lost, ...rest } = q;
    const report: EmbedReport = {
      method,
      dim,
      n: m.n,
      seconds,
      ...(knnMethod ? { knn: knnMethod } : {}),
      ...(initUsed ? { init: initUsed } : {}),
      strategy: fitted < m.n ? 'sample-then-place' : 'full',
      fitted,
      ...placeInfo,
      ...(queries && typeof queriesOut === 'string' ? { queries: queries.n, queriesOut } : {}),
      qualitySample: q.evaluated,
      ...rest,
      out,
    };
    if (args.values['json'] === true) io.stdout(JSON.stringify(report) + '\n');
    else {
      const f = (x: number | undefined): string => (x === undefined ? '-' : x.toFixed(3));
      io.stdout(
        [
          `${method} ${dim}-D map of ${m.n} vectors in ${seconds.toFixed(1)} s${knnMethod ? ` (k-NN: ${knnMethod}${initUsed ? `, start: ${initUsed}` : ''})` : ''} -> ${out}`,
          ...(fitted < m.n
            ? [
                `fitted on ${fitted} sampled rows, the other ${m.n - fitted} placed into that map` +
                  (report.placeRecall !== undefined
                    ? ` (neighbours through a graph, recall@${neighbors} ${report.placeRecall.toFixed(3)})`
                    : ''),
              ]
            : []),
          `trustworthiness k=10/15  ${f(report.trustworthiness10)} / ${f(report.trustworthiness15)}`,
          `continuity k=10/15       ${f(report.continuity10)} / ${f(report.continuity15)}`,
          `k-NN preservation k=10   ${f(report.knnPreservation10)}`,
          ...(labels
            ? [
                `neighbourhood hit k=10   ${f(report.neighbourhoodHit10)}`,
                `k-NN accuracy k=10       ${f(report.knnAccuracy10)}`,
              ]
            : []),
          `(metrics over ${q.evaluated} points, exact ranks against all ${m.n})`,
          '',
        ].join('\n'),
      );
    }
    return 0;
  },
};
