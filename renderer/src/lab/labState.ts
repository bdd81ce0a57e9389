import type { QuerySet, Result, WireStudyRow } from '../../../core/common/rpc/protocol.js';
import type { StudySortKey } from '../../../core/common/study/studySummaryColumns.js';
import type { Metric } from '../../../core/common/types.js';

/** The builder's fields; each holds a comma-separated list, so one builder describes a whole grid. */
export interface BuilderFields {
  reductions: string;
  dims: string;
  quantizers: string;
  indexes: string;
  R: string;
  L: string;
  W: string;
  rerank: string;
}

export interface StudyResults {
  datasetId: string;
  querySet: QuerySet;
  maxQueries: number;
  k: number;
  nq: number;
  rows: WireStudyRow[];
  frontier: { qps: string[]; bytes: string[] } | null;
  running: boolean;
  /** The engine's warning that the machine was busy when the study started, or null. */
  busy: string | null;
}

interface QueryOverlayData {
  datasetId: string;
  querySet: QuerySet;
  maxQueries: number;
  result: Result<'studyQueries'>;
}

/** Bounds of the dock's height in CSS pixels: room for the builder's run row, and never the whole map. */
const DOCK_HEIGHT = { min: 180, max: 1200 } as const;

/** The compression lab's slice of the app state. */
export interface LabState {
  open: boolean;
  builder: BuilderFields;
  /** The sweep to run, one pipeline string per line. */
  sweepText: string;
  k: number;
  querySet: QuerySet;
  maxQueries: number;
  /** The metric chosen in the lab for one data set; otherwise the data set's guess is used. */
  metric: { datasetId: string; metric: Metric } | null;
  study: StudyResults | null;
  /** The pipeline clicked (in a chart or the table). */
  selected: string | null;
  /** The pipeline under the pointer; shown everywhere in place of the selected one while set. */
  hovered: string | null;
  sort: { key: StudySortKey; desc: boolean };
  /** Paint the map by the selected pipeline's per-point neighbour loss. */
  paintLoss: boolean;
  /** Also measure recall under hashed row subsets of 100 %, 10 %, 1 % and 0.1 % (the study's
   * `selectivitySweep`); the explorer's filter, when on, is measured besides. */
  selectivitySweep: boolean;
  /** Group column for the recall breakdown ("cluster" or a category column's name). */
  breakdownBy: string | null;
  /** Vector count for the memory calculator. */
  memoryCount: number;
  queries: QueryOverlayData | null;
  showQueries: boolean;
  focusQuery: number | null;
  /** A display text per base row (definition, title, …) for the query panel's neighbour lists. */
  rowTexts: ReadonlyMap<number, string>;
  /** The open dock's height in CSS pixels, set by dragging its top edge; null: the default. */
  dockHeight: number | null;
  /** The user's query file attached to a data set (the `file` query set). */
  queryFile: AttachedQueryFile | null;
  /** The same sweep on the compared model B (ComparePanel), drawn beside the open model's frontier. */
  modelB: ModelBStudy | null;
  /** The last "verify in database" run: its measured recall and per-point loss, and whether the map paints it. */
  verified: VerifiedRun | null;
}

interface VerifiedRun {
  datasetId: string;
  pipeline: string;
  result: Result<'verifyPipeline'>;
  paint: boolean;
}

/** A study of model B: `datasetId` is the open data set (model A) it belongs to. */
interface ModelBStudy {
  datasetId: string;
  file: string;
  querySet: QuerySet;
  k: number;
  rows: WireStudyRow[];
  running: boolean;
}

interface AttachedQueryFile {
  datasetId: string;
  file: string;
  /** The learning-query file attached with it, if any. */
  learnFile?: string;
  n: number;
  learnN: number;
  labelColumn: string;
}

export function initialLabState(): LabState {
  return {
    open: false,
    builder: {
      reductions: 'PCA',
      dims: '64',
      quantizers: 'LVQ8',
      indexes: 'Flat',
      R: '32',
      L: '100',
      W: '',
      rerank: '',
    },
    sweepText: 'F32,Flat\nPCA64,SQ8,Flat\nPCA32,LVQ8,Flat',
    k: 10,
    querySet: 'ood',
    maxQueries: 200,
    metric: null,
    study: null,
    selected: null,
    hovered: null,
    sort: { key: 'recall', desc: true },
    paintLoss: true,
    selectivitySweep: false,
    breakdownBy: null,
    memoryCount: 10_000_000,
    queries: null,
    showQueries: true,
    focusQuery: null,
    rowTexts: new Map(),
    dockHeight: null,
    queryFile: null,
    modelB: null,
    verified: null,
  };
}

