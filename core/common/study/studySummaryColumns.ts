import type { StudyRowFieldName, StudyRowSummary } from './studyRowFields.js';

/** The row fields a summary table can sort by: the top-level strings and numbers. */
export type StudySortKey = {
  [K in keyof StudyRowSummary]-?: undefined extends StudyRowSummary[K]
    ? never
    : StudyRowSummary[K] extends string | number | null
      ? K
      : never;
}[keyof StudyRowSummary];

export interface StudySummaryColumn {
  label: string;
  /** The field table's fields the cell shows (every field is in exactly one column). */
  fields: readonly StudyRowFieldName[];
  /** The field the column sorts by; absent where the cell lists terms of equal rank. */
  sort?: StudySortKey;
  align: 'left' | 'right';
  cell(row: StudyRowSummary): string;
}

const fixed = (digits: number) => (x: number) => x.toFixed(digits);
/** A failed row measured nothing: its number cells are a dash (its error has a column of its own). */
const measured =
  (cell: (r: StudyRowSummary) => string) =>
  (r: StudyRowSummary): string =>
    r.error !== undefined ? '-' : cell(r);
const orDash = (x: number | null | undefined, fmt: (x: number) => string) =>
  x === null || x === undefined ? '-' : fmt(x);

/**
 * The columns of the study summary table, which the CLI (`vecscope study`) prints and the app's lab
 * shows: every field of the table, with the recall interval, the byte split and the four
 * telescoping loss terms each in one cell.
 */
export const STUDY_SUMMARY_COLUMNS = [
  { label: 'pipeline', fields: ['pipeline'], sort: 'pipeline', align: 'left', cell: (r) => r.pipeline },
  {
    label: 'recall (95 % CI)',
    fields: ['recall', 'recallLow', 'recallHigh'],
    sort: 'recall',
    align: 'right',
    cell: measured((r) => `${r.recall.toFixed(3)} (${r.recallLow.toFixed(3)}-${r.recallHigh.toFixed(3)})`),
  },
  {
    label: 'bytes/vec',
    fields: ['bytesPerVector'],
    sort: 'bytesPerVector',
    align: 'right',
    cell: measured((r) => String(r.bytesPerVector)),
  },
  {
    label: 'prim+sec',
    fields: ['primaryBytes', 'secondaryBytes'],
    sort: 'primaryBytes',
    align: 'right',
    cell: measured((r) => `${r.primaryBytes}+${r.secondaryBytes}`),
  },
  {
    label: 'graph B',
    fields: ['graphBytes'],
    sort: 'graphBytes',
    align: 'right',
    cell: measured((r) => String(r.graphBytes)),
  },
  {
    label: 'build s',
    fields: ['buildSeconds'],
    sort: 'buildSeconds',
    align: 'right',
    // A star: some stage was reused, its time counted as fitted (the cached column says which).
    cell: measured((r) => `${r.buildSeconds.toFixed(2)}${r.cachedStages ? '*' : ''}`),
  },
  {
    label: 'QPS (spread)',
    fields: ['qps', 'qpsSpread'],
    sort: 'qps',
    align: 'right',
    cell: measured((r) => `${r.qps.toFixed(0)} (${r.qpsSpread.toFixed(2)})`),
  },
  {
    label: 'QPS batch',
    fields: ['qpsBatch'],
    sort: 'qpsBatch',
    align: 'right',
    cell: measured((r) => orDash(r.qpsBatch, fixed(0))),
  },
  {
    label: 'evals/q',
    fields: ['evaluations'],
    sort: 'evaluations',
    align: 'right',
    cell: measured((r) => r.evaluations.toFixed(0)),
  },
  {
    label: 'loss red / quant / trav / +rerank',
    fields: ['lossReduction', 'lossQuantization', 'lossTraversal', 'rerankRecovered'],
    align: 'right',
    cell: measured((r) => {
      const d = r.decomposition;
      return [d.reduction, d.quantization, d.traversal, d.rerankRecovered].map(fixed(3)).join(' / ');
    }),
  },
  {
    label: 'trav@rr',
    fields: ['rerankTraversal'],
    align: 'right',
    cell: measured((r) => orDash(r.decomposition.rerankTraversal, fixed(3))),
  },
  {
    label: 'rr/q',
    fields: ['reranked'],
    align: 'right',
    cell: measured((r) => orDash(r.reranked, fixed(1))),
  },
  {
    label: 'cached',
    fields: ['cachedStages'],
    align: 'left',
    cell: measured((r) => r.cachedStages ?? ''),
  },
  {
    label: 'filter: selectivity / pre / graph',
    fields: ['filter', 'selectivity', 'filteredRecall', 'filteredRecallInGraph'],
    align: 'left',
    cell: measured((r) =>
      r.filter === undefined
        ? ''
        : `[${r.filter.length > 40 ? `${r.filter.slice(0, 39)}…` : r.filter}] ` +
          [
            orDash(r.selectivity, fixed(4)),
            orDash(r.filteredRecall, fixed(3)),
            orDash(r.filteredRecallInGraph, fixed(3)),
          ].join(' / '),
    ),
  },
  { label: 'error', fields: ['error'], align: 'left', cell: (r) => r.error ?? '' },
] as const satisfies readonly StudySummaryColumn[];

/** The columns to show for these rows: the error column only when a row failed, the cached column
 * only when a row reused a stage, the filtered column only when a row has a filter. */
export function summaryColumnsFor(rows: readonly StudyRowSummary[]): readonly StudySummaryColumn[] {
  const cols: readonly StudySummaryColumn[] = STUDY_SUMMARY_COLUMNS;
  const failed = rows.some((r) => r.error !== undefined);
  const reused = rows.some((r) => r.error === undefined && r.cachedStages !== undefined);
  const filtered = rows.some((r) => r.filter !== undefined);
  return cols.filter(
    (c) =>
      (failed || c.fields[0] !== 'error') &&
      (reused || c.fields[0] !== 'cachedStages') &&
      (filtered || c.fields[0] !== 'filter'),
  );
}

/** The summary as fixed-width text: a header, a rule, one line per row. */
export function studySummaryText(rows: readonly StudyRowSummary[]): string {
  const cols = summaryColumnsFor(rows);
  const cells = [cols.map((c) => c.label), ...rows.map((r) => cols.map((c) => c.cell(r)))];
  const width = cols.map((_, j) => Math.max(...cells.map((line) => line[j]!.length)));
  const lines = cells.map((line) =>
    line
      .map((s, j) => (cols[j]!.align === 'left' ? s.padEnd(width[j]!) : s.padStart(width[j]!)))
      .join('  ')
      .trimEnd(),
  );
  lines.splice(1, 0, '-'.repeat(width.reduce((a, b) => a + b + 2, -2)));
  return lines.join('\n') + '\n';
}
