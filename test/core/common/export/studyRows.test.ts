import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { StudyRowSummary } from '../../../../core/common/study/studyRowFields.js';
import {
  STUDY_CSV_COLUMNS,
  csvField,
  studyRowsToCsv,
  studyRowsToJson,
} from '../../../../core/common/export/studyRows.js';

/** An RFC 4180 reader (quoted fields, doubled quotes, CRLF records), independent of the writer. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (c === '"') quoted = false;
      else field += c;
      i++;
      continue;
    }
    if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else {
      assert.ok(c !== '"' && c !== '\n' && c !== '\r', `bare ${JSON.stringify(c)} at ${i}`);
      field += c;
    }
    i++;
  }
  assert.equal(field, '');
  assert.equal(row.length, 0, 'last record ends with CRLF');
  return rows;
}

function row(pipeline: string, over: Partial<StudyRowSummary> = {}): StudyRowSummary {
  return {
    pipeline,
    recall: 0.91,
    recallLow: 0.89,
    recallHigh: 0.93,
    bytesPerVector: 136,
    primaryBytes: 132,
    secondaryBytes: 4,
    graphBytes: 128,
    buildSeconds: 1.25,
    qps: 5123.5,
    qpsSpread: 0.04,
    qpsBatch: null,
    evaluations: 812,
    decomposition: { reduction: 0.05, quantization: 0.03, traversal: 0.02, rerankRecovered: 0.01 },
    ...over,
  };
}

test('CSV: header, quoted pipelines, CRLF, empty cells for null and NaN, round trip', () => {
  const rows = [
    row('PCA128,LVQ8,Vamana(R=32,L=100)|W=40,rerank=80'),
    row('F32,Flat', { qpsBatch: 20000, buildSeconds: NaN }),
    row('odd "name"\nwith newline'),
  ];
  const csv = studyRowsToCsv(rows);
  const parsed = parseCsv(csv);
  assert.deepEqual(parsed[0], [...STUDY_CSV_COLUMNS]);
  assert.equal(parsed.length, 4);
  for (const [i, r] of rows.entries()) {
    const cells = parsed[i + 1]!;
    assert.equal(cells.length, STUDY_CSV_COLUMNS.length);
    assert.equal(cells[0], r.pipeline);
    assert.equal(Number(cells[1]), r.recall);
    assert.equal(Number(cells[9]), r.qps);
    assert.equal(cells[10], r.qpsBatch === null ? '' : String(r.qpsBatch));
    assert.equal(Number(cells[15]), r.decomposition.rerankRecovered);
  }
  assert.equal(parsed[2]![8], '', 'NaN is an empty cell');
  assert.equal(csvField('plain'), 'plain');
  assert.equal(csvField('a,b'), '"a,b"');
  assert.equal(csvField('say "hi"'), '"say ""hi"""');
});

test('JSON: an array of plain rows; non-finite numbers become null', () => {
  const rows = [row('SQ8,Flat', { qps: Infinity }), row('BIN,Flat|rerank=100')];
  const back = JSON.parse(studyRowsToJson(rows)) as Record<string, unknown>[];
  assert.equal(back.length, 2);
  assert.equal(back[0]!['pipeline'], 'SQ8,Flat');
  assert.equal(back[0]!['qps'], null);
  assert.deepEqual(back[1]!['decomposition'], rows[1]!.decomposition);
  assert.equal(back[1]!['qpsBatch'], null);
  assert.equal(back[1]!['recallLow'], 0.89);
});
