import { useMemo } from 'react';
import { useApp } from '../components/context.js';
import type { Coloring } from '../scene/colors.js';
import { activeRow } from './labState.js';
import { lossColoring } from './labMetrics.js';

/** The map colouring the lab asks for (per-point neighbour loss of the active pipeline), or null. */
export function useLabColoring(n: number): Coloring | null {
  const lab = useApp((s) => s.lab);
  const datasetId = useApp((s) => s.dataset?.id);
  const row = activeRow(lab, datasetId);
  // A failed row has no loss to paint.
  const on =
    lab.open && lab.paintLoss && row !== null && row.error === undefined && row.neighbourLoss.length === n;
  return useMemo(
    () => (on && row ? lossColoring(row.neighbourLoss, `neighbour loss · ${row.pipeline}`) : null),
    [on, row],
  );
}
