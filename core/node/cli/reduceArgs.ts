import { VecscopeError } from '../../common/errors.js';
import type { LoadOptions } from '../io/loadDataset.js';
import type { ParsedArgs } from './command.js';
import { loadOptionSpec, parseMetric } from './loadOptions.js';

// The reduction commands use --dim for the target dimension, so they take the shared load options
// without theirs (a raw file's row length cannot be given to them; use a self-describing format).
const { dim: _rawDim, ...rest } = loadOptionSpec;
export const reduceLoadOptionSpec = rest;

export function reduceLoadOptions(values: ParsedArgs['values']): LoadOptions {
  const opts: LoadOptions = {};
  if (typeof values['metadata'] === 'string') opts.metadata = values['metadata'];
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
