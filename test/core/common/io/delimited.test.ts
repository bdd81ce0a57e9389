import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDelimitedVectors, parseMetadataTable } from '../../../../core/common/io/delimited.js';
import { assertUserError, utf8 } from './helpers.js';

test('an Embedding Projector vectors TSV (no header) reads every cell as a component', () => {
  const p = parseDelimitedVectors(utf8('0.1\t0.2\t0.3\n-1\t2e-3\t4\n\n'), 'v.tsv', '\t');
  assert.deepEqual([p.matrix.n, p.matrix.dim, p.dtype], [2, 3, 'f32']);
  assert.deepEqual([...p.matrix.data], [...Float32Array.of(0.1, 0.2, 0.3, -1, 2e-3, 4)]);
  assert.deepEqual(p.metadata ?? [], []);
});

test('a CSV with a header: numeric columns are the vector, id-like and text columns metadata', () => {
  const csv = 'id,x0,x1,name\n0,1.5,2,"Smith, J."\n1,-1,0.25,plain\n';
  const p = parseDelimitedVectors(utf8(csv), 'v.csv', ',');
  assert.deepEqual([p.matrix.n, p.matrix.dim], [2, 2]);
  assert.deepEqual([...p.matrix.data], [1.5, 2, -1, 0.25]);
  assert.deepEqual(
    p.metadata!.map((c) => [c.name, c.type]),
    [
      ['id', 'number'],
      ['name', 'text'],
    ],
  );
  const name = p.metadata![1]!;
  assert.equal(name.type === 'text' && name.values[0], 'Smith, J.');
});

test('a list-valued "embedding" column is the vector', () => {
  const tsv = 'title\tembedding\na\t[1, 2, 3]\nb\t[4, 5, 6]\n';
  const p = parseDelimitedVectors(utf8(tsv), 'v.tsv', '\t');
  assert.deepEqual([p.matrix.n, p.matrix.dim], [2, 3]);
  assert.deepEqual([...p.matrix.data], [1, 2, 3, 4, 5, 6]);
  assert.deepEqual(
    p.metadata!.map((c) => c.name),
    ['title'],
  );
});

test('NaN and Inf spellings parse as numbers (validation rejects them later)', () => {
  const p = parseDelimitedVectors(utf8('1,nan\n-inf,2\n'), 'v.csv', ',');
  assert.ok(Number.isNaN(p.matrix.data[1]!));
  assert.equal(p.matrix.data[2], -Infinity);
});

test('bad delimited input: ragged rows, a non-number, empty, header only, no numeric column', () => {
  assertUserError(
    () => parseDelimitedVectors(utf8('1\t2\t3\n4\t5\n'), 'v.tsv', '\t'),
    'v.tsv',
    /row 1 \(line 2\) has 2 values but row 0 has 3/,
  );
  assertUserError(
    () => parseDelimitedVectors(utf8('1\t2\n4\tx\n'), 'v.tsv', '\t'),
    'v.tsv',
    /row 1 \(line 2\), column 1: "x" is not a number/,
  );
  assertUserError(
    () => parseDelimitedVectors(utf8('a,b\n1,2\n3\n'), 'v.csv', ','),
    'v.csv',
    /row 1 \(line 3\) has 1 fields but the header has 2/,
  );
  assertUserError(() => parseDelimitedVectors(new Uint8Array(0), 'v.csv', ','), 'v.csv', /empty file/);
  assertUserError(() => parseDelimitedVectors(utf8('\n\n'), 'v.csv', ','), 'v.csv', /empty file/);
  assertUserError(
    () => parseDelimitedVectors(utf8('a,b\n'), 'v.csv', ','),
    'v.csv',
    /no rows after the header/,
  );
  assertUserError(
    () => parseDelimitedVectors(utf8('a,b\nx,y\n'), 'v.csv', ','),
    'v.csv',
    /no numeric columns/,
  );
});

test('metadata tables: a header row, or one header-less column when the row count says so', () => {
  const cols = parseMetadataTable(utf8('row\tword\n0\tcat\n1\tdog\n'), 'm.tsv', '\t', 2);
  assert.deepEqual(
    cols.map((c) => [c.name, c.type]),
    [
      ['row', 'number'],
      ['word', 'text'],
    ],
  );
  const single = parseMetadataTable(utf8('cat\ndog\n'), 'm.tsv', '\t', 2);
  assert.deepEqual(
    single.map((c) => c.name),
    ['label'],
  );
  const headed = parseMetadataTable(utf8('word\ncat\ndog\n'), 'm.tsv', '\t', 2);
  assert.deepEqual(
    headed.map((c) => c.name),
    ['word'],
  );
  assertUserError(
    () => parseMetadataTable(utf8('a\tb\n1\n'), 'm.tsv', '\t', 1),
    'm.tsv',
    /has 1 fields but the header has 2/,
  );
});

test('an "N/A" in a numeric column with a header keeps the column: it loads as NaN (8-d stays 8-d)', () => {
  const header = 'id,' + Array.from({ length: 8 }, (_, j) => `x${j}`).join(',') + ',name\n';
  const rows = ['0,1,2,3,4,5,6,7,8,a\n', '1,1,2,3,N/A,5,6,7,8,b\n', '2,1,2,3,4,5,6,7,8,c\n'];
  const p = parseDelimitedVectors(utf8(header + rows.join('')), 'v.csv', ',');
  assert.deepEqual([p.matrix.n, p.matrix.dim], [3, 8]);
  assert.ok(Number.isNaN(p.matrix.data[8 + 3]!));
  assert.deepEqual(
    p.metadata!.map((c) => c.name),
    ['id', 'name'],
  );
});

test('a word in a numeric column with a header is one error naming row, column and value', () => {
  const csv = 'x0,x1,x2\n1,2,3\n4,oops,6\n7,8,9\n';
  assertUserError(
    () => parseDelimitedVectors(utf8(csv), 'v.csv', ','),
    'v.csv',
    /row 1 \(line 3\), column "x1": "oops" is not a number/,
  );
});

test('an "N/A" in row 0 of a headerless CSV is a missing value, not a header', () => {
  const p = parseDelimitedVectors(utf8('1,N/A,3\n4,5,6\n7,8,9\n'), 'v.csv', ',');
  assert.deepEqual([p.matrix.n, p.matrix.dim], [3, 3]);
  assert.ok(Number.isNaN(p.matrix.data[1]!));
  assert.equal(p.metadata, undefined);
});

test('a mostly empty column with a few numbers stays metadata', () => {
  const p = parseDelimitedVectors(utf8('x0,x1,note\n1,2,\n3,4,\n5,6,7\n'), 'v.csv', ',');
  assert.equal(p.matrix.dim, 2);
  assert.deepEqual(
    p.metadata!.map((c) => c.name),
    ['note'],
  );
});
