import { useMemo } from 'react';
import { useApp } from '../components/context.js';
import type { Coloring } from '../scene/colors.js';
import { lossColoring } from './labMetrics.js';
import { selectActiveRow, selectLabPaintLoss, selectLabVerified } from '../store/selectors.js';

/** The map colouring the lab asks for (per-point neighbour loss of the active pipeline), or null. It
 * stays while the lab is closed, so the map can be studied full size; the header's switch turns it off. */
export function useLabColoring(n: number): Coloring | null {
  const paintLoss = useApp(selectLabPaintLoss);
  const row = useApp(selectActiveRow);
  const verified = useApp(selectLabVerified);
  // The database's own losses, when the user asked to see them for the pipeline on show.
  const db =
    verified?.paint && row?.pipeline === verified.pipeline && verified.result.pointLoss.length === n
      ? verified
      : null;
  // A failed row has no loss to paint.
  const on = paintLoss && row !== null && row.error === undefined && row.neighbourLoss.length === n;
  return useMemo(
    () =>
      db
        ? lossColoring(db.result.pointLoss, `lost by ${db.result.engine} · ${db.pipeline}`)
        : on && row
          ? lossColoring(row.neighbourLoss, `neighbour loss · ${row.pipeline}`)
          : null,
    [on, row, db],
  );
}
