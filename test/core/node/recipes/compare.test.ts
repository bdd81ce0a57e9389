import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { encodeNpy } from '../../../../core/common/io/npy.js';
import type { Matrix } from '../../../../core/common/types.js';
import { runCli } from '../../../../core/node/cli/main.js';
import { compareRecipe } from '../../../../core/node/recipes/compareRecipe.js';
import { bruteKnn, randomMatrix } from '../../../helpers/fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'vecscope-compare-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** The same rows seen by a second "model": a random 24-d linear map of them plus noise. */
function secondModel(x: Matrix, noise: number, seed: number): Matrix {
  const w = randomMatrix(x.dim, 24, seed);
  const e = randomMatrix(x.n, 24, seed + 1);
  const data = new Float32Array(x.n * 24);
  for (let i = 0; i < x.n; i++)
    for (let c = 0; c < 24; c++) {
      let s = noise * e.data[i * 24 + c]!;
      for (let j = 0; j < x.dim; j++) s += x.data[i * x.dim + j]! * w.data[j * 24 + c]!;
      data[i * 24 + c] = s;
    }
  return { data, n: x.n, dim: 24 };
}

test('compare: agreement per row equals brute-force neighbour sets; identical models agree fully', async () => {
  const n = 800;
  // Five classes: a far-apart centre each, plus uniform noise.
  const centres = randomMatrix(5, 16, 7);
  const noise = randomMatrix(n, 16, 8);
  const labels = Int32Array.from({ length: n }, (_, i) => i % 5);
  const a: Matrix = { data: new Float32Array(n * 16), n, dim: 16 };
  for (let i = 0; i < n; i++)
    for (let j = 0; j < 16; j++)
      a.data[i * 16 + j] = 4 * centres.data[labels[i]! * 16 + j]! + noise.data[i * 16 + j]!;
  const b = secondModel(a, 0.8, 11);
  const k = 10;
  const r = await compareRecipe(
    { vectors: a, metric: 'l2' },
    { vectors: b, metric: 'l2' },
    { k, labels },
    { threads: 2 },
  );
  const na = bruteKnn(a, a, k + 1, 'l2');
  const nb = bruteKnn(b, b, k + 1, 'l2');
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const sa = new Set(
      Array.from(na.subarray(i * (k + 1), (i + 1) * (k + 1)))
        .filter((j) => j !== i)
        .slice(0, k),
    );
    const sb = new Set(
      Array.from(nb.subarray(i * (k + 1), (i + 1) * (k + 1)))
        .filter((j) => j !== i)
        .slice(0, k),
    );
    const common = [...sa].filter((j) => sb.has(j)).length;
    assert.ok(Math.abs(r.perPoint.jaccard[i]! - common / (2 * k - common)) < 1e-6, `row ${i}`);
    sum += common / k;
  }
  assert.ok(Math.abs(r.meanOverlap - sum / n) < 1e-6);
  assert.ok(
    r.meanJaccard > 0.05 && r.meanJaccard < 0.95,
    `a noisy second model disagrees in part: ${r.meanJaccard}`,
  );
  assert.ok(r.cka > 0.2 && r.cka < 1, `${r.cka}`);
  assert.ok(r.spearman > 0.2 && r.spearman < 1, `${r.spearman}`);
  assert.equal(r.disagree.length, 20);
  assert.ok(r.disagree[0]!.jaccard <= r.disagree[19]!.jaccard);
  assert.equal(r.disagree[0]!.jaccard, Math.min(...r.perPoint.jaccard));
  // Clustered rows: A's neighbours carry the class; per-class means weigh up to the overall mean.
  assert.ok(r.labels!.a.knnAccuracy > 0.9, JSON.stringify(r.labels!.a));
  assert.ok(r.labels!.a.neighbourhoodHit >= r.labels!.b.neighbourhoodHit - 0.05);
  const weighted = r.labels!.byLabel.reduce((s, g) => s + g.meanJaccard * g.count, 0) / n;
  assert.ok(Math.abs(weighted - r.meanJaccard) < 1e-6);

  const same = await compareRecipe({ vectors: a, metric: 'l2' }, { vectors: a, metric: 'l2' }, { k });
  assert.equal(same.meanJaccard, 1);
  assert.ok(Math.abs(same.cka - 1) < 1e-4);
});

test('vecscope compare writes its JSON and per-row file, and refuses files of different row counts in one line', async () => {
  const n = 300;
  const a = randomMatrix(n, 8, 1);
  const b = secondModel(a, 0.5, 2);
  writeFileSync(join(dir, 'a.npy'), encodeNpy(a.data, [n, 8]));
  writeFileSync(join(dir, 'b.npy'), encodeNpy(b.data, [n, 24]));
  writeFileSync(join(dir, 'short.npy'), encodeNpy(b.data.subarray(0, 10 * 24), [10, 24]));
  writeFileSync(
    join(dir, 'labels.npy'),
    encodeNpy(
      Int32Array.from({ length: n }, (_, i) => i % 3),
      [n],
    ),
  );
  let stdout = '';
  let stderr = '';
  const io = { stdout: (t: string) => (stdout += t), stderr: (t: string) => (stderr += t) };
  const out = join(dir, 'perrow.tsv');
  const argv = ['compare', join(dir, 'a.npy'), join(dir, 'b.npy'), '--k', '5', '--metric', 'l2'];
  const code = await runCli([...argv, '--labels', join(dir, 'labels.npy'), '--out', out, '--json'], io);
  assert.equal(code, 0, stderr);
  const report = JSON.parse(stdout);
  for (const key of ['n', 'k', 'meanJaccard', 'meanOverlap', 'cka', 'spearman', 'perPoint', 'labels'])
    assert.ok(key in report, key);
  assert.equal(report.n, n);
  assert.equal(report.k, 5);
  assert.equal(report.perPoint, out);
  const rows = readFileSync(out, 'utf8').trim().split('\n');
  assert.equal(rows.length, n + 1);
  assert.equal(rows[0], 'row\tjaccard\toverlap');
  const meanFromFile = rows.slice(1).reduce((s, l) => s + Number(l.split('\t')[1]), 0) / n;
  assert.ok(Math.abs(meanFromFile - report.meanJaccard) < 1e-3);

  stdout = '';
  stderr = '';
  const bad = await runCli(['compare', join(dir, 'a.npy'), join(dir, 'short.npy')], io);
  assert.equal(bad, 1);
  assert.equal(stdout, '');
  assert.equal(stderr.trim().split('\n').length, 1, stderr);
  assert.match(stderr, /short\.npy/);
  assert.match(stderr, /10 rows but .* holds 300/);
});
