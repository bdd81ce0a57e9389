import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { VecscopeError } from '../../../../core/common/errors.js';
import { resolveTextModel } from '../../../../core/node/text/textModel.js';
import { pickTexts, readTextTable, textColumnNames } from '../../../../core/node/text/textTable.js';

const dir = mkdtempSync(join(tmpdir(), 'vecscope-textin-'));

function write(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

/** Asserts a one-line VecscopeError whose message matches every pattern. */
async function rejectsWith(f: () => unknown, ...patterns: RegExp[]): Promise<void> {
  await assert.rejects(
    async () => f(),
    (e: unknown) => {
      assert.ok(e instanceof VecscopeError, String(e));
      assert.ok(!e.message.includes('\n'), e.message);
      for (const p of patterns) assert.match(e.message, p);
      return true;
    },
  );
}

test('a .txt file is one text a line, blank lines kept as rows', async () => {
  const cols = await readTextTable(write('a.txt', 'first line\r\nsecond, with a comma\n\nfourth\n'));
  assert.deepEqual(cols, [
    { name: 'text', type: 'text', values: ['first line', 'second, with a comma', '', 'fourth'] },
  ]);
});

test('csv, tsv and jsonl tables give their columns; the text columns are those typed text', async () => {
  const rows = ['a red apple', 'a blue sky', 'a green frog', 'a yellow sun'];
  const csv = await readTextTable(write('t.csv', 'id,body\n' + rows.map((r, i) => `${i},"${r}"`).join('\n')));
  const tsv = await readTextTable(write('t.tsv', 'id\tbody\n' + rows.map((r, i) => `${i}\t${r}`).join('\n')));
  const jsonl = await readTextTable(
    write('t.jsonl', rows.map((r, i) => JSON.stringify({ id: i, body: r })).join('\n')),
  );
  for (const cols of [csv, tsv, jsonl]) {
    assert.deepEqual(textColumnNames(cols), ['body']);
    assert.deepEqual(pickTexts(cols, 'f').texts, rows);
  }
});

test('picking the column: by name, or the only text column; refusals are one line each', async () => {
  const cols = await readTextTable(
    write(
      'two.tsv',
      'title\tbody\tn\nan apple\tred and round\t1\na sky\tblue and wide\t2\na frog\tgreen and wet\t3\n',
    ),
  );
  assert.deepEqual(pickTexts(cols, 'two.tsv', 'title').texts, ['an apple', 'a sky', 'a frog']);
  await rejectsWith(
    () => pickTexts(cols, 'two.tsv'),
    /two\.tsv/,
    /several text columns qualify \(title, body\)/,
    /--text-column/,
  );
  await rejectsWith(() => pickTexts(cols, 'two.tsv', 'nope'), /no column "nope"/, /title, body, n/);
  await rejectsWith(() => pickTexts(cols, 'two.tsv', 'n'), /column "n" holds numbers/);
});

test('a text column with empty cells is refused, naming the column, the count and the first row', async () => {
  const path = write('holes.tsv', 'id\ttext\n0\tone\n1\t \n2\tthree\n3\t\n4\tfive\n');
  const cols = await readTextTable(path);
  await rejectsWith(
    () => pickTexts(cols, path),
    /holes\.tsv/,
    /column "text" has 2 empty cells \(first at row 1\)/,
  );
  const txt = write('holes.txt', 'one\n\nthree\n');
  await rejectsWith(
    async () => pickTexts(await readTextTable(txt), txt),
    /has 1 empty cell \(first at row 1\)/,
  );
});

test('--model: the built-in USE-lite, a USE-lite folder, an ONNX folder; a missing tokenizer in one line', async () => {
  assert.equal(resolveTextModel().id, 'use-lite@0.2.0');
  assert.equal(resolveTextModel('use-lite').dir, undefined);
  const use = join(dir, 'use');
  mkdirSync(use);
  writeFileSync(join(use, 'model.json'), '{}');
  writeFileSync(join(use, 'vocab.json'), '[]');
  const spec = resolveTextModel(use);
  assert.equal(spec.dir, use);
  assert.match(spec.id, /^use-lite:.*#[0-9a-f]{16}$/);

  const onnx = join(dir, 'minilm');
  mkdirSync(join(onnx, 'onnx'), { recursive: true });
  writeFileSync(join(onnx, 'onnx', 'model.onnx'), 'x');
  writeFileSync(join(onnx, 'tokenizer_config.json'), '{}');
  await rejectsWith(() => resolveTextModel(onnx), /minilm/, /no tokenizer: tokenizer\.json is missing/);
  writeFileSync(join(onnx, 'tokenizer.json'), '{}');
  const onnxSpec = resolveTextModel(onnx);
  assert.equal(onnxSpec.kind, 'onnx');
  assert.match(onnxSpec.id, /^onnx:.*minilm#[0-9a-f]{16}$/);
  // The id follows the weights: a changed model.onnx is another model (and another cache entry).
  writeFileSync(join(onnx, 'onnx', 'model.onnx'), 'y');
  assert.notEqual(resolveTextModel(onnx).id, onnxSpec.id);
  await rejectsWith(() => resolveTextModel(join(dir, 'absent')), /absent/, /model folder not found/);
  const empty = join(dir, 'empty');
  mkdirSync(empty);
  await rejectsWith(() => resolveTextModel(empty), /no text model in this folder/);
});
