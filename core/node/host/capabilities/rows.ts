import { VecscopeError } from '../../../common/errors.js';
import type { MetadataColumn } from '../../../common/types.js';
import type { Handler } from '../capability.js';

export function cellText(c: MetadataColumn, row: number): string {
  switch (c.type) {
    case 'number': {
      const v = c.values[row]!;
      return Number.isInteger(v) ? String(v) : v.toPrecision(6);
    }
    case 'category': {
      const code = c.codes[row]!;
      return code >= 0 ? (c.categories[code] ?? '') : '';
    }
    case 'text':
      return c.values[row] ?? '';
  }
}

/** The metadata of some rows as text, for the tooltip and the selection table. */
export const rows: Handler<'rows'> = async ({ dataset, rows }, _ctx, state) => {
  const { dataset: ds } = state.datasets.get(dataset);
  const n = ds.vectors.n;
  // Metadata tables usually start with their own `row` column; the row number is always shown first.
  const cols = ds.metadata.filter((c) => c.name !== 'row');
  const values: string[][] = [];
  for (const r of rows) {
    if (r < 0 || r >= n) throw new VecscopeError(`row ${r} is outside 0..${n - 1}`);
    values.push([String(r), ...cols.map((c) => cellText(c, r))]);
  }
  return { columns: ['row', ...cols.map((c) => c.name)], values };
};
