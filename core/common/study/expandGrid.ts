import { VecscopeError } from '../errors.js';
import { formatPipeline } from '../pipeline/formatPipeline.js';
import { parsePipeline } from '../pipeline/parsePipeline.js';
import type { StudyGrid } from './studyGrid.js';

/** Expands a grid into canonical pipeline strings (duplicates removed, order kept). */
export function expandGrid(grid: StudyGrid): string[] {
  if (
    !Array.isArray(grid.quantizers) ||
    !Array.isArray(grid.indexes) ||
    grid.quantizers.length === 0 ||
    grid.indexes.length === 0
  )
    throw new VecscopeError('grid needs non-empty "quantizers" and "indexes" lists');
  const reductions: string[] = [];
  for (const r of grid.reductions ?? ['none']) {
    if (r.toLowerCase() === 'none' || r === '') reductions.push('');
    else {
      if (!grid.dims || grid.dims.length === 0) throw new VecscopeError(`grid reduction "${r}" needs "dims"`);
      for (const d of grid.dims) reductions.push(`${r}${d}`);
    }
  }
  const out: string[] = [];
  const seen = new Set<string>();
  for (const r of reductions)
    for (const q of grid.quantizers)
      for (const ix of grid.indexes) {
        const isFlat = /^flat$/i.test(ix.trim());
        for (const W of isFlat ? [undefined] : (grid.W ?? [undefined]))
          for (const rr of grid.rerank ?? [undefined]) {
            const settings = [W !== undefined ? `W=${W}` : '', rr ? `rerank=${rr}` : '']
              .filter((x) => x)
              .join(',');
            const s = `${r ? `${r},` : ''}${q},${ix}${settings ? `|${settings}` : ''}`;
            const canon = formatPipeline(parsePipeline(s));
            if (!seen.has(canon)) {
              seen.add(canon);
              out.push(canon);
            }
          }
      }
  return out;
}
