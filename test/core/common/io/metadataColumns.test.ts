import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  buildMetadataColumn,
  buildMetadataColumns,
  parseNumberCell,
} from '../../../../core/common/io/metadataColumns.js';

test('numbers, categories and text are told apart', () => {
  const n = 100;
  const rows = Array.from({ length: n }, (_, i) => [
    String(i * 0.5),
    ['cat', 'dog', 'eel'][i % 3]!,
    `sentence ${i}`,
  ]);
  const cols = buildMetadataColumns(['x', 'animal', 'text'], rows);
  assert.deepEqual(
    cols.map((c) => c.type),
    ['number', 'category', 'text'],
  );
  const [x, animal, text] = cols;
  assert.ok(x!.type === 'number' && x!.values[3] === 1.5);
  assert.ok(animal!.type === 'category');
  if (animal!.type === 'category') {
    assert.deepEqual(animal!.categories, ['cat', 'dog', 'eel']);
    assert.equal(animal!.categories[animal!.codes[4]!], 'dog');
  }
  assert.ok(text!.type === 'text' && text!.values[7] === 'sentence 7');
});

test('a category needs few distinct values: over 256, or half the rows, makes text', () => {
  const many = Array.from({ length: 1000 }, (_, i) => `c${i % 300}`);
  assert.equal(buildMetadataColumn('c', many).type, 'text');
  const half = Array.from({ length: 10 }, (_, i) => `c${i % 5}`);
  assert.equal(buildMetadataColumn('c', half).type, 'text');
  const fewer = Array.from({ length: 10 }, (_, i) => `c${i % 4}`);
  assert.equal(buildMetadataColumn('c', fewer).type, 'category');
});

test('missing numbers become NaN; typed cells (number, bigint, boolean) are kept', () => {
  const c = buildMetadataColumn('v', ['1', '', null, 2, 3n]);
  assert.ok(c.type === 'number');
  if (c.type === 'number') {
    assert.deepEqual([c.values[0], c.values[3], c.values[4]], [1, 2, 3]);
    assert.ok(Number.isNaN(c.values[1]!) && Number.isNaN(c.values[2]!));
  }
  const b = buildMetadataColumn(
    'b',
    Array.from({ length: 10 }, (_, i) => i % 2 === 0),
  );
  assert.ok(b.type === 'category' && b.categories.includes('true'));
  assert.equal(buildMetadataColumn('nan', ['1', 'nan']).type, 'text', 'NaN is not a finite number');
});

test('parseNumberCell accepts numbers and NaN/Inf spellings, rejects the rest', () => {
  assert.equal(parseNumberCell(' -1.5e3 '), -1500);
  assert.equal(parseNumberCell('.5'), 0.5);
  assert.equal(parseNumberCell('-Infinity'), -Infinity);
  assert.ok(Number.isNaN(parseNumberCell('NaN')!));
  for (const bad of ['', '0x10', 'abc', '1,5', '1e'] as const)
    assert.equal(parseNumberCell(bad), undefined, bad);
});