export type LabAction =
  | { type: 'lab/toggle'; open?: boolean }
  | { type: 'lab/setBuilder'; patch: Partial<BuilderFields> }
  | { type: 'lab/setSweepText'; text: string }
  | { type: 'lab/setSettings'; k?: number; querySet?: QuerySet; maxQueries?: number }
  | { type: 'lab/setMetric'; datasetId: string; metric: Metric }
  | {
      type: 'lab/studyStarted';
      datasetId: string;
      querySet: QuerySet;
      maxQueries: number;
      k: number;
    }
  | { type: 'lab/studyRow'; datasetId: string; row: WireStudyRow; nq: number; busy?: string | undefined }
  | { type: 'lab/studyEnded'; datasetId: string; result: Result<'study'> | null }
  | { type: 'lab/select'; pipeline: string | null }
  | { type: 'lab/hover'; pipeline: string | null }
  | { type: 'lab/sort'; key: StudySortKey }
  | { type: 'lab/setPaintLoss'; on: boolean }
  | { type: 'lab/setSelectivitySweep'; on: boolean }
  | { type: 'lab/setBreakdownBy'; by: string | null }
  | { type: 'lab/setMemoryCount'; count: number }
  | { type: 'lab/queriesLoaded'; data: QueryOverlayData }
  | { type: 'lab/showQueries'; on: boolean }
  | { type: 'lab/focusQuery'; query: number | null }
  | { type: 'lab/rowTexts'; texts: ReadonlyMap<number, string> }
  | { type: 'lab/setDockHeight'; height: number | null }
  | { type: 'lab/queryFileAttached'; queryFile: AttachedQueryFile }
  | { type: 'lab/modelBStarted'; datasetId: string; file: string; querySet: QuerySet; k: number }
  | { type: 'lab/modelBRow'; datasetId: string; row: WireStudyRow }
  | { type: 'lab/modelBEnded'; datasetId: string; rows: WireStudyRow[] | null }
  | { type: 'lab/verified'; run: VerifiedRun }
  | { type: 'lab/paintVerified'; on: boolean };

export function isLabAction(a: { type: string }): a is LabAction {
  return a.type.startsWith('lab/');
}

