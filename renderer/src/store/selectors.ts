// The store's selectors, one per value a component reads: module-level functions (stable identities,
// so a subscription re-renders only when its own value changes), never the whole state or a whole slice.
import { classCodes } from '../../../core/common/metrics/neighbourLabels.js';
import { activeRow } from '../lab/labState.js';
import { effectiveQuerySet } from '../lab/querySets.js';
import { layoutKey, layoutParamsKey, type AppState } from './state.js';

/** The layout entry of the current method and dimension, or null. */
export const selectCurrentLayout = (s: AppState) => s.layouts[layoutKey(s.layoutMethod, s.layoutDim)] ?? null;

/** The current layout's positions once final (the map faithfulness is measured of), else undefined. */
export const selectFinalPositions = (s: AppState) => {
  const entry = selectCurrentLayout(s);
  return entry?.final ? entry.positions : undefined;
};

// One array per column, so a selector that reads it returns the same array until the column changes.
const classCodesOf = new WeakMap<Int32Array, Int32Array>();

/**
 * The category labels the map is coloured by (the clusters, or a category column) and their name; a
 * category naming noise becomes −1, no class, as HDBSCAN's noise is (neighbourLabels.ts).
 */
function coloringLabels(s: AppState): { labels: Int32Array; source: string } | null {
  const { colorBy, clusters } = s;
  if (colorBy.kind === 'cluster' && clusters)
    return { labels: clusters.labels, source: `clusters (${clusters.method})` };
  if (colorBy.kind === 'column') {
    const col = s.columns.find((c) => c.name === colorBy.name);
    if (col?.type === 'category') {
      let labels = classCodesOf.get(col.codes);
      if (!labels) {
        labels = classCodes(col.codes, col.categories);
        classCodesOf.set(col.codes, labels);
      }
      return { labels, source: col.name };
    }
  }
  return null;
}
export const selectColoringLabels = (s: AppState) => coloringLabels(s)?.labels;
export const selectColoringSource = (s: AppState) => coloringLabels(s)?.source ?? '';

/** The measured faithfulness of the final map on screen against the colouring's labels, or null. */
export const selectShownMapQuality = (s: AppState) => {
  const positions = selectFinalPositions(s);
  const source = selectColoringSource(s);
  return s.mapQuality.find((e) => e.positions === positions && e.source === source)?.quality ?? null;
};

export const selectAnalysis = (s: AppState) => s.analysis;
export const selectCapabilities = (s: AppState) => s.capabilities;
export const selectClusters = (s: AppState) => s.clusters;
export const selectColorBy = (s: AppState) => s.colorBy;
export const selectColumns = (s: AppState) => s.columns;
export const selectConnection = (s: AppState) => s.connection;
export const selectConnectionMessage = (s: AppState) => s.connectionMessage;
export const selectDataset = (s: AppState) => s.dataset;
export const selectDatasetId = (s: AppState) => s.dataset?.id;
export const selectDatasetIdOrNull = (s: AppState) => s.dataset?.id ?? null;
export const selectHasDataset = (s: AppState) => s.dataset !== null;
export const selectDatasetDim = (s: AppState) => s.dataset?.dim ?? null;
export const selectDatasetN = (s: AppState) => s.dataset?.n ?? null;
export const selectDatasetMetric = (s: AppState) => s.dataset?.metric ?? null;
export const selectErrors = (s: AppState) => s.errors;
export const selectFocus = (s: AppState) => s.focus;
export const selectHovered = (s: AppState) => s.hovered;
export const selectIntrinsic = (s: AppState) => s.analysis?.intrinsic ?? null;
export const selectJobs = (s: AppState) => s.jobs;
export const selectLabBreakdownBy = (s: AppState) => s.lab.breakdownBy;
export const selectLabBuilder = (s: AppState) => s.lab.builder;
export const selectLabK = (s: AppState) => s.lab.k;
export const selectLabMaxQueries = (s: AppState) => s.lab.maxQueries;
export const selectLabMemoryCount = (s: AppState) => s.lab.memoryCount;
export const selectLabMetric = (s: AppState) => s.lab.metric;
export const selectLabOpen = (s: AppState) => s.lab.open;
export const selectFocusPending = (s: AppState) => s.focusPending;
export const selectCompare = (s: AppState) =>
  s.compare && s.compare.datasetId === s.dataset?.id ? s.compare : null;
