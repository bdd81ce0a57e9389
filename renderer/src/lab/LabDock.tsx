import { useMemo } from 'react';
import { useApp, useAppContext } from '../components/context.js';
import { Decomposition } from './Decomposition.js';
import { chartFile } from './chartFile.js';
import { canvasBlob, saveFile, svgToPng } from './download.js';
import type { TradeoffAxis } from '../../../core/common/charts/studyPoints.js';
import { studyRowsToCsv, studyRowsToJson } from '../../../core/common/export/studyRows.js';
import { LabSession } from './labSession.js';
import { ParetoChart } from './ParetoChart.js';
import { PipelineExports } from './PipelineExports.js';
import { QueryPanel } from './QueryPanel.js';
import { QUERY_SET_LABELS } from './querySets.js';
import { StudyBuilder } from './StudyBuilder.js';
import { StudyTable } from './StudyTable.js';
import { RecallBreakdown } from './RecallBreakdown.js';
import { MemoryCalculator } from './MemoryCalculator.js';
import {
  selectActiveRow,
  selectDatasetId,
  selectLabK,
  selectLabOpen,
  selectLabPaintLoss,
  selectLabStudy,
} from '../store/selectors.js';
import './lab.css';

export function LabDock() {
  const { store, session } = useAppContext();
  const lab = useMemo(() => {
    const l = new LabSession(session);
    window.__vecscope = { ...window.__vecscope, lab: l };
    return l;
  }, [session]);
  const open = useApp(selectLabOpen);
  const labStudy = useApp(selectLabStudy);
  const labK = useApp(selectLabK);
  const paintLoss = useApp(selectLabPaintLoss);
  const row = useApp(selectActiveRow);
  const datasetId = useApp(selectDatasetId);
  const study = labStudy && labStudy.datasetId === datasetId ? labStudy : null;
  const hover = (p: string | null) => store.dispatch({ type: 'lab/hover', pipeline: p });
  const select = (p: string) => store.dispatch({ type: 'lab/select', pipeline: p });
  const k = study?.k ?? labK;

  const exportChart = async (which: TradeoffAxis, png: boolean) => {
    if (!study) return;
    const { name, svg } = chartFile(study, which);
    if (png) await saveFile(name.replace(/\.svg$/, '.png'), await svgToPng(svg));
    else await saveFile(name, svg, 'image/svg+xml');
  };
  const exportMap = async () => {
    const canvas = document.querySelector<HTMLCanvasElement>('.map-canvas');
    if (canvas) await saveFile('map.png', await canvasBlob(canvas));
  };

  return (
    <section className={`lab-dock${open ? ' open' : ''}`} data-testid="lab-dock">
      <header className="lab-head">
        <button
          data-testid="lab-toggle"
          className={open ? 'active' : ''}
          onClick={() => store.dispatch({ type: 'lab/toggle' })}
        >
          Compression lab {open ? '▾' : '▴'}
        </button>
        {study && (
          <span className="dim" data-testid="lab-status">
            {study.rows.length} row{study.rows.length === 1 ? '' : 's'}
            {study.running ? ' · running' : ''} · {study.nq} queries ({QUERY_SET_LABELS[study.querySet]}) · k
            = {study.k}
          </span>
        )}
        {open && (
          <label className="lab-opt">
            <input
              type="checkbox"
              checked={paintLoss}
              onChange={(e) => store.dispatch({ type: 'lab/setPaintLoss', on: e.target.checked })}
            />{' '}
            paint the map by neighbour loss
          </label>
        )}
      </header>
      {open && (
        <div className="lab-body">
          <StudyBuilder lab={lab} />
          <section className="lab-col lab-results">
            <h3>Trade-offs</h3>
            {study && study.rows.length > 0 ? (
              <>
                <div className="charts">
                  <ParetoChart
                    rows={study.rows}
                    x="qps"
                    k={k}
                    active={row?.pipeline ?? null}
                    onHover={hover}
                    onSelect={select}
                  />
                  <ParetoChart
                    rows={study.rows}
                    x="bytes"
                    k={k}
                    active={row?.pipeline ?? null}
                    onHover={hover}
                    onSelect={select}
                  />
                </div>
                <StudyTable rows={study.rows} active={row?.pipeline ?? null} />
                <div className="exports" data-testid="lab-exports">
                  export:{' '}
                  <button
                    className="small"
                    data-testid="export-csv"
                    onClick={() => void saveFile('study.csv', studyRowsToCsv(study.rows), 'text/csv')}
                  >
                    rows CSV
                  </button>
                  <button
                    className="small"
                    data-testid="export-json"
                    onClick={() =>
                      void saveFile('study.json', studyRowsToJson(study.rows), 'application/json')
                    }
                  >
                    rows JSON
                  </button>
                  <button
                    className="small"
                    data-testid="export-svg-qps"
                    onClick={() => void exportChart('qps', false)}
                  >
                    QPS chart SVG
                  </button>
                  <button
                    className="small"
                    data-testid="export-png-qps"
                    onClick={() => void exportChart('qps', true)}
                  >
                    PNG
                  </button>
                  <button
                    className="small"
                    data-testid="export-svg-bytes"
                    onClick={() => void exportChart('bytes', false)}
                  >
                    bytes chart SVG
                  </button>
                  <button
                    className="small"
                    data-testid="export-png-bytes"
                    onClick={() => void exportChart('bytes', true)}
                  >
                    PNG
                  </button>
                  <button className="small" data-testid="export-map" onClick={() => void exportMap()}>
                    map PNG
                  </button>
                </div>
              </>
            ) : (
              <div className="dim">
                {study?.running
                  ? 'the first row is on its way…'
                  : 'run a sweep to see recall against speed and size'}
              </div>
            )}
          </section>
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
                <RecallBreakdown row={row} />
              </>
            ) : (
              <div className="dim">click a point in a chart or a row of the table</div>
            )}
          </section>
          <QueryPanel lab={lab} />
        </div>
      )}
    </section>
  );
}
