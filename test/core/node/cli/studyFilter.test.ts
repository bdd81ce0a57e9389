import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { encodeNpy } from '../../../../core/common/io/npy.js';
import { runCli } from '../../../../core/node/cli/main.js';
import { clusteredGaussian } from '../../../helpers/fixtures.js';

interface FilteredJson {
  filter: string;
  selectivity: number;
  allowed: number;
  recallPrefilter: number;
  recallInGraph?: number;
}
interface RowJson {
  pipeline: string;
  filter?: string;
  selectivity?: number;
  filteredRecall?: number;
  filteredRecallInGraph?: number;
  filtered?: FilteredJson[];
}

function files() {
  const dir = mkdtempSync(join(tmpdir(), 'vecscope-filter-'));
  const n = 3_000;
  const all = clusteredGaussian(n + 30, 16, 6, 4);
  writeFileSync(join(dir, 'base.npy'), encodeNpy(all.data.slice(0, n * 16), [n, 16]));
  writeFileSync(join(dir, 'q.npy'), encodeNpy(all.data.slice(n * 16), [30, 16]));
  const lines = ['cluster\tyear'];
  for (let i = 0; i < n; i++) lines.push(`c${i % 10}\t${2000 + (i % 25)}`);
  writeFileSync(join(dir, 'meta.tsv'), lines.join('\n') + '\n');
  const argv = [
    'study',
    join(dir, 'base.npy'),
    '--queries',
    join(dir, 'q.npy'),
    '--metadata',
    join(dir, 'meta.tsv'),
  ];
  return { dir, n, argv: [...argv, '--k', '5', '--metric', 'l2'] };
}

test('vecscope study --filter --selectivity-sweep: rows gain filter, selectivity and filtered recalls', async () => {
  const { dir, n, argv } = files();
  let stdout = '';
  let stderr = '';
  const io = { stdout: (t: string) => (stdout += t), stderr: (t: string) => (stderr += t) };
  const code = await runCli(
    [
      ...argv,
      '--pipelines',
      'F32,Flat',
      'F32,Vamana(R=16,L=40)|W=20',
      '--filter',
      "cluster = 'c7' AND year >= 2010",
      '--selectivity-sweep',
      '--out',
      join(dir, 'r.json'),
      '--json',
    ],
    io,
  );
  assert.equal(code, 0, stderr);
  const res = JSON.parse(stdout) as { rows: RowJson[] };
  const want = Array.from({ length: n }, (_, i) => i % 10 === 7 && i % 25 >= 10).filter(Boolean).length;
  for (const row of res.rows) {
    assert.equal(row.filter, "cluster = 'c7' AND year >= 2010");
    assert.equal(row.selectivity, want / n);
    assert.equal(row.filteredRecall, 1);
    // The sweep's levels (0.1 % of 3,000 rows may allow none), then the user's filter.
    assert.ok(row.filtered!.length >= 4, String(row.filtered!.length));
    assert.equal(row.filtered![0]!.filter, 'true');
    assert.equal(row.filtered![0]!.selectivity, 1);
    assert.equal(row.filtered!.at(-1)!.allowed, want);
    for (const f of row.filtered!) assert.equal(f.recallPrefilter, 1, f.filter);
  }
  assert.equal(res.rows[0]!.filteredRecallInGraph, undefined);
  const g = res.rows[1]!;
  assert.ok(g.filteredRecallInGraph! >= 0 && g.filteredRecallInGraph! <= 1);
  assert.ok(g.filtered![0]!.recallInGraph! > g.filtered![2]!.recallInGraph!, JSON.stringify(g.filtered));

  // The table says the same in words.
  stdout = '';
  assert.equal(
    await runCli(
      [...argv, '--pipelines', 'F32,Flat', '--filter', "cluster = 'c1'", '--out', join(dir, 't.json')],
      io,
    ),
    0,
  );
  assert.match(stdout, /filtered recall@5 \(pre-filter \/ in-graph/);
  assert.match(stdout, /\[cluster = 'c1'\] {2}10\.0 % \(300 rows\): 1\.000 \/ -/);
});

test('vecscope study --filter: an unknown column or a filter matching nothing is one line, exit 1', async () => {
  const { dir, argv } = files();
  for (const [filter, re] of [
    [
      "clustr = 'c1'",
      /^vecscope study: unknown column "clustr" in the filter "clustr = 'c1'"; the columns are: cluster, year, row_id\n$/,
    ],
    ["cluster = 'c11'", /^vecscope study: the filter "cluster = 'c11'" matches no row \(of 3000\)\n$/],
  ] as const) {
    let stderr = '';
    const io = { stdout: () => {}, stderr: (t: string) => (stderr += t) };
    const code = await runCli(
      [...argv, '--pipelines', 'F32,Flat', '--filter', filter, '--out', join(dir, 'x.json')],
      io,
    );
    assert.equal(code, 1);
    assert.match(stderr.replace(/^(metric|warning)[^\n]*\n/gm, ''), re);
  }
});
