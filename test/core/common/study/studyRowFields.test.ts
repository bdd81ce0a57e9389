import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  STUDY_CSV_COLUMNS,
  studyRowsToCsv,
  studyRowsToJson,
} from '../../../../core/common/export/studyRows.js';
import { protocol } from '../../../../core/common/rpc/protocol.js';
import { RpcValidationError } from '../../../../core/common/rpc/schema.js';
import { studyGridSchema } from '../../../../core/common/study/studyGrid.js';
import {
  STUDY_ROW_FIELDS,
  studyRowSummary,
  studyRowSummarySchema,
  type StudyRowField,
  type StudyRowSummary,
} from '../../../../core/common/study/studyRowFields.js';
import {
  STUDY_SUMMARY_COLUMNS,
  studySummaryText,
} from '../../../../core/common/study/studySummaryColumns.js';
import type { StudyRow } from '../../../../core/common/study/studyTypes.js';
import { rowJson } from '../../../../core/node/cli/commands/study.js';
import { runCli } from '../../../../core/node/cli/main.js';
import { wireRow } from '../../../../core/node/host/capabilities/study.js';

const FIELDS: readonly StudyRowField[] = STUDY_ROW_FIELDS;
const names = FIELDS.map((f) => f.name);
const keysOf = (group: StudyRowField['group']) => FIELDS.filter((f) => f.group === group).map((f) => f.key);
const sorted = (xs: readonly string[]) => [...xs].sort();

/** A value of the field's type, distinct per field (and no substring of another's in any number format)
 * so a column mix-up shows. */
function sample(f: StudyRowField, i: number): unknown {
  return f.schema.kind.startsWith('string') ? `pipeline${i}` : 101 + i;
}

/** A row holding every field of the table (optional ones included), built from the table itself. */
function fullSummary(): StudyRowSummary {
  const row: Record<string, unknown> = {};
  const decomposition: Record<string, unknown> = {};
  FIELDS.forEach((f, i) => ((f.group === 'row' ? row : decomposition)[f.key] = sample(f, i)));
  return { ...row, decomposition } as StudyRowSummary;
}

function fullStudyRow(): StudyRow {
  return {
    ...fullSummary(),
    parsed: undefined as unknown as StudyRow['parsed'],
    perQueryRecall: Float32Array.of(1, 0.5),
    neighbourLoss: Float32Array.of(0, NaN, 1),
    neighbourSeen: Int32Array.of(2, 0, 1),
    ids: Int32Array.of(3, 1),
  };
}

/** Copies a row, deleting `key` of `group` (a top-level field or one inside the decomposition). */
function without(row: object, group: StudyRowField['group'], key: string): Record<string, unknown> {
  const copy = { ...row, decomposition: { ...(row as StudyRowSummary).decomposition } } as Record<
    string,
    Record<string, unknown>
  >;
  delete (group === 'row' ? copy : copy['decomposition']!)[key];
  return copy;
}

test('the table names its fields once and keeps the CSV columns of earlier versions in place', () => {
  assert.equal(new Set(names).size, names.length);
  for (const f of FIELDS) assert.ok(f.description.length > 0 && f.unit !== undefined, f.name);
  // The columns a CSV written before the table had, in the same order; new fields go after them.
  assert.deepEqual(names.slice(0, 16), [
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
  ]);
  // Added later, in this order, before the error column (always last).
  assert.deepEqual(names.slice(16), [
    'rerankTraversal',
    'qpsSpread',
    'cachedStages',
    'reranked',
    'filter',
    'selectivity',
    'filteredRecall',
    'filteredRecallInGraph',
    'error',
  ]);
});

test('CSV: the header is the table, each row has one cell per field in the table order', () => {
  assert.deepEqual(STUDY_CSV_COLUMNS, names);
  const full = fullSummary();
  const csv = studyRowsToCsv([full]).split('\r\n');
  assert.deepEqual(csv[0]!.split(','), names);
  const cells = csv[1]!.split(',');
  assert.equal(cells.length, names.length);
  FIELDS.forEach((f, i) => {
    if (f.csv === 'number') assert.equal(Number(cells[i]), sample(f, i), f.name);
  });
  // Absent optional field: an empty cell, the column count unchanged.
  const bare = studyRowsToCsv([without(full, 'decomposition', 'rerankTraversal') as StudyRowSummary]);
  const bareCells = bare.split('\r\n')[1]!.split(',');
  assert.equal(bareCells.length, names.length);
  assert.equal(bareCells[names.indexOf('rerankTraversal')], '');
  const noRerank = studyRowsToCsv([without(full, 'row', 'reranked') as StudyRowSummary]);
  const noRerankCells = noRerank.split('\r\n')[1]!.split(',');
  assert.equal(noRerankCells.length, names.length);
  assert.equal(noRerankCells[names.indexOf('reranked')], '');
});

test('JSON rows, CLI rows and wire rows hold exactly the fields of the table (plus their arrays)', () => {
  const row = fullStudyRow();
  const check = (obj: Record<string, unknown>, extra: string[], what: string) => {
    assert.deepEqual(sorted(Object.keys(obj)), sorted([...keysOf('row'), 'decomposition', ...extra]), what);
    assert.deepEqual(
      sorted(Object.keys(obj['decomposition'] as object)),
      sorted(keysOf('decomposition')),
      `${what}: decomposition`,
    );
  };
  check((JSON.parse(studyRowsToJson([row])) as Record<string, unknown>[])[0]!, [], 'JSON writer');
  check(studyRowSummary(row) as unknown as Record<string, unknown>, [], 'studyRowSummary');
  check(rowJson(row), ['perQueryRecall'], 'vecscope study --out');
  const wire = wireRow(row);
  check(
    wire as unknown as Record<string, unknown>,
    ['perQueryRecall', 'neighbourLoss', 'neighbourSeen', 'ids'],
    'host',
  );
  assert.deepEqual(protocol.study.partial.parse({ row: wire, nq: 2 }).row, wire);
});

