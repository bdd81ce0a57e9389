import type { NumericScale } from '../../../core/common/metadata/integerCategories.js';
import {
  MAP_PARAM_DEFAULTS,
  type ClusterMethod,
  type DatasetSummary,
  type LayoutMethod,
  type Result,
  type WireMetadataColumn,
} from '../../../core/common/rpc/protocol.js';
import { initialLabState, type LabState } from '../lab/labState.js';

export type ColorBy = { kind: 'none' } | { kind: 'column'; name: string } | { kind: 'cluster' };
export type Tool = 'pan' | 'box' | 'lasso';
type ConnectionState = 'connecting' | 'ready' | 'lost';

export interface LayoutEntry {
  method: LayoutMethod;
  dim: 2 | 3;
  positions: Float32Array;
  /** False while a job still streams it, or when it was computed with other map settings. */
  final: boolean;
  /** The map settings it was computed with (layoutParamsKey). */
  params: string;
}

/** The map settings the user applied (the toolbar's ⚙): UMAP's n_neighbors and min_dist, t-SNE's perplexity. */
export interface MapParams {
  neighbors: number;
  minDist: number;
  perplexity: number;
}

export interface JobEntry {
  id: string;
  label: string;
  fraction: number;
  stage: string;
  etaMs: number | null;
  status: 'running' | 'done' | 'failed' | 'cancelled';
  error?: string;
}

export interface RowTable {
  columns: string[];
  values: string[][];
}

/** The file browser (web mode's way to pick a file on the engine's machine) while it is shown. */
export interface BrowserState {
  /** What choosing a file does: open it as the data set, or attach it as the data set's metadata. */
  purpose: 'open' | 'metadata';
  listing: Result<'listDir'> | null;
  error: string | null;
}

/** Everything the UI shows. Typed arrays are replaced, never mutated: a new result is a new array. */
export interface AppState {
  connection: ConnectionState;
  connectionMessage: string;
  /** What the user asked to open last (reopened after an engine restart). */
  source: string | null;
  dataset: DatasetSummary | null;
  columns: WireMetadataColumn[];
  capabilities: string[];
  /** The engine's working directory: relative paths typed in the app start there ('' until connected). */
  engineCwd: string;
  /** The metadata file attached to the open data set in the app, reattached after an engine restart. */
  attachedMetadata: string | null;
  browser: BrowserState | null;
  layouts: Record<string, LayoutEntry>;
  layoutMethod: LayoutMethod;
  layoutDim: 2 | 3;
  mapParams: MapParams;
  colorBy: ColorBy;
  /** Per numeric column, the user's categorical/continuous choice over the default rule. */
  numericScale: Record<string, NumericScale>;
  clusters: { method: ClusterMethod; space: string; labels: Int32Array; names: string[] } | null;
  pointSize: number;
  opacity: number;
  tool: Tool;
  hovered: number | null;
  tooltip: { row: number; table: RowTable } | null;
  selection: Int32Array | null;
  selectionTable: RowTable | null;
  /** The clicked row's exact neighbours, and their metadata rows once loaded (the row first). */
  focus: { row: number; ids: Int32Array; dists: Float32Array; table: RowTable | null } | null;
  /** The open data set compared with a second embedding model of its rows (ComparePanel). */
  compare: ({ datasetId: string } & Result<'compareModels'>) | null;
  /** Paint the map by how much the two models' neighbourhoods disagree. */
  comparePaint: boolean;
  /** Show model B's own map beside the open data set's, hover and selection linked (CompareMapB). */
  compareSideBySide: boolean;
  /** A clicked row whose neighbours the engine is finding (the panel says so until they arrive). */
  focusPending: number | null;
  searchText: string;
  searchMatches: Int32Array | null;
  /** At most this many rows of a file the user opens: a larger one opens as a seeded sample (--max-rows). */
  openMaxRows: number | null;
  /** The explorer's metadata filter (FilterBar): only its rows are drawn, and the lab's study uses it. */
  filter: FilterState;
  analysis: { spectrum: Float32Array; intrinsic: Result<'analyze'>['intrinsic'] } | null;
  jobs: JobEntry[];
  errors: string[];
  /** The compression lab (renderer/src/lab/). */
  lab: LabState;
  /** Per-point share of 10-NN the map lost, painted while `positions` is the map on screen. */
  mapPaint: { positions: Float32Array; lost: Float32Array } | null;
  /** The layout array whose per-point loss the engine is measuring for `mapPaint`, or null. */
  mapPaintPending: Float32Array | null;
  /** Faithfulness measured per layout array and label source, newest first (a few kept for going back). */
  mapQuality: MapQualityEntry[];
}

interface FilterState {
  /** What the filter box holds. */
  text: string;
  /** The predicate in force, its rows (ascending), or null when no filter is on. */
  applied: { predicate: string; rows: Int32Array } | null;
  /** Why the last predicate tried was refused (one line), or null. */
  error: string | null;
}

export interface MapQualityEntry {
  positions: Float32Array;
  source: string;
  quality: Result<'mapQuality'>;
}

/** How many measured maps the store keeps. */
export const MAP_QUALITY_KEPT = 8;

export const layoutKey = (method: LayoutMethod, dim: number) => `${method}:${dim}`;

/** The settings a method's map depends on, as the layout request's fields; defaults are left out so the
 * engine computes (and caches) exactly the map it made before settings existed. */
export function layoutRequestParams(
  method: LayoutMethod,
  p: MapParams,
): { neighbors?: number; minDist?: number; perplexity?: number } {
  const d = MAP_PARAM_DEFAULTS;
  if (method === 'umap')
    return {
      ...(p.neighbors !== d.neighbors ? { neighbors: p.neighbors } : {}),
      ...(p.minDist !== d.minDist ? { minDist: p.minDist } : {}),
    };
  if (method === 'tsne') return p.perplexity !== d.perplexity ? { perplexity: p.perplexity } : {};
  return {};
}

/** Names the settings a method's map was computed with ('' for PCA), to tell a stale map from a current one. */
export const layoutParamsKey = (method: LayoutMethod, p: MapParams): string =>
  method === 'umap' ? `n${p.neighbors}:d${p.minDist}` : method === 'tsne' ? `p${p.perplexity}` : '';

export function initialState(): AppState {
  return {
    connection: 'connecting',
    connectionMessage: 'connecting to the engine',
    source: null,
    dataset: null,
    columns: [],
    capabilities: [],
    engineCwd: '',
    attachedMetadata: null,
    browser: null,
    layouts: {},
    layoutMethod: 'pca',
    layoutDim: 2,
    mapParams: { ...MAP_PARAM_DEFAULTS },
    colorBy: { kind: 'none' },
    numericScale: {},
    clusters: null,
    pointSize: 4,
    opacity: 0.85,
    tool: 'pan',
    hovered: null,
    tooltip: null,
    selection: null,
    selectionTable: null,
    focus: null,
    focusPending: null,
    compare: null,
    comparePaint: true,
    compareSideBySide: false,
    searchText: '',
    searchMatches: null,
    openMaxRows: null,
    filter: { text: '', applied: null, error: null },
    analysis: null,
    jobs: [],
    errors: [],
    lab: initialLabState(),
    mapPaint: null,
    mapPaintPending: null,
    mapQuality: [],
  };
}
