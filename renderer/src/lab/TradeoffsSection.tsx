import type { WireStudyRow } from '../../../core/common/rpc/protocol.js';
import { useApp, useAppContext } from '../components/context.js';
import type { LabSession } from './labSession.js';
import { ModelBSweep } from './ModelBSweep.js';
import type { StudyResults } from './labState.js';
import { ParetoChart } from './ParetoChart.js';
import { SelectivityChart } from './SelectivityChart.js';
import { StudyExports } from './StudyExports.js';
import { StudyTable } from './StudyTable.js';

/** The lab's middle column: recall against speed and against size, the rows' table, and the exports. */
export function TradeoffsSection({
  lab,
  study,
  k,
  row,
}: {
  lab: LabSession;
  study: StudyResults | null;
  k: number;
  row: WireStudyRow | null;
}) {
  const { store } = useAppContext();
  const modelB = useApp((s) => s.lab.modelB);
  // Model B's rows belong beside this study only when both measured the same thing.
  const rowsB =
    modelB &&
    study &&
    modelB.datasetId === study.datasetId &&
    modelB.k === study.k &&
    modelB.querySet === study.querySet
      ? modelB.rows
      : undefined;
  const hover = (p: string | null) => store.dispatch({ type: 'lab/hover', pipeline: p });
  const select = (p: string) => store.dispatch({ type: 'lab/select', pipeline: p });
  const active = row?.pipeline ?? null;
  return (
    <section className="lab-col lab-results">
      <h3>Trade-offs</h3>
      {study && study.rows.length > 0 ? (
        <>
          <div className="charts">
            <ParetoChart
              rows={study.rows}
              rowsB={rowsB}
              x="qps"
              k={k}
              active={active}
              onHover={hover}
              onSelect={select}
            />
            <ParetoChart
              rows={study.rows}
              rowsB={rowsB}
              x="bytes"
              k={k}
              active={active}
              onHover={hover}
              onSelect={select}
            />
            <SelectivityChart rows={study.rows} k={k} active={active} />
          </div>
          <ModelBSweep lab={lab} />
          <StudyTable rows={study.rows} active={active} />
          <StudyExports study={study} />
        </>
      ) : (
        <div className="dim">
          <ModelBSweep lab={lab} />
          {study?.running
            ? 'the first row is on its way…'
            : 'run a sweep to see recall against speed and size'}
        </div>
      )}
    </section>
  );
}
