import { VecscopeError } from '../../../common/errors.js';
import type { Handler } from '../capability.js';
import { cellText } from './rows.js';

/** Rows whose text or category metadata contains the text (case-insensitive), in row order. */
export const search: Handler<'search'> = async ({ dataset, text, column }, ctx, state) => {
  const { dataset: ds } = state.datasets.get(dataset);
  const needle = text.trim().toLowerCase();
  if (needle === '') return { rows: new Int32Array(0) };
  const cols = ds.metadata.filter((c) => (column === undefined ? c.type !== 'number' : c.name === column));
  if (column !== undefined && cols.length === 0) throw new VecscopeError(`no metadata column "${column}"`);
  const n = ds.vectors.n;
  const hits: number[] = [];
  for (const c of cols) {
    if (c.type === 'category') {
      const match = c.categories.map((name) => name.toLowerCase().includes(needle));
      for (let r = 0; r < n; r++) if (match[c.codes[r]!]) hits.push(r);
    } else {
      for (let r = 0; r < n; r++) {
        if (cellText(c, r).toLowerCase().includes(needle)) hits.push(r);
        if ((r & 0xffff) === 0xffff) await ctx.breathe();
      }
    }
  }
  const unique = Int32Array.from(new Set(hits)).sort();
  return { rows: unique };
};
