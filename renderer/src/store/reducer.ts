import type { NumericScale } from '../../../core/common/metadata/integerCategories.js';
import type {
  ClusterMethod,
  DatasetSummary,
  LayoutMethod,
  Result,
  WireMetadataColumn,
} from '../../../core/common/rpc/protocol.js';
import type { Workspace } from '../../../core/common/workspace/workspaceFile.js';
import { isLabAction, reduceLab, type LabAction } from '../lab/labState.js';
import { applyWorkspace } from '../workspace/applyWorkspace.js';
import {
  initialState,
  layoutKey,
  MAP_QUALITY_KEPT,
  type MapQualityEntry,
  layoutParamsKey,
  type AppState,
  type BrowserState,
  type MapParams,
  type ColorBy,
  type JobEntry,
  type RowTable,
  type Tool,
} from './state.js';

export type Action =
  | { type: 'connected'; capabilities: string[]; cwd?: string }
  | { type: 'connectionLost'; reason: string }
  | { type: 'unreachable'; reason: string }
  | { type: 'openRequested'; source: string }
  | { type: 'setOpenMaxRows'; maxRows: number | null }
  | { type: 'datasetOpened'; source: string; dataset: DatasetSummary; restoring?: boolean }
  | { type: 'metadataLoaded'; datasetId: string; columns: WireMetadataColumn[] }
  | { type: 'workspaceRestored'; datasetId: string; workspace: Workspace; withResults: boolean }
  | { type: 'metadataAttached'; dataset: DatasetSummary; path: string }
  | { type: 'browserOpened'; purpose: BrowserState['purpose'] }
  | { type: 'browserListed'; listing: Result<'listDir'> }
  | { type: 'browserFailed'; message: string }
  | { type: 'browserClosed' }
  | {
      type: 'layoutReceived';
      datasetId: string;
      method: LayoutMethod;
      dim: 2 | 3;
      positions: Float32Array;
      final: boolean;
      /** layoutParamsKey of the settings it was requested with. */
      params: string;
    }
  | { type: 'setLayout'; method?: LayoutMethod | undefined; dim?: 2 | 3 | undefined }
  | { type: 'setMapParams'; params: Partial<MapParams> }
  | { type: 'setColorBy'; colorBy: ColorBy }
  | { type: 'setNumericScale'; column: string; scale: NumericScale }
  | { type: 'setMapPaint'; paint: { positions: Float32Array; lost: Float32Array } | null }
  | { type: 'mapPaintStarted'; positions: Float32Array }
  | { type: 'mapPaintEnded'; positions: Float32Array; lost: Float32Array | null }
  | { type: 'mapQualityLoaded'; entry: MapQualityEntry }
  | {
      type: 'clustersReceived';
      datasetId: string;
      method: ClusterMethod;
      /** What was clustered ("pca32", "umap5", …). */
      space: string;
      labels: Int32Array;
      names: string[];
    }
  | { type: 'setPointStyle'; pointSize?: number; opacity?: number }
  | { type: 'compareLoaded'; datasetId: string; result: Result<'compareModels'> }
  | { type: 'setComparePaint'; on: boolean }
  | { type: 'setCompareSideBySide'; on: boolean }
  | { type: 'focusRequested'; row: number }
  | { type: 'focusFailed'; row: number }
  | { type: 'setTool'; tool: Tool }
  | { type: 'hover'; row: number | null }
  | { type: 'tooltipLoaded'; row: number; table: RowTable }
  | { type: 'select'; rows: Int32Array | null }
  | { type: 'selectionTableLoaded'; rows: Int32Array; table: RowTable }
  | { type: 'focusTableLoaded'; ids: Int32Array; table: RowTable }
  | { type: 'focus'; row: number; ids: Int32Array; dists: Float32Array }
  | { type: 'clearFocus' }
  | { type: 'setSearchText'; text: string }
  | { type: 'searchResult'; text: string; rows: Int32Array | null }
  | { type: 'setFilterText'; text: string }
  | {
      type: 'filterResult';
      datasetId: string;
      predicate: string;
      rows: Int32Array | null;
      error: string | null;
    }
  | {
      type: 'analysisLoaded';
      datasetId: string;
      spectrum: Float32Array;
      intrinsic: Result<'analyze'>['intrinsic'];
    }
  | { type: 'jobStarted'; id: string; label: string }
  | { type: 'jobProgress'; id: string; fraction: number; stage: string; etaMs: number | null }
  | { type: 'jobEnded'; id: string; status: 'done' | 'failed' | 'cancelled'; error?: string }
  | { type: 'clearFinishedJobs' }
  | { type: 'error'; message: string }
  | { type: 'dismissError'; index: number }
  | LabAction;

