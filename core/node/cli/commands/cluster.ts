import { summarizeClusters } from '../../../common/cluster/clusterSummary.js';
import { hdbscan } from '../../../common/cluster/hdbscan.js';
import { kmeans } from '../../../common/cluster/kmeans.js';
import { takeRows } from '../../../common/data/takeRows.js';
import { VecscopeError } from '../../../common/errors.js';
import { silhouette } from '../../../common/metrics/silhouette.js';
import { createRng, sampleIndices } from '../../../common/random.js';
import { fitReduction } from '../../../common/reduce/fitReduction.js';
import { reduceData } from '../../../common/reduce/reduction.js';
import type { Matrix } from '../../../common/types.js';
import { loadDataset } from '../../io/loadDataset.js';
import { writeNpy } from '../../io/write.js';
import { checkOutputs } from '../checkOutputs.js';
import type { Command } from '../command.js';
import {
  loadOptionSpec,
  loadOptionsFrom,
  loadOptionsUsage,
  parsePositiveInt,
  vectorFileArg,
} from '../loadOptions.js';

/** HDBSCAN's minimum spanning tree is O(n²): above this many rows a sample is clustered. */
const HDBSCAN_MAX_ROWS = 30000;
/** Unmapped vectors of higher dimension are reduced by PCA before HDBSCAN. */
const HDBSCAN_PCA_DIM = 10;

/** The `vecscope cluster --json` object. */
export interface ClusterReport {
  method: 'kmeans' | 'hdbscan';
  /** What was clustered: "vectors", "map" (--coords) or "pca<d>". */
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
    'vecscope cluster [<file>|sample] --method kmeans|hdbscan [--k <k>] [--min-size <m>] [--coords <coords.npy>] ' +
    `[--text-column <name>] [--seed 42] --out <labels.npy> [--json] ${loadOptionsUsage}`,
  options: {
    ...loadOptionSpec,
    method: { type: 'string' },
    k: { type: 'string' },
    'min-size': { type: 'string' },
    coords: { type: 'string' },
    'text-column': { type: 'string' },
    seed: { type: 'string' },
    out: { type: 'string' },
  },
  async run(args, io) {
    const out = args.values['out'];
    if (typeof out !== 'string') throw new VecscopeError('--out <labels.npy> is required');
    const method = (args.values['method'] ?? 'kmeans') as string;
    if (method !== 'kmeans' && method !== 'hdbscan')
      throw new VecscopeError(`--method must be kmeans or hdbscan, got "${method}"`);
    const seed = Number(args.values['seed'] ?? 42);
    if (!Number.isSafeInteger(seed)) throw new VecscopeError('--seed must be an integer');
    checkOutputs(
      [['--out', out]],
      [
        ['the base file', vectorFileArg(args), 'vectors'],
        ['--coords', args.values['coords'], 'vectors'],
        ['--metadata', args.values['metadata']],
      ],
    );
    const loadOpts = loadOptionsFrom(args.values);
    const ds = await loadDataset(vectorFileArg(args), loadOpts);
    const n = ds.vectors.n;
    const coordsArg = args.values['coords'];
    let space: Matrix = ds.vectors;
    let spaceName = 'vectors';
    if (typeof coordsArg === 'string') {
      space = (await loadDataset(coordsArg, {})).vectors;
      if (space.n !== n)
        throw new VecscopeError(`--coords holds ${space.n} rows for ${n} vectors`, coordsArg);
      spaceName = 'map';
    }
    const textColumn = args.values['text-column'];
    if (
      typeof textColumn === 'string' &&
      !ds.metadata.some((c) => c.name === textColumn && c.type === 'text')
    )
      throw new VecscopeError(
        `no text column "${textColumn}" (text columns: ${
          ds.metadata
            .filter((c) => c.type === 'text')
            .map((c) => c.name)
            .join(', ') || 'none'
        })`,
      );

    const t0 = performance.now();
    let labels: Int32Array;
    if (method === 'kmeans') {
      const k = parsePositiveInt('k', args.values['k']) ?? 10;
      if (k > n) throw new VecscopeError(`--k ${k} exceeds the ${n} vectors`);
      labels = kmeans(space, { k, seed, nInit: n * k * space.dim > 2e8 ? 3 : 10 }).labels;
    } else {
      const minSize = parsePositiveInt('min-size', args.values['min-size']) ?? 10;
      if (minSize < 2) throw new VecscopeError('--min-size must be at least 2');
      if (spaceName === 'vectors' && space.dim > HDBSCAN_PCA_DIM) {
        const fitRows = sampleIndices(n, Math.min(n, 20000), createRng(seed));
        const fit = fitReduction('pca', takeRows(space, fitRows), {
          dim: HDBSCAN_PCA_DIM,
          metric: 'l2',
          seed,
        });
        space = reduceData(fit.reduction, space);
        spaceName = `pca${HDBSCAN_PCA_DIM}`;
      }
      if (n <= HDBSCAN_MAX_ROWS) labels = hdbscan(space, { minClusterSize: minSize }).labels;
      else {
        // Cluster a sample, then give every other row the label of its nearest sampled row.
        const rows = sampleIndices(n, HDBSCAN_MAX_ROWS, createRng(seed));
        const sampleSpace = takeRows(space, rows);
        const sub = hdbscan(sampleSpace, {
          minClusterSize: Math.max(2, Math.round((minSize * rows.length) / n)),
        });
        labels = new Int32Array(n);
        const D = space.dim;
        for (let i = 0; i < n; i++) {
          let best = 0;
          let bd = Infinity;
          for (let t = 0; t < rows.length; t++) {
            let s = 0;
            for (let j = 0; j < D; j++) s += (space.data[i * D + j]! - sampleSpace.data[t * D + j]!) ** 2;
            if (s < bd) {
              bd = s;
              best = t;
            }
          }
          labels[i] = sub.labels[best]!;
        }
      }
    }
    const seconds = (performance.now() - t0) / 1000;
    await writeNpy(out, labels, [n]);
    const summary = summarizeClusters(space, labels, {
      metadata: ds.metadata,
      ...(typeof textColumn === 'string' ? { textColumn } : {}),
      seed,
    });
    const sil = silhouette(space, labels, { seed });
    const report: ClusterReport = {
      method,
      space: spaceName,
      n,
      seconds,
      clusters: summary.clusters.map((c) => ({ id: c.id, size: c.size, label: c.label, medoid: c.medoid })),
      noise: summary.noise,
      silhouette: Number.isNaN(sil) ? null : sil,
      out,
    };
    if (args.values['json'] === true) io.stdout(JSON.stringify(report) + '\n');
    else {
      io.stdout(
        [
          `${method} on ${spaceName}: ${summary.clusters.length} clusters, ${summary.noise} noise points, silhouette ${
            report.silhouette === null ? '-' : report.silhouette.toFixed(3)
          } (${seconds.toFixed(1)} s) -> ${out}`,
          ...summary.clusters.map(
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
