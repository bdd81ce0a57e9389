import { findImagePathColumn } from '../../../common/images/imagePathColumn.js';
import { formatCount } from '../../../common/io/format.js';
import { countNonFinite, rowNormStats } from '../../../common/io/validate.js';
import type { Dataset } from '../../../common/types.js';
import { loadDataset } from '../../io/loadDataset.js';
import { ROW_SAMPLE_SEED } from '../../io/rowSample.js';
import type { Command } from '../command.js';
import {
  loadOptionsFrom,
  loadOptionsHelp,
  loadOptionSpec,
  loadOptionsUsage,
  vectorFileArg,
} from '../loadOptions.js';

/** The `vecscope info --json` object. */
interface InfoReport {
  file: string;
  format: string;
  n: number;
  dim: number;
  dtype: string;
  metadataColumns: { name: string; type: string }[];
  nonFinite: number;
  norm: { min: number; mean: number; max: number };
  metric?: string;
  queries?: { n: number; dim: number };
  groundTruth?: { n: number; k: number };
  /** Set when --max-rows loaded a sample: the file's row count and the sample's seed. */
  sampledFrom?: { rows: number; seed: number };
  /** Where the rows' pictures come from (the app shows them as thumbnails). */
  images?: { height: number; width: number; channels: number } | { column: string };
}

/** Summarises a loaded data set. */
function infoReport(ds: Dataset): InfoReport {
  const report: InfoReport = {
    file: ds.file,
    format: ds.format,
    n: ds.vectors.n,
    dim: ds.vectors.dim,
    dtype: ds.dtype,
    metadataColumns: ds.metadata.map((c) => ({ name: c.name, type: c.type })),
    nonFinite: countNonFinite(ds.vectors).count,
    norm: rowNormStats(ds.vectors),
  };
  if (ds.metric) report.metric = ds.metric;
  if (ds.queries) report.queries = { n: ds.queries.n, dim: ds.queries.dim };
  if (ds.groundTruth) report.groundTruth = { n: ds.groundTruth.nq, k: ds.groundTruth.k };
  if (ds.sampled) report.sampledFrom = { rows: ds.sampled.of, seed: ROW_SAMPLE_SEED };
  const column = ds.image ? undefined : findImagePathColumn(ds.metadata);
  if (ds.image) report.images = { ...ds.image };
  else if (column !== undefined) report.images = { column };
  return report;
}

const fmt = (x: number): string => (Number.isInteger(x) ? String(x) : x.toPrecision(4));

function text(r: InfoReport): string {
  const cols = r.metadataColumns.map((c) => `${c.name} (${c.type})`).join(', ') || 'none';
  const lines = [
    `file        ${r.file}`,
    `format      ${r.format} (${r.dtype})`,
    `vectors     ${formatCount(r.n)} × ${r.dim}` +
      (r.sampledFrom
        ? ` (a seeded sample of the file's ${formatCount(r.sampledFrom.rows)} rows, seed ${r.sampledFrom.seed})`
        : ''),
    `metadata    ${cols}`,
    `non-finite  ${formatCount(r.nonFinite)}`,
    `norm        min ${fmt(r.norm.min)}  mean ${fmt(r.norm.mean)}  max ${fmt(r.norm.max)}`,
  ];
  if (r.metric) lines.push(`metric      ${r.metric} (from the file)`);
  if (r.queries) lines.push(`queries     ${formatCount(r.queries.n)} × ${r.queries.dim}`);
  if (r.groundTruth) lines.push(`ground truth ${formatCount(r.groundTruth.n)} × ${r.groundTruth.k}`);
  if (r.images)
    lines.push(
      'column' in r.images
        ? `images      the "${r.images.column}" column names image files`
        : `images      ${r.images.height} × ${r.images.width} × ${r.images.channels} per row`,
    );
  return lines.join('\n') + '\n';
}

export const infoCommand: Command = {
  name: 'info',
  summary: 'shape, format, dtype, metadata columns and norms of a vector file',
  usage: `vecscope info [<file>|sample] [--json] ${loadOptionsUsage}`,
  options: { ...loadOptionSpec },
  help: {
    ...loadOptionsHelp,
    metric: ['ip|l2|cos', 'checked on load: cos refuses all-zero rows (default: none)'],
  },
  async run(args, io) {
    const ds = await loadDataset(vectorFileArg(args), loadOptionsFrom(args.values));
    const report = infoReport(ds);
    io.stdout(args.values['json'] === true ? JSON.stringify(report) + '\n' : text(report));
    return 0;
  },
};
