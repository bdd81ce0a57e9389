import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseJsonl } from '../../../../core/common/io/jsonl.js';
import { assertUserError, utf8 } from './helpers.js';

test('JSONL objects: the embedding field is the vector, the rest metadata', () => {
  const lines = [
    { id: 'a', embedding: [1, 2], tags: ['x'], score: 0.5 },
    { id: 'b', embedding: [3, 4], score: 1.5, extra: true },
  ]
    .map((o) => JSON.stringify(o))
    .join('\n');
  const p = parseJsonl(utf8(lines + '\n'), 'r.jsonl');
  assert.deepEqual([p.matrix.n, p.matrix.dim], [2, 2]);
  assert.deepEqual([...p.matrix.data], [1, 2, 3, 4]);
  assert.deepEqual(
    p.metadata!.map((c) => [c.name, c.type]),
    [
      ['id', 'text'],
      ['tags', 'text'],
      ['score', 'number'],
      ['extra', 'text'],
    ],
  );
});

test('JSONL: the only array field is the vector; bare arrays and a JSON array file also read', () => {
  const p = parseJsonl(utf8('{"v":[1,2,3],"t":"x"}\n{"v":[4,5,null],"t":"y"}\n'), 'r.jsonl');
  assert.deepEqual([p.matrix.n, p.matrix.dim], [2, 3]);
  assert.ok(Number.isNaN(p.matrix.data[5]!), 'null reads as NaN');
  const bare = parseJsonl(utf8('[1,2]\n[3,4]\n'), 'r.jsonl');
  assert.deepEqual([...bare.matrix.data], [1, 2, 3, 4]);
  const arr = parseJsonl(utf8('[{"vector":[1],"k":1},{"vector":[2],"k":2}]'), 'r.json');
  assert.deepEqual([...arr.matrix.data], [1, 2]);
});

test('bad JSONL: invalid line, another dimension, no array field, empty', () => {
  assertUserError(
    () => parseJsonl(utf8('{"embedding":[1]}\n{oops\n'), 'r.jsonl'),
    'r.jsonl',
    /line 2 is not valid JSON/,
  );
  assertUserError(
    () => parseJsonl(utf8('{"embedding":[1,2]}\n\n{"embedding":[1]}\n'), 'r.jsonl'),
    'r.jsonl',
    /row 1 \(line 3\) has 1 values but row 0 has 2/,
  );
  assertUserError(() => parseJsonl(utf8('{"a":1}\n'), 'r.jsonl'), 'r.jsonl', /no array-of-numbers field/);
  assertUserError(
    () => parseJsonl(utf8('{"a":[1],"b":[2]}\n'), 'r.jsonl'),
    'r.jsonl',
    /several array fields/,
  );
  assertUserError(() => parseJsonl(new Uint8Array(0), 'r.jsonl'), 'r.jsonl', /empty file/);
});
