import { useMemo } from 'react';
import { useApp } from '../components/context.js';
import type { Coloring } from '../scene/colors.js';
import { lossColoring } from './labMetrics.js';
import { selectActiveRow, selectFilter, selectLabPaintLoss, selectLabVerified } from '../store/selectors.js';

/** The map colouring the lab asks for (per-point neighbour loss of the active pipeline), or null. It
 * stays while the lab is closed, so the map can be studied full size; the header's switch turns it off.
 * With the explorer's filter on and measured by the study, the loss is the filtered one: which allowed
 * rows the filtered queries missed (in-graph for a graph pipeline, pre-filter for a flat one). */
export function useLabColoring(n: number): Coloring | null {
  const paintLoss = useApp(selectLabPaintLoss);
  const row = useApp(selectActiveRow);
  const predicate = useApp(selectFilter).applied?.predicate ?? null;
  const verified = useApp(selectLabVerified);
  // The database's own losses, when the user asked to see them for the pipeline on show.
  const db =
    verified?.paint && row?.pipeline === verified.pipeline && verified.result.pointLoss.length === n
      ? verified
      : null;
  // A failed row has no loss to paint.
  const on = paintLoss && row !== null && row.error === undefined && row.neighbourLoss.length === n;
  return useMemo(() => {
    if (db) return lossColoring(db.result.pointLoss, `lost by ${db.result.engine} · ${db.pipeline}`);
    if (!on || !row) return null;
    const filtered = predicate !== null ? row.filtered?.find((f) => f.filter === predicate) : undefined;
    if (filtered && filtered.neighbourLoss.length === n)
      return lossColoring(
        filtered.neighbourLoss,
        `filtered neighbour loss (${filtered.recallInGraph !== undefined ? 'in-graph' : 'pre-filter'}) · ${row.pipeline}`,
      );
    return lossColoring(row.neighbourLoss, `neighbour loss · ${row.pipeline}`);
  }, [on, row, predicate, n, db]);
}
