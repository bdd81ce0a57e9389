import type { WireStudyRow } from '../../../core/common/rpc/protocol.js';
import { Decomposition } from './Decomposition.js';
import type { LabSession } from './labSession.js';
import { MemoryCalculator } from './MemoryCalculator.js';
import { PipelineExports } from './PipelineExports.js';
import { RecallBreakdown } from './RecallBreakdown.js';
import { VerifyInDatabase } from './VerifyInDatabase.js';

/** The lab's column for the pipeline a chart or the table selects: its recall loss, memory and exports. */
export function SelectedPipeline({ lab, row, k }: { lab: LabSession; row: WireStudyRow | null; k: number }) {
  return (
    <section className="lab-col lab-selected" data-testid="lab-selected">
      <h3>
        {row ? (
          <>
            Selected: <code data-testid="selected-pipeline">{row.pipeline}</code>
          </>
        ) : (
          'Selected pipeline'
        )}
      </h3>
      {row?.error !== undefined ? (
        <div className="err" data-testid="selected-error">
          this pipeline could not be measured: {row.error}
        </div>
      ) : row ? (
        <>
          <Decomposition row={row} k={k} />
          <MemoryCalculator row={row} />
          <PipelineExports lab={lab} row={row} k={k} />
          <VerifyInDatabase lab={lab} row={row} />
          <RecallBreakdown row={row} />
        </>
      ) : (
        <div className="dim">click a point in a chart or a row of the table</div>
      )}
    </section>
  );
}
