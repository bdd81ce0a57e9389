import { VecscopeError } from '../../common/errors.js';
import { METRICS, type Metric } from '../../common/types.js';
import { expandHome } from '../io/expandHome.js';
import type { LoadOptions } from '../io/loadDataset.js';
import type { OptionHelp, OptionSpec, ParsedArgs } from './command.js';

/** The options every command that loads vectors accepts; spread them into a command's `options`. */
export const loadOptionSpec = {
  dim: { type: 'string' },
  metadata: { type: 'string' },
  'allow-nonfinite': { type: 'boolean' },
  metric: { type: 'string' },
  'max-rows': { type: 'string' },
  'text-model': { type: 'string' },
  table: { type: 'string' },
  column: { type: 'string' },
} satisfies OptionSpec;

/** The help of the options in loadOptionSpec. */
export const loadOptionsHelp = {
  dim: ['<d>', 'row length of a headerless raw float32 file (other formats carry theirs)'],
  metadata: [
    '<file>',
    'metadata, one row per vector: .tsv/.csv/.parquet/.jsonl with a header, or one value per row (.u8, .i32, .npy, .txt; a column named after the file) (default: <stem>.tsv beside the file, if any)',
  ],
  'allow-nonfinite': ['', 'load vectors holding NaN or infinity instead of refusing them'],
  metric: [
    'ip|l2|cos',
    "the metric (default: the file's own, ip for the sample, cos for unit-norm rows, else l2)",
  ],
  'max-rows': [
    '<n>',
    'at most n rows: a larger file opens as a seeded sample of n rows (seed 1, file order) with their metadata; binary files read only those rows, so a file larger than memory opens',
  ],
  'text-model': [
    '<dir>',
    'a table of texts (.txt one a line, or .csv/.tsv/.jsonl/.parquet with one text column) is embedded with this model folder (default: the built-in use-lite)',
  ],
  table: [
    '<name>',
    "a database source's table (postgres://, pgvector://, pglite://<dir>; a .lance path names its own)",
  ],
  column: ['<name>', "a database table's vector column (default: its only one)"],
} satisfies Record<keyof typeof loadOptionSpec, OptionHelp>;

/** The usage text of the options in loadOptionSpec. */
export const loadOptionsUsage =
  '[--dim <d>] [--metadata <file>] [--allow-nonfinite] [--metric ip|l2|cos] [--max-rows <n>] [--text-model <dir>] [--table <t>] [--column <c>]';

/** Parses a --metric value; undefined when the option was not given. */
export function parseMetric(value: unknown): Metric | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !METRICS.includes(value as Metric))
    throw new VecscopeError(`--metric must be one of ${METRICS.join(', ')}, got "${String(value)}"`);
  return value as Metric;
}

/** Parses an option holding a positive integer; undefined when it was not given. */
export function parsePositiveInt(name: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const x = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isSafeInteger(x) || x <= 0)
    throw new VecscopeError(`--${name} must be a positive integer, got "${String(value)}"`);
  return x;
}

/** Builds LoadOptions from parsed CLI values (--dim, --metadata, --allow-nonfinite, --metric, --max-rows, --text-model). */
export function loadOptionsFrom(values: ParsedArgs['values']): LoadOptions {
  const opts: LoadOptions = {};
  const dim = parsePositiveInt('dim', values['dim']);
  if (dim !== undefined) opts.dim = dim;
  const metadata = values['metadata'];
  if (typeof metadata === 'string') opts.metadata = expandHome(metadata);
  if (values['allow-nonfinite'] === true) opts.allowNonfinite = true;
  const metric = parseMetric(values['metric']);
  if (metric !== undefined) opts.metric = metric;
  const maxRows = parsePositiveInt('max-rows', values['max-rows']);
  if (maxRows !== undefined) opts.maxRows = maxRows;
  const textModel = values['text-model'];
  if (typeof textModel === 'string') opts.textModel = expandHome(textModel);
  const table = values['table'];
  const column = values['column'];
  if (typeof table === 'string' || typeof column === 'string')
    opts.db = {
      ...(typeof table === 'string' ? { table } : {}),
      ...(typeof column === 'string' ? { column } : {}),
    };
  return opts;
}

/** The vector-file argument of a command: the first positional, or "sample" when left out. */
export function vectorFileArg(args: ParsedArgs): string {
  return args.positionals[0] ?? 'sample';
}
