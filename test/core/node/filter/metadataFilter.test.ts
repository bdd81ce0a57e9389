import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MetadataFilter, sweepPredicate } from '../../../../core/node/filter/metadataFilter.js';
import { studyFilters } from '../../../../core/node/filter/studyFilters.js';
import type { MetadataColumn } from '../../../../core/common/types.js';

const n = 2_000;
function columns(): MetadataColumn[] {
  const codes = new Int32Array(n);
  const year = new Float64Array(n);
  const title: string[] = [];
  for (let i = 0; i < n; i++) {
    codes[i] = i % 13 === 0 ? -1 : i % 10;
    year[i] = i % 17 === 0 ? NaN : 2000 + (i % 30);
    title.push(`doc "${i}"`);
  }
  return [
    { name: 'cluster', type: 'category', codes, categories: Array.from({ length: 10 }, (_, c) => `c${c}`) },
    { name: 'year', type: 'number', values: year },
    { name: 'title', type: 'text', values: title },
  ];
}

test('MetadataFilter: predicates over category, number and text columns match a plain evaluation', async () => {
  const cols = columns();
  const db = await MetadataFilter.create(cols, n);
  try {
    const cases: [string, (i: number) => boolean][] = [
      [
        "cluster = 'c7' AND year >= 2020",
        (i) => i % 13 !== 0 && i % 10 === 7 && i % 17 !== 0 && i % 30 >= 20,
      ],
      [
        "cluster IN ('c1', 'c2') OR year < 2003",
        (i) => (i % 13 !== 0 && (i % 10 === 1 || i % 10 === 2)) || (i % 17 !== 0 && i % 30 < 3),
      ],
      ['year BETWEEN 2010 AND 2011.5', (i) => i % 17 !== 0 && i % 30 >= 10 && i % 30 <= 11],
      ['cluster IS NULL', (i) => i % 13 === 0],
      ["title LIKE 'doc \"19%'", (i) => String(i).startsWith('19')],
      ['row_id < 100', (i) => i < 100],
    ];
    for (const [pred, want] of cases) {
      const { allowed, count } = await db.evaluate(pred);
      let expected = 0;
      for (let i = 0; i < n; i++) {
        assert.equal(allowed[i], want(i) ? 1 : 0, `${pred} row ${i}`);
        if (want(i)) expected++;
      }
      assert.equal(count, expected);
    }
  } finally {
    db.close();
  }
});

test('MetadataFilter: bad predicates give one line each', async () => {
  const db = await MetadataFilter.create(columns(), n);
  try {
    const line = async (pred: string, re: RegExp) => {
      const err = await db.evaluate(pred).then(
        () => undefined,
        (e: Error) => e,
      );
      assert.ok(err, pred);
      assert.match(err.message, re);
      assert.equal(err.message.split('\n').length, 1, err.message);
    };
    await line(
      "clustr = 'c1'",
      /^unknown column "clustr" in the filter .*; the columns are: cluster, year, title, row_id$/,
    );
    await line("cluster = 'c99'", /^the filter "cluster = 'c99'" matches no row \(of 2000\)$/);
    await line('year >', /is not a SQL boolean expression: syntax error/);
    await line('1=1); DROP TABLE meta; SELECT (1', /one boolean expression, not statements/);
    await line('', /the filter is empty/);
    await line('x'.repeat(3000), /at most 2000/);
    // The database holds nothing but the metadata: no files.
    await line("row_id IN (SELECT 1 FROM read_csv('/etc/passwd'))", /^the filter .* failed: /);
    // And the table is still there after the refused statements.
    assert.equal((await db.evaluate('row_id >= 0')).count, n);
  } finally {
    db.close();
  }
});

test('sweep predicates allow about their share of the rows; studyFilters puts the user filter last', async () => {
  const cols = columns();
  const db = await MetadataFilter.create(cols, n);
  try {
    assert.equal((await db.evaluate(sweepPredicate(1))).count, n);
    const tenth = (await db.evaluate(sweepPredicate(0.1))).count;
    assert.ok(tenth > 150 && tenth < 250, String(tenth));
  } finally {
    db.close();
  }
  const { filters, notes } = await studyFilters(cols, n, { filter: " cluster = 'c3' ", sweep: true });
  // 0.1 % of 2,000 rows is about 2: kept when the hash allows any.
  assert.ok(filters.length === 5 || (filters.length === 4 && notes.length === 1));
  const own = filters.at(-1)!;
  assert.equal(own.filter, "cluster = 'c3'");
  assert.equal(own.primary, true);
  assert.equal(filters[0]!.filter, 'true');
  await assert.rejects(
    () => studyFilters(cols, n, { filter: 'nope > 1', sweep: true }),
    /unknown column "nope"/,
  );
});
