import type { TradeoffAxis } from '../../../core/common/charts/studyPoints.js';
import { tradeoffChartSvg } from '../../../core/common/charts/tradeoffChart.js';
import type { StudyResults } from './labState.js';

/**
 * The lab's "chart SVG" export: the very file `vecscope report --svg-qps / --svg-bytes` writes for
 * the same study result, not a copy of the chart on screen (which is drawn smaller, in the app's
 * colours, with the selection marked).
 */
export function chartFile(
  study: Pick<StudyResults, 'rows' | 'k'>,
  axis: TradeoffAxis,
): { name: string; svg: string } {
  return { name: `recall-vs-${axis}.svg`, svg: tradeoffChartSvg(study.rows, axis, study.k) };
}
