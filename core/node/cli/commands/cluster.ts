import { VecscopeError } from '../../../common/errors.js';
import { datasetMetric } from '../../../common/recipes/datasetMetric.js';
import { silhouette } from '../../../common/metrics/silhouette.js';
import {
  CLUSTER_DEFAULTS,
  CLUSTER_SPACES,
  type ClusterSpace,
} from '../../../common/recipes/clusterDefaults.js';
import type { Matrix } from '../../../common/types.js';
import { loadDataset } from '../../io/loadDataset.js';
import { writeNpy } from '../../io/write.js';
import { clusterRecipe } from '../../recipes/clusterRecipe.js';
import { checkOutputs } from '../checkOutputs.js';
import type { Command } from '../command.js';
import {
  loadOptionsFrom,
  loadOptionsHelp,
  loadOptionSpec,
  loadOptionsUsage,
  parsePositiveInt,
  vectorFileArg,
} from '../loadOptions.js';

/** The `vecscope cluster --json` object. */
interface ClusterReport {
  method: 'kmeans' | 'hdbscan';
  /** What was clustered: "vectors", "map" (--coords), "pca<d>" or "umap<d>". */
  space: string;
  n: number;
  seconds: number;
  clusters: { id: number; size: number; label: string; medoid: number }[];
  noise: number;
  silhouette: number | null;
  out: string;
}

