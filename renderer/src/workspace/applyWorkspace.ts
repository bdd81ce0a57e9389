import type { Workspace } from '../../../core/common/workspace/workspaceFile.js';
import { layoutKey, type AppState, type ColorBy, type LayoutEntry } from '../store/state.js';

/**
 * The state with a workspace applied to the data set just reopened (`datasetId`, its metadata loaded).
 * View settings always apply; the results (maps, clusters, selection, the study) only when `withResults`,
 * i.e. the file's rows are the ones the workspace was saved from.
 */
export function applyWorkspace(
  s: AppState,
  ws: Workspace,
  datasetId: string,
  withResults: boolean,
): AppState {
  if (!s.dataset || s.dataset.id !== datasetId) return s;
  const v = ws.view;
  const clusters = withResults && ws.clusters ? { ...ws.clusters } : null;
  const hasColumn = (name: string | undefined) => s.columns.some((c) => c.name === name);
  const colorBy: ColorBy =
    v.colorBy.kind === 'column' && hasColumn(v.colorBy.name)
      ? { kind: 'column', name: v.colorBy.name! }
      : v.colorBy.kind === 'cluster' && clusters
        ? { kind: 'cluster' }
        : s.colorBy;
  const layouts: Record<string, LayoutEntry> = withResults
    ? Object.fromEntries(
        ws.layouts.map((l) => [
          layoutKey(l.method, l.dim),
          { method: l.method, dim: l.dim as 2 | 3, positions: l.positions, params: l.params, final: true },
        ]),
      )
    : {};
  const lab = ws.lab;
  const study =
    withResults && lab.study
      ? {
          datasetId,
          querySet: lab.study.querySet,
          maxQueries: lab.study.maxQueries,
          k: lab.study.k,
          nq: lab.study.nq,
          rows: lab.study.rows,
          frontier: lab.study.frontier,
          running: false,
          busy: null,
        }
      : s.lab.study;
  return {
    ...s,
    layoutMethod: v.layoutMethod,
    layoutDim: v.layoutDim as 2 | 3,
    mapParams: { ...v.mapParams },
    colorBy,
    numericScale: { ...v.numericScale },
    pointSize: v.pointSize,
    opacity: v.opacity,
    searchText: v.searchText,
    filter: { ...s.filter, text: v.filter ?? s.filter.text },
    layouts: { ...s.layouts, ...layouts },
    clusters: clusters ?? s.clusters,
    selection: withResults ? v.selection : s.selection,
    lab: {
      ...s.lab,
      open: lab.open,
      sweepText: lab.sweepText,
      k: lab.k,
      querySet: lab.querySet,
      maxQueries: lab.maxQueries,
      metric: lab.metric ? { datasetId, metric: lab.metric } : s.lab.metric,
      study,
      selected: withResults ? lab.selected : s.lab.selected,
    },
  };
}
