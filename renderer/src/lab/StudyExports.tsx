import type { TradeoffAxis } from '../../../core/common/charts/studyPoints.js';
import { studyRowsToCsv, studyRowsToJson } from '../../../core/common/export/studyRows.js';
import { chartFile } from './chartFile.js';
import { canvasBlob, saveFile, svgToPng } from './download.js';
import type { StudyResults } from './labState.js';

/** The study's export buttons: its rows (CSV, JSON), its two charts (SVG, PNG) and the map (PNG). */
export function StudyExports({ study }: { study: StudyResults }) {
  const exportChart = async (which: TradeoffAxis, png: boolean) => {
    const { name, svg } = chartFile(study, which);
    if (png) await saveFile(name.replace(/\.svg$/, '.png'), await svgToPng(svg));
    else await saveFile(name, svg, 'image/svg+xml');
  };
  const exportMap = async () => {
    const canvas = document.querySelector<HTMLCanvasElement>('.map-canvas');
    if (canvas) await saveFile('map.png', await canvasBlob(canvas));
  };

  return (
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
        onClick={() => void saveFile('study.json', studyRowsToJson(study.rows), 'application/json')}
      >
        rows JSON
      </button>
      <button className="small" data-testid="export-svg-qps" onClick={() => void exportChart('qps', false)}>
        QPS chart SVG
      </button>
      <button className="small" data-testid="export-png-qps" onClick={() => void exportChart('qps', true)}>
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
  );
}
