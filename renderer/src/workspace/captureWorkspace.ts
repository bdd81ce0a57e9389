import { WORKSPACE_VERSION, type Workspace } from '../../../core/common/workspace/workspaceFile.js';
import type { AppState } from '../store/state.js';

/**
 * The workspace of what the app shows: the data set (with its fingerprint), the view, the finished
 * maps, the clusters, the selection and the lab with its results. Null when no data set is open.
 */
export function captureWorkspace(s: AppState, fingerprint: string, now = new Date()): Workspace | null {
  if (!s.dataset || s.source === null) return null;
  const study = s.lab.study && s.lab.study.datasetId === s.dataset.id ? s.lab.study : null;
  return {
    vecscope: 'workspace',
    version: WORKSPACE_VERSION,
    savedAt: now.toISOString(),
    dataset: {
      source: s.source,
      n: s.dataset.n,
      dim: s.dataset.dim,
      fingerprint,
      ...(s.attachedMetadata !== null ? { metadata: s.attachedMetadata } : {}),
      ...(s.dataset.textSource ? { textColumn: s.dataset.textSource.column } : {}),
      ...(s.dataset.textSource?.modelDir !== undefined ? { textModel: s.dataset.textSource.modelDir } : {}),
      ...(s.dataset.sampledFrom !== undefined ? { maxRows: s.dataset.n } : {}),
    },
    view: {
      layoutMethod: s.layoutMethod,
      layoutDim: s.layoutDim,
      mapParams: { ...s.mapParams },
      colorBy:
        s.colorBy.kind === 'column' ? { kind: 'column', name: s.colorBy.name } : { kind: s.colorBy.kind },
      numericScale: { ...s.numericScale },
      pointSize: s.pointSize,
      opacity: s.opacity,
      searchText: s.searchText,
      ...(s.filter.applied ? { filter: s.filter.applied.predicate } : {}),
      selection: s.selection,
    },
    layouts: Object.values(s.layouts)
      .filter((l) => l.final && l.positions.length === s.dataset!.n * l.dim)
      .map((l) => ({ method: l.method, dim: l.dim, params: l.params, positions: l.positions })),
    clusters: s.clusters
      ? {
          method: s.clusters.method,
          space: s.clusters.space,
          labels: s.clusters.labels,
          names: [...s.clusters.names],
        }
      : null,
    lab: {
      open: s.lab.open,
      sweepText: s.lab.sweepText,
      k: s.lab.k,
      querySet: s.lab.querySet,
      maxQueries: s.lab.maxQueries,
      metric: s.lab.metric && s.lab.metric.datasetId === s.dataset.id ? s.lab.metric.metric : null,
      selected: s.lab.selected,
      ...(s.lab.queryFile && s.lab.queryFile.datasetId === s.dataset.id
        ? {
            queryFile: {
              path: s.lab.queryFile.file,
              ...(s.lab.queryFile.learnFile !== undefined ? { learnPath: s.lab.queryFile.learnFile } : {}),
            },
          }
        : {}),
      // A study still running is not saved: its rows are incomplete and its job ends with the page.
      study:
        study && !study.running
          ? {
              querySet: study.querySet,
              maxQueries: study.maxQueries,
              k: study.k,
              nq: study.nq,
              rows: study.rows,
              frontier: study.frontier,
            }
          : null,
    },
  };
}
