import type { WireStudyRow } from '../../../core/common/rpc/protocol.js';

const CSV_COLUMNS = [
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
  'evaluations',
  'lossReduction',
  'lossQuantization',
  'lossTraversal',
  'rerankRecovered',
] as const;

function cell(v: string | number): string {
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Study rows as CSV (RFC 4180 quoting), one line per pipeline; per-point arrays left out. */
export function studyRowsCsv(rows: readonly WireStudyRow[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const r of rows) {
    const d = r.decomposition;
    const vals: (string | number)[] = [
      r.pipeline,
      r.recall,
      r.recallLow,
      r.recallHigh,
      r.bytesPerVector,
      r.primaryBytes,
      r.secondaryBytes,
      r.graphBytes,
      r.buildSeconds,
      r.qps,
      r.evaluations,
      d.reduction,
      d.quantization,
      d.traversal,
      d.rerankRecovered,
    ];
    lines.push(vals.map(cell).join(','));
  }
  return lines.join('\n') + '\n';
}

/** Study rows as JSON (the settings of the study, and per-query recall as a plain list). */
export function studyRowsJson(
  rows: readonly WireStudyRow[],
  meta: { k: number; nq: number; querySet: string; dataset: string },
): string {
  return (
    JSON.stringify(
      {
        ...meta,
        rows: rows.map((r) => ({
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
          evaluations: r.evaluations,
          decomposition: r.decomposition,
          perQueryRecall: Array.from(r.perQueryRecall),
        })),
      },
      null,
      1,
    ) + '\n'
  );
}