/** The lab's state transitions (pure; tested without a browser). */
export function reduceLab(s: LabState, a: LabAction): LabState {
  switch (a.type) {
    case 'lab/toggle':
      return { ...s, open: a.open ?? !s.open };
    case 'lab/setBuilder':
      return { ...s, builder: { ...s.builder, ...a.patch } };
    case 'lab/setSweepText':
      return { ...s, sweepText: a.text };
    case 'lab/setSettings':
      return {
        ...s,
        k: a.k ?? s.k,
        querySet: a.querySet ?? s.querySet,
        maxQueries: a.maxQueries ?? s.maxQueries,
      };
    case 'lab/setMetric':
      return { ...s, metric: { datasetId: a.datasetId, metric: a.metric } };
    case 'lab/studyStarted':
      return {
        ...s,
        study: {
          datasetId: a.datasetId,
          querySet: a.querySet,
          maxQueries: a.maxQueries,
          k: a.k,
          nq: 0,
          rows: [],
          frontier: null,
          running: true,
          busy: null,
        },
        selected: null,
        hovered: null,
        focusQuery: null,
      };
    case 'lab/modelBStarted':
      return {
        ...s,
        modelB: {
          datasetId: a.datasetId,
          file: a.file,
          querySet: a.querySet,
          k: a.k,
          rows: [],
          running: true,
        },
      };
    case 'lab/modelBRow': {
      const b = s.modelB;
      if (!b || b.datasetId !== a.datasetId || !b.running) return s;
      return {
        ...s,
        modelB: { ...b, rows: [...b.rows.filter((r) => r.pipeline !== a.row.pipeline), a.row] },
      };
    }
    case 'lab/modelBEnded': {
      const b = s.modelB;
      if (!b || b.datasetId !== a.datasetId) return s;
      return { ...s, modelB: { ...b, rows: a.rows ?? b.rows, running: false } };
    }
    case 'lab/studyRow': {
      const st = s.study;
      if (!st || st.datasetId !== a.datasetId || !st.running) return s;
      const rows = [...st.rows.filter((r) => r.pipeline !== a.row.pipeline), a.row];
      return {
        ...s,
        study: { ...st, rows, nq: a.nq, busy: a.busy ?? st.busy },
        // The first measured row is selected, so the map and the decomposition show something at once.
        selected: s.selected ?? (a.row.error === undefined ? a.row.pipeline : null),
      };
    }
    case 'lab/studyEnded': {
      const st = s.study;
      if (!st || st.datasetId !== a.datasetId) return s;
      if (!a.result) return { ...s, study: { ...st, running: false } };
      return {
        ...s,
        study: { ...st, rows: a.result.rows, nq: a.result.nq, frontier: a.result.frontier, running: false },
        selected: s.selected ?? a.result.rows.find((r) => r.error === undefined)?.pipeline ?? null,
      };
    }
    case 'lab/select':
      return { ...s, selected: a.pipeline };
    case 'lab/hover':
      return { ...s, hovered: a.pipeline };
    case 'lab/sort':
      return {
        ...s,
        sort:
          s.sort.key === a.key
            ? { key: a.key, desc: !s.sort.desc }
            : { key: a.key, desc: a.key !== 'pipeline' && a.key !== 'bytesPerVector' },
      };
    case 'lab/setPaintLoss':
      return { ...s, paintLoss: a.on };
    case 'lab/setSelectivitySweep':
      return { ...s, selectivitySweep: a.on };
    case 'lab/verified':
      return { ...s, verified: a.run };
    case 'lab/paintVerified':
      return s.verified ? { ...s, verified: { ...s.verified, paint: a.on } } : s;
    case 'lab/setBreakdownBy':
      return { ...s, breakdownBy: a.by };
    case 'lab/queryFileAttached':
      // The new file becomes the study's query set at once: attaching it says as much.
      return { ...s, queryFile: a.queryFile, querySet: 'file' };
    case 'lab/setDockHeight':
      return {
        ...s,
        dockHeight:
          a.height === null || !Number.isFinite(a.height)
            ? null
            : Math.round(Math.min(DOCK_HEIGHT.max, Math.max(DOCK_HEIGHT.min, a.height))),
      };
    case 'lab/setMemoryCount':
      return {
        ...s,
        memoryCount: Number.isFinite(a.count) && a.count >= 0 ? Math.floor(a.count) : s.memoryCount,
      };
    case 'lab/queriesLoaded':
      return { ...s, queries: a.data, focusQuery: null };
    case 'lab/showQueries':
      return { ...s, showQueries: a.on };
    case 'lab/focusQuery':
      return { ...s, focusQuery: a.query };
    case 'lab/rowTexts':
      return { ...s, rowTexts: new Map([...s.rowTexts, ...a.texts]) };
  }
}

/** The pipeline shown everywhere: the hovered one while there is one, else the selected one. */
export function activeRow(s: LabState, datasetId: string | undefined): WireStudyRow | null {
  const st = s.study;
  if (!st || st.datasetId !== datasetId) return null;
  const name = s.hovered ?? s.selected;
  return st.rows.find((r) => r.pipeline === name) ?? null;
}

/** Rows in the table's order. */
export function sortedRows(rows: readonly WireStudyRow[], sort: LabState['sort']): WireStudyRow[] {
  const dir = sort.desc ? -1 : 1;
  return [...rows].sort((a, b) => {
    const x = a[sort.key];
    const y = b[sort.key];
    // A field that was not measured (null, or NaN in a failed row) sorts below every number.
    const num = (v: number | null) => (v === null || Number.isNaN(v) ? -Infinity : v);
    const d = typeof x === 'string' ? 0 : num(x) - num(y as number | null);
    const c = typeof x === 'string' ? x.localeCompare(y as string) : Number.isNaN(d) ? 0 : d;
    return dir * c || a.pipeline.localeCompare(b.pipeline);
  });
}