export const clusterCommand: Command = {
  name: 'cluster',
  summary: 'k-means or HDBSCAN clusters of the vectors or of a map, with sizes, medoids and keyword labels',
  usage:
    'vecscope cluster [<file>|sample] --method kmeans|hdbscan [--k <k>] [--min-size <m>] [--min-samples <s>] ' +
    '[--space original|umap|layout] [--space-dim 5..10] [--coords <coords.npy>] ' +
    `[--text-column <name>] [--seed 1] --out <labels.npy> [--json] ${loadOptionsUsage}`,
  options: {
    ...loadOptionSpec,
    method: { type: 'string' },
    k: { type: 'string' },
    'min-size': { type: 'string' },
    'min-samples': { type: 'string' },
    space: { type: 'string' },
    'space-dim': { type: 'string' },
    coords: { type: 'string' },
    'text-column': { type: 'string' },
    seed: { type: 'string' },
    out: { type: 'string' },
  },
  help: {
    method: ['kmeans|hdbscan', 'the clustering (default kmeans)'],
    k: ['<k>', 'k-means clusters (default √(n / 20), between 2 and 30)'],
    'min-size': ['<m>', "HDBSCAN's minimum cluster size (default max(10, n / 300))"],
    'min-samples': [
      '<s>',
      "HDBSCAN's min_samples, the neighbours (the point counted) of a point's density (default: the minimum size)",
    ],
    space: [
      'original|umap|layout',
      `what is clustered: the vectors (PCA-${CLUSTER_DEFAULTS.kmeansPcaDim} for k-means, ` +
        `PCA-${CLUSTER_DEFAULTS.hdbscanPcaDim} for HDBSCAN), a seeded UMAP of them, or the map of --coords ` +
        `(default: layout with --coords; umap for HDBSCAN on vectors of more than 10 dimensions, where ` +
        `density is flat and most points come out as noise; else original)`,
    ],
    'space-dim': [
      `${CLUSTER_DEFAULTS.umapDimRange[0]}..${CLUSTER_DEFAULTS.umapDimRange[1]}`,
      `dimensions of the umap space (default ${CLUSTER_DEFAULTS.umapDim})`,
    ],
    coords: ['<coords.npy>', 'the map (vecscope embed --out) the layout space clusters'],
    'text-column': [
      '<name>',
      'metadata column the cluster names come from (default: the first text column named like definition, text, title, description or sentence)',
    ],
    seed: ['<s>', 'seed (default 1)'],
    out: ['<labels.npy>', 'where the labels go, -1 = noise (required)'],
    ...loadOptionsHelp,
  },
  async run(args, io) {
    const out = args.values['out'];
    if (typeof out !== 'string') throw new VecscopeError('--out <labels.npy> is required');
    const method = (args.values['method'] ?? CLUSTER_DEFAULTS.method) as string;
    if (method !== 'kmeans' && method !== 'hdbscan')
      throw new VecscopeError(`--method must be kmeans or hdbscan, got "${method}"`);
    const seed = Number(args.values['seed'] ?? CLUSTER_DEFAULTS.seed);
    if (!Number.isSafeInteger(seed)) throw new VecscopeError('--seed must be an integer');
    const space = args.values['space'];
    if (space !== undefined && !CLUSTER_SPACES.includes(space as ClusterSpace))
      throw new VecscopeError(`--space must be ${CLUSTER_SPACES.join(', ')}, got "${String(space)}"`);
    const spaceDim = parsePositiveInt('space-dim', args.values['space-dim']);
    const [dimLo, dimHi] = CLUSTER_DEFAULTS.umapDimRange;
    if (spaceDim !== undefined && (spaceDim < dimLo || spaceDim > dimHi))
      throw new VecscopeError(`--space-dim must be ${dimLo} to ${dimHi}, got ${spaceDim}`);
    const minSamples = parsePositiveInt('min-samples', args.values['min-samples']);
    const k = parsePositiveInt('k', args.values['k']);
    const minClusterSize = parsePositiveInt('min-size', args.values['min-size']);
    if (minClusterSize !== undefined && minClusterSize < 2)
      throw new VecscopeError('--min-size must be at least 2');
    checkOutputs(
      [['--out', out]],
      [
        ['the base file', vectorFileArg(args), 'vectors'],
        ['--coords', args.values['coords'], 'vectors'],
        ['--metadata', args.values['metadata']],
      ],
    );
    const loadOpts = loadOptionsFrom(args.values);
    const source = vectorFileArg(args);
    const ds = await loadDataset(source, loadOpts);
    const n = ds.vectors.n;
    if (k !== undefined && k > n) throw new VecscopeError(`--k ${k} exceeds the ${n} vectors`);
    const coordsArg = args.values['coords'];
    let coords: Matrix | undefined;
    if (typeof coordsArg === 'string') {
      coords = (await loadDataset(coordsArg, {})).vectors;
      if (coords.n !== n)
        throw new VecscopeError(`--coords holds ${coords.n} rows for ${n} vectors`, coordsArg);
    }
    const textColumn = args.values['text-column'];

    const t0 = performance.now();
    const r = await clusterRecipe({
      data: ds.vectors.data,
      n,
      dim: ds.vectors.dim,
      metric: loadOpts.metric ?? datasetMetric(ds, source),
      params: {
        method,
        seed,
        metadata: ds.metadata,
        ...(k !== undefined ? { k } : {}),
        ...(minClusterSize !== undefined ? { minClusterSize } : {}),
        ...(minSamples !== undefined ? { minSamples } : {}),
        ...(space !== undefined ? { space: space as ClusterSpace } : {}),
        ...(spaceDim !== undefined ? { spaceDim } : {}),
        ...(coords ? { coords } : {}),
        ...(typeof textColumn === 'string' ? { textColumn } : {}),
      },
      onProgress: (f, stage) => io.progress?.(stage, f),
    });
    const seconds = (performance.now() - t0) / 1000;
    await writeNpy(out, r.labels, [n]);
    const sil = silhouette(r.space, r.labels, { seed });
    const report: ClusterReport = {
      method,
      space: r.spaceName,
      n,
      seconds,
      clusters: r.clusters.map((c) => ({ id: c.id, size: c.size, label: c.label, medoid: c.medoid })),
      noise: r.noise,
      silhouette: Number.isNaN(sil) ? null : sil,
      out,
    };
    if (args.values['json'] === true) io.stdout(JSON.stringify(report) + '\n');
    else {
      io.stdout(
        [
          `${method} on ${r.spaceName}: ${r.clusters.length} clusters, ${r.noise} noise points, silhouette ${
            report.silhouette === null ? '-' : report.silhouette.toFixed(3)
          } (${seconds.toFixed(1)} s) -> ${out}`,
          ...r.clusters.map(
            (c) =>
              `  ${String(c.id).padStart(3)}  ${String(c.size).padStart(7)}  medoid ${c.medoid}  ${c.label}`,
          ),
          '',
        ].join('\n'),
      );
    }
    return 0;
  },
};
