import type { StudyRow } from '../study/studyTypes.js';

/** The scalar fields of a study row: what CSV / JSON exports hold (typed arrays left out). */
export type StudyRowSummary = Pick<
  StudyRow,
  | 'pipeline'
  | 'recall'
  | 'recallLow'
  | 'recallHigh'
  | 'bytesPerVector'
  | 'primaryBytes'
  | 'secondaryBytes'
  | 'graphBytes'
  | 'buildSeconds'
  | 'qps'
  | 'qpsBatch'
  | 'evaluations'
  | 'decomposition'
>;

/** CSV columns, in order; the decomposition is flattened to four `loss*` columns. */
export const STUDY_CSV_COLUMNS = [
  'pipeline',
  'recall',
  'recallLow',
  'recallHigh',
  'bytesPerVector',
  'primaryBytes',
  'secondaryBytes',
  'graphBytes',
  'buildSeconds',
  'qps',
  'qpsBatch',
  'evaluations',
  'lossReduction',
  'lossQuantization',
  'lossTraversal',
  'rerankRecovered',
] as const;

/** RFC 4180 field: quoted when it holds a comma, a quote, CR or LF; inner quotes doubled. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function num(x: number | null): string {
  return x === null || !Number.isFinite(x) ? '' : String(x);
}

/** Rows as RFC 4180 CSV: a header line, CRLF line ends, empty cells for null / NaN. */
export function studyRowsToCsv(rows: readonly StudyRowSummary[]): string {
  const lines = [STUDY_CSV_COLUMNS.join(',')];
  for (const r of rows) {
    const d = r.decomposition;
    lines.push(
      [
        csvField(r.pipeline),
        num(r.recall),
        num(r.recallLow),
        num(r.recallHigh),
        num(r.bytesPerVector),
        num(r.primaryBytes),
        num(r.secondaryBytes),
        num(r.graphBytes),
        num(r.buildSeconds),
        num(r.qps),
        num(r.qpsBatch),
        num(r.evaluations),
        num(d.reduction),
        num(d.quantization),
        num(d.traversal),
        num(d.rerankRecovered),
      ].join(','),
    );
  }
  return lines.join('\r\n') + '\r\n';
}

/** Rows as a JSON array of plain objects (the scalar fields; non-finite numbers become null). */
export function studyRowsToJson(rows: readonly StudyRowSummary[]): string {
  const out = rows.map((r) => ({
    pipeline: r.pipeline,
    recall: r.recall,
    recallLow: r.recallLow,
    recallHigh: r.recallHigh,
    bytesPerVector: r.bytesPerVector,
    primaryBytes: r.primaryBytes,
    secondaryBytes: r.secondaryBytes,
    graphBytes: r.graphBytes,
    buildSeconds: r.buildSeconds,
    qps: r.qps,
    qpsBatch: r.qpsBatch,
    evaluations: r.evaluations,
    decomposition: { ...r.decomposition },
  }));
  return (
    JSON.stringify(out, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2) +
    '\n'
  );
}