const MAX_JOBS_SHOWN = 12;

function updateJob(jobs: JobEntry[], id: string, patch: Partial<JobEntry>): JobEntry[] {
  return jobs.map((j) => (j.id === id ? { ...j, ...patch } : j));
}

/** Every state transition of the app, as a pure function (tested without React or a browser). */
export function reduce(state: AppState, action: Action): AppState {
  if (isLabAction(action)) return { ...state, lab: reduceLab(state.lab, action) };
  const current = (id: string) => state.dataset?.id === id;
  switch (action.type) {
    case 'connected':
      return {
        ...state,
        connection: 'ready',
        connectionMessage: '',
        capabilities: action.capabilities,
        engineCwd: action.cwd ?? state.engineCwd,
      };
    case 'connectionLost':
      // Results from the dead host are gone; settings (layout choice, colours, sizes) stay.
      return {
        ...state,
        connection: 'lost',
        // The layouts stay on screen but belong to the dead host: mark them to be computed again.
        layouts: Object.fromEntries(
          Object.entries(state.layouts).map(([k, v]) => [k, { ...v, final: false }]),
        ),
        connectionMessage: `The engine stopped (${action.reason}). Restarting it and reopening the data set…`,
        jobs: state.jobs.map((j) =>
          j.status === 'running' ? { ...j, status: 'failed', error: 'engine stopped' } : j,
        ),
      };
    case 'unreachable':
      // Still retrying, but say why instead of "Restarting…" forever (an old web page after the server
      // restarted with a new token never gets in again).
      return { ...state, connection: 'lost', connectionMessage: action.reason };
    case 'openRequested':
      return state;
    case 'datasetOpened': {
      if (action.restoring && state.dataset && state.dataset.n === action.dataset.n) {
        // The same file reopened after an engine restart: keep what the user was looking at.
        // Old layouts stay on screen, marked stale so they are computed again.
        const layouts = Object.fromEntries(
          Object.entries(state.layouts).map(([k, v]) => [k, { ...v, final: false }]),
        );
        return {
          ...state,
          source: action.source,
          dataset: action.dataset,
          layouts,
          hovered: null,
          tooltip: null,
        };
      }
      const fresh = initialState();
      const keepColor =
        state.colorBy.kind === 'column' &&
        action.dataset.columns.some((c) => c.name === (state.colorBy as { name: string }).name)
          ? state.colorBy
          : fresh.colorBy;
      return {
        ...state,
        source: action.source,
        dataset: action.dataset,
        columns: [],
        attachedMetadata: null,
        layouts: {},
        clusters: null,
        colorBy: state.colorBy.kind === 'cluster' ? fresh.colorBy : keepColor,
        hovered: null,
        tooltip: null,
        selection: null,
        selectionTable: null,
        focus: null,
        focusPending: null,
        compare: null,
        compareSideBySide: false,
        searchMatches: null,
        // A predicate names another data set's columns: the box keeps the text, the filter is off.
        filter: { ...state.filter, applied: null, error: null },
        analysis: null,
        mapQuality: [],
        // Row texts are per data set; the rest of the lab checks its study's data set id.
        lab: { ...state.lab, rowTexts: new Map() },
      };
    }
    case 'workspaceRestored':
      return applyWorkspace(state, action.workspace, action.datasetId, action.withResults);
    case 'metadataLoaded': {
      if (!current(action.datasetId)) return state;
      let colorBy = state.colorBy;
      if (colorBy.kind === 'none') {
        // Colour by the first category column with a handful of values, as most people would.
        const cat = action.columns.find((c) => c.type === 'category' && c.categories.length <= 64);
        if (cat) colorBy = { kind: 'column', name: cat.name };
      }
      return { ...state, columns: action.columns, colorBy };
    }
    case 'metadataAttached':
      // The same data set with more columns: the columns themselves follow as `metadataLoaded`.
      if (!current(action.dataset.id)) return state;
      return { ...state, dataset: action.dataset, attachedMetadata: action.path };
    case 'browserOpened':
      return { ...state, browser: { purpose: action.purpose, listing: null, error: null } };
    case 'browserListed':
      return state.browser
        ? { ...state, browser: { ...state.browser, listing: action.listing, error: null } }
        : state;
    case 'browserFailed':
      return state.browser ? { ...state, browser: { ...state.browser, error: action.message } } : state;
    case 'browserClosed':
      return { ...state, browser: null };
    case 'layoutReceived': {
      if (!current(action.datasetId)) return state;
      // A map requested with settings the user has since changed is not shown.
      if (action.params !== layoutParamsKey(action.method, state.mapParams)) return state;
      const key = layoutKey(action.method, action.dim);
      const prev = state.layouts[key];
      if (prev?.final && prev.params === action.params && !action.final) return state;
      return {
        ...state,
        layouts: {
          ...state.layouts,
          [key]: {
            method: action.method,
            dim: action.dim,
            positions: action.positions,
            final: action.final,
            params: action.params,
          },
        },
      };
    }
    case 'setMapParams': {
      const mapParams = { ...state.mapParams, ...action.params };
      // Maps made with other settings stay on screen until the new ones stream in, but are no longer final.
      const layouts = Object.fromEntries(
        Object.entries(state.layouts).map(([k, v]) => [
          k,
          v.params === layoutParamsKey(v.method, mapParams) ? v : { ...v, final: false },
        ]),
      );
      return { ...state, mapParams, layouts };
    }
    case 'setLayout':
      return {
        ...state,
        layoutMethod: action.method ?? state.layoutMethod,
        layoutDim: action.dim ?? state.layoutDim,
      };
    case 'setNumericScale':
      return { ...state, numericScale: { ...state.numericScale, [action.column]: action.scale } };
    case 'setColorBy':
      return { ...state, colorBy: action.colorBy, mapPaint: null };
    case 'setMapPaint':
      return { ...state, mapPaint: action.paint };
    case 'mapPaintStarted':
      return { ...state, mapPaintPending: action.positions };
    case 'mapPaintEnded': {
      // Only the measurement still waited on clears the flag; its answer paints the map either way
      // (the map view shows it only while `positions` is the map on screen).
      const mapPaintPending = state.mapPaintPending === action.positions ? null : state.mapPaintPending;
      return action.lost
        ? { ...state, mapPaintPending, mapPaint: { positions: action.positions, lost: action.lost } }
        : { ...state, mapPaintPending };
    }
    case 'mapQualityLoaded': {
      const { positions, source } = action.entry;
      const rest = state.mapQuality.filter((e) => e.positions !== positions || e.source !== source);
      return { ...state, mapQuality: [action.entry, ...rest].slice(0, MAP_QUALITY_KEPT) };
    }
    case 'clustersReceived':
      if (!current(action.datasetId)) return state;
      return {
        ...state,
        clusters: { method: action.method, space: action.space, labels: action.labels, names: action.names },
        colorBy: { kind: 'cluster' },
      };
    case 'setPointStyle':
      return {
        ...state,
        pointSize: clamp(action.pointSize ?? state.pointSize, 1, 32),
        opacity: clamp(action.opacity ?? state.opacity, 0.05, 1),
      };
    case 'setTool':
      return { ...state, tool: action.tool };
    case 'hover':
      return {
        ...state,
        hovered: action.row,
        tooltip: action.row !== null && state.tooltip?.row === action.row ? state.tooltip : null,
      };
    case 'tooltipLoaded':
      return state.hovered === action.row
        ? { ...state, tooltip: { row: action.row, table: action.table } }
        : state;
    case 'select':
      return {
        ...state,
        selection: action.rows && action.rows.length > 0 ? action.rows : null,
        selectionTable: null,
      };
    case 'selectionTableLoaded':
      return state.selection === action.rows ? { ...state, selectionTable: action.table } : state;
    case 'compareLoaded':
      if (!current(action.datasetId)) return state;
      return { ...state, compare: { datasetId: action.datasetId, ...action.result }, comparePaint: true };
    case 'setComparePaint':
      return { ...state, comparePaint: action.on };
    case 'setCompareSideBySide':
      return { ...state, compareSideBySide: action.on };
    case 'focusRequested':
      return { ...state, focusPending: action.row };
    case 'focusFailed':
      return state.focusPending === action.row ? { ...state, focusPending: null } : state;
    case 'focus':
      // An answer for an earlier click, overtaken by a newer one, is dropped.
      if (state.focusPending !== null && state.focusPending !== action.row) return state;
      return {
        ...state,
        focusPending: null,
        focus: { row: action.row, ids: action.ids, dists: action.dists, table: null },
      };
    case 'focusTableLoaded':
      return state.focus?.ids === action.ids
        ? { ...state, focus: { ...state.focus, table: action.table } }
        : state;
    case 'clearFocus':
      return { ...state, focus: null, focusPending: null };
    case 'setOpenMaxRows':
      return { ...state, openMaxRows: action.maxRows };
    case 'setSearchText':
      return {
        ...state,
        searchText: action.text,
        searchMatches: action.text.trim() === '' ? null : state.searchMatches,
      };
    case 'searchResult':
      return state.searchText === action.text ? { ...state, searchMatches: action.rows } : state;
    case 'setFilterText':
      return { ...state, filter: { ...state.filter, text: action.text } };
    case 'filterResult':
      if (!current(action.datasetId)) return state;
      return {
        ...state,
        filter: {
          text: action.predicate,
          applied: action.rows ? { predicate: action.predicate, rows: action.rows } : null,
          error: action.error,
        },
      };
    case 'analysisLoaded':
      if (!current(action.datasetId)) return state;
      return {
        ...state,
        analysis: { spectrum: action.spectrum, intrinsic: action.intrinsic },
      };
    case 'jobStarted': {
      const job: JobEntry = {
        id: action.id,
        label: action.label,
        fraction: 0,
        stage: 'starting',
        etaMs: null,
        status: 'running',
      };
      const jobs = [...state.jobs.filter((j) => j.id !== action.id), job];
      // Forget the oldest finished jobs beyond the panel's length.
      while (jobs.length > MAX_JOBS_SHOWN) {
        const i = jobs.findIndex((j) => j.status !== 'running');
        if (i < 0) break;
        jobs.splice(i, 1);
      }
      return { ...state, jobs };
    }
    case 'jobProgress':
      return {
        ...state,
        jobs: updateJob(state.jobs, action.id, {
          fraction: action.fraction,
          stage: action.stage,
          etaMs: action.etaMs,
        }),
      };
    case 'jobEnded':
      return {
        ...state,
        jobs: updateJob(state.jobs, action.id, {
          status: action.status,
          fraction:
            action.status === 'done' ? 1 : (state.jobs.find((j) => j.id === action.id)?.fraction ?? 0),
          stage: action.status,
          etaMs: null,
          ...(action.error !== undefined ? { error: action.error } : {}),
        }),
      };
    case 'clearFinishedJobs':
      return { ...state, jobs: state.jobs.filter((j) => j.status === 'running') };
    case 'error':
      return { ...state, errors: [...state.errors, action.message].slice(-5) };
    case 'dismissError':
      return { ...state, errors: state.errors.filter((_, i) => i !== action.index) };
  }
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}
