import { csvField } from '../../../core/common/export/studyRows.js';
import { encodeNpy } from '../../../core/common/io/npy.js';

/** Rows the engine returns per request (its `rows` call is bounded). */
const CHUNK = 10_000;

/**
 * The selected rows as RFC 4180 CSV: a `row` column (the index in the file) then every metadata
 * column, fetched from the engine in bounded chunks. Null if the engine did not answer.
 */
export async function selectionCsv(
  rows: Int32Array,
  fetchRows: (ids: Int32Array) => Promise<{ columns: string[]; values: string[][] } | undefined>,
): Promise<string | null> {
  const lines: string[] = [];
  for (let at = 0; at < rows.length || at === 0; at += CHUNK) {
    const ids = rows.subarray(at, at + CHUNK).slice();
    const t = await fetchRows(ids);
    if (!t) return null;
    if (at === 0) lines.push(['row', ...t.columns].map(csvField).join(','));
    t.values.forEach((v, i) => lines.push([String(ids[i]), ...v].map(csvField).join(',')));
    if (rows.length === 0) break;
  }
  return lines.join('\r\n') + '\r\n';
}

/** The selected row indices as a 1-D int32 `.npy` (NumPy reads it with np.load). */
export function selectionNpy(rows: Int32Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(encodeNpy(rows, [rows.length]));
}