export const selectComparePaint = (s: AppState) => s.comparePaint;
export const selectCompareSideBySide = (s: AppState) => s.compareSideBySide;
/** Whether the open data set has a query file attached. */
export const hasQueryFile = (s: AppState) =>
  s.lab.queryFile !== null && s.lab.queryFile.datasetId === s.dataset?.id;
export const selectLabQueryFile = (s: AppState) => (hasQueryFile(s) ? s.lab.queryFile : null);
export const selectLabDockHeight = (s: AppState) => s.lab.dockHeight;
export const selectLabQuerySet = (s: AppState) => s.lab.querySet;
export const selectLabSort = (s: AppState) => s.lab.sort;
export const selectLabStudy = (s: AppState) => s.lab.study;
/** The k the lab's study ran with, or null before any. */
export const selectLabStudyK = (s: AppState) => s.lab.study?.k ?? null;
/** The query set the lab's queries come from: the study's, else the one a sweep would use now. */
export const selectLabQuerySetShown = (s: AppState) =>
  s.lab.study?.querySet ?? effectiveQuerySet(s.lab.querySet, s.dataset, hasQueryFile(s));
export const selectLabSweepText = (s: AppState) => s.lab.sweepText;
export const selectLayoutDim = (s: AppState) => s.layoutDim;
export const selectLayoutMethod = (s: AppState) => s.layoutMethod;
export const selectMapPaint = (s: AppState) => s.mapPaint;
export const selectMapPaintPending = (s: AppState) => s.mapPaintPending;
/** The layout array the lost-neighbours paint was measured on, or null when the map is not painted. */
export const selectMapPaintPositions = (s: AppState) => s.mapPaint?.positions ?? null;
export const selectMapQuality = (s: AppState) => s.mapQuality;
export const selectMapParams = (s: AppState) => s.mapParams;
export const selectNumericScale = (s: AppState) => s.numericScale;
export const selectOpacity = (s: AppState) => s.opacity;
export const selectPointSize = (s: AppState) => s.pointSize;
export const selectRestoring = (s: AppState) => s.connection !== 'ready';
export const selectRowCount = (s: AppState) => s.dataset?.n ?? 0;
export const selectSearchMatches = (s: AppState) => s.searchMatches;
export const selectFilter = (s: AppState) => s.filter;
export const selectLabSelectivitySweep = (s: AppState) => s.lab.selectivitySweep;
export const selectFilterRows = (s: AppState) => s.filter.applied?.rows ?? null;
export const selectSearchText = (s: AppState) => s.searchText;
export const selectOpenMaxRows = (s: AppState) => s.openMaxRows;
export const selectSelection = (s: AppState) => s.selection;
export const selectSelectionTable = (s: AppState) => s.selectionTable;
export const selectStudyRunning = (s: AppState) => s.lab.study?.running ?? false;
export const selectTool = (s: AppState) => s.tool;
export const selectTooltip = (s: AppState) => s.tooltip;
export const selectWantedLayoutParams = (s: AppState) => layoutParamsKey(s.layoutMethod, s.mapParams);

/** The study row the lab hovers or selects, for the open data set (null when none). */
export const selectActiveRow = (s: AppState) => activeRow(s.lab, s.dataset?.id);
export const selectLabQueries = (s: AppState) => s.lab.queries;
export const selectLabFocusQuery = (s: AppState) => s.lab.focusQuery;
export const selectLabShowQueries = (s: AppState) => s.lab.showQueries;
export const selectLabPaintLoss = (s: AppState) => s.lab.paintLoss;
/** The last database verification, when it belongs to the open data set. */
export const selectLabVerified = (s: AppState) =>
  s.lab.verified && s.lab.verified.datasetId === s.dataset?.id ? s.lab.verified : null;
export const selectLabRowTexts = (s: AppState) => s.lab.rowTexts;

export const selectBrowser = (s: AppState) => s.browser;
export const selectEngineCwd = (s: AppState) => s.engineCwd;
export const selectAttachedMetadata = (s: AppState) => s.attachedMetadata;
