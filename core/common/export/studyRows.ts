import {
  STUDY_ROW_FIELDS,
  studyRowSummary,
  studyRowValue,
  type StudyRowSummary,
} from '../study/studyRowFields.js';

/** CSV columns, in order: the field table's names (the decomposition flattened to its `loss*` columns). */
export const STUDY_CSV_COLUMNS = STUDY_ROW_FIELDS.map((f) => f.name);

/** RFC 4180 field: quoted when it holds a comma, a quote, CR or LF; inner quotes doubled. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function num(x: unknown): string {
  return typeof x !== 'number' || !Number.isFinite(x) ? '' : String(x);
}

/** Rows as RFC 4180 CSV: a header line, CRLF line ends, empty cells for null / NaN / absent values. */
export function studyRowsToCsv(rows: readonly StudyRowSummary[]): string {
  const lines = [STUDY_CSV_COLUMNS.join(',')];
  for (const r of rows)
    lines.push(
      STUDY_ROW_FIELDS.map((f) => {
        const v = studyRowValue(r, f);
        return f.csv === 'text' ? csvField(String(v ?? '')) : num(v);
      }).join(','),
    );
  return lines.join('\r\n') + '\r\n';
}

/** Rows as a JSON array of plain objects (the table's fields; non-finite numbers become null). */
export function studyRowsToJson(rows: readonly StudyRowSummary[]): string {
  return (
    JSON.stringify(
      rows.map(studyRowSummary),
      (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v),
      2,
    ) + '\n'
  );
}