test('the wire schema accepts a full row and rejects one missing any required field or with an extra one', () => {
  const rowSchema = {
    parse: (row: unknown) => protocol.study.partial.parse({ row, nq: 2 }),
  };
  const full = wireRow(fullStudyRow());
  for (const schema of [rowSchema, studyRowSummarySchema]) {
    const base = schema === rowSchema ? full : studyRowSummary(full);
    schema.parse(base);
    for (const f of FIELDS) {
      const missing = without(base, f.group, f.key);
      if (f.schema.kind.endsWith('?')) schema.parse(missing);
      else assert.throws(() => schema.parse(missing), RpcValidationError, `${f.name} missing`);
      const wrongType = without(base, f.group, f.key);
      (f.group === 'row' ? wrongType : (wrongType['decomposition'] as Record<string, unknown>))[f.key] = [];
      assert.throws(() => schema.parse(wrongType), RpcValidationError, `${f.name} as an array`);
    }
    assert.throws(() => schema.parse({ ...base, extra: 1 }), /extra: unexpected field/);
    assert.throws(
      () => schema.parse({ ...base, decomposition: { ...base.decomposition, extra: 1 } }),
      /extra: unexpected field/,
    );
  }
});

test('the summary columns (CLI table and app table) show every field of the table exactly once', () => {
  const shown = STUDY_SUMMARY_COLUMNS.flatMap((c) => [...c.fields]);
  assert.deepEqual(sorted(shown), sorted(names));
  // A measured row has no error: its columns show their values, the error column is left out.
  const full = without(fullSummary(), 'row', 'error') as StudyRowSummary;
  const measuredColumns = STUDY_SUMMARY_COLUMNS.filter((c) => c.label !== 'error');
  const text = studySummaryText([full]).split('\n');
  for (const c of measuredColumns) assert.ok(text[0]!.includes(c.label), c.label);
  assert.ok(!text[0]!.includes('error'));
  // Each cell shows the values of its fields and sits in the printed line.
  for (const c of measuredColumns) {
    const cell = c.cell(full);
    assert.ok(text[2]!.includes(cell), `${c.label}: "${cell}"`);
    for (const name of c.fields) {
      const i = names.indexOf(name);
      assert.ok(cell.includes(String(sample(FIELDS[i]!, i))), `${c.label} shows ${name}: "${cell}"`);
    }
  }
  // The unmeasured batch QPS and an absent rerankTraversal show as '-'.
  const bare = { ...without(full, 'decomposition', 'rerankTraversal'), qpsBatch: null } as StudyRowSummary;
  const cells = STUDY_SUMMARY_COLUMNS.map((c) => c.cell(bare));
  assert.equal(cells[STUDY_SUMMARY_COLUMNS.findIndex((c) => c.label === 'QPS batch')], '-');
  assert.equal(cells[STUDY_SUMMARY_COLUMNS.findIndex((c) => c.label === 'trav@rr')], '-');
  const noRerank = without(full, 'row', 'reranked') as StudyRowSummary;
  const rr = STUDY_SUMMARY_COLUMNS.find((c) => c.label === 'rr/q')!;
  assert.equal(rr.cell(noRerank), '-');
  // A failed row: every number cell a dash, the pipeline and its error shown, the error column added.
  const failed = fullSummary();
  const failedText = studySummaryText([full, failed]).split('\n');
  assert.ok(failedText[0]!.includes('error'));
  const failedCells = STUDY_SUMMARY_COLUMNS.map((c) => c.cell(failed));
  STUDY_SUMMARY_COLUMNS.forEach((c, i) => {
    if (c.label === 'pipeline') assert.equal(failedCells[i], failed.pipeline);
    else if (c.label === 'error') assert.equal(failedCells[i], failed.error);
    else assert.equal(failedCells[i], '-', c.label);
  });
  assert.ok(failedText[3]!.startsWith(failed.pipeline) && failedText[3]!.endsWith(failed.error!));
});

test('one grid schema: the engine request and the CLI --grid file refuse the same bad grid', async () => {
  const grid = { reductions: ['PCA'], dims: [16], quantizers: ['SQ8'], indexes: ['Flat'], W: [20] };
  assert.deepEqual(studyGridSchema.parse(grid), grid);
  const request = { dataset: 'd', k: 10, querySet: 'base' as const };
  assert.deepEqual(protocol.study.params.parse({ ...request, grid }).grid, grid);
  const bad = { ...grid, W: [0] };
  assert.throws(() => protocol.study.params.parse({ ...request, grid: bad }), /grid\.W\[0\]: 0 < 1/);

  const dir = mkdtempSync(join(tmpdir(), 'vecscope-grid-'));
  writeFileSync(join(dir, 'grid.json'), JSON.stringify(bad));
  let stderr = '';
  const code = await runCli(
    ['study', 'sample', '--grid', join(dir, 'grid.json'), '--out', join(dir, 'res.json')],
    { stdout: () => {}, stderr: (t: string) => (stderr += t) },
  );
  assert.equal(code, 1);
  assert.match(stderr, /grid\.W\[0\]: 0 < 1/);
  assert.equal(stderr.trim().split('\n').length, 1);
});
