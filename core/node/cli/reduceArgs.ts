import { VecscopeError } from '../../common/errors.js';
import { expandHome } from '../io/expandHome.js';
import type { LoadOptions } from '../io/loadDataset.js';
import type { OptionHelp, OptionSpec, ParsedArgs } from './command.js';
import { loadOptionSpec, loadOptionsHelp, parseMetric, parsePositiveInt } from './loadOptions.js';

// The reduction commands use --dim for the target dimension, so the shared loader's --dim (the row
// length of a headerless raw float32 file) is renamed --raw-dim for them.
const { dim: _rawDim, ...rest } = loadOptionSpec;
export const reduceLoadOptionSpec = { ...rest, 'raw-dim': { type: 'string' } } satisfies OptionSpec;

const { dim: _rawDimHelp, ...restHelp } = loadOptionsHelp;
/** The help of reduceLoadOptionSpec. */
export const reduceLoadOptionsHelp = {
  ...restHelp,
  'raw-dim': ['<D>', 'row length of a headerless raw float32 file (other formats carry theirs)'],
} satisfies Record<keyof typeof reduceLoadOptionSpec, OptionHelp>;

/** The usage text of reduceLoadOptionSpec. */
export const reduceLoadOptionsUsage =
  '[--raw-dim <D>] [--metadata <file>] [--allow-nonfinite] [--metric ip|l2|cos]';

export function reduceLoadOptions(values: ParsedArgs['values']): LoadOptions {
  const opts: LoadOptions = {};
  const rawDim = parsePositiveInt('raw-dim', values['raw-dim']);
  if (rawDim !== undefined) opts.dim = rawDim;
  if (typeof values['metadata'] === 'string') opts.metadata = expandHome(values['metadata']);
  if (values['allow-nonfinite'] === true) opts.allowNonfinite = true;
  const metric = parseMetric(values['metric']);
  if (metric !== undefined) opts.metric = metric;
  return opts;
}

/** Parses a comma-separated list of positive integers (--dims 32,64,128). */
export function parseIntList(name: string, value: unknown): number[] {
  if (typeof value !== 'string' || value.trim() === '') throw new VecscopeError(`--${name} is required`);
  return value.split(',').map((s) => {
    const x = Number(s.trim());
    if (!Number.isSafeInteger(x) || x <= 0)
      throw new VecscopeError(`--${name}: "${s}" is not a positive integer`);
    return x;
  });
}
