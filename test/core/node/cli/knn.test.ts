import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../../../../core/node/cli/main.js';
import { encodeFvecs, encodeIvecs } from '../../../../core/common/io/texmexVecs.js';
import { createRng } from '../../../../core/common/random.js';
import type { Matrix } from '../../../../core/common/types.js';
import { samplePaths } from '../../../../core/node/io/samples.js';
import { bruteKnn, gaussianMatrix } from '../../../helpers/fixtures.js';

async function cli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'vecscope-knn-'));
const sample = samplePaths();
// Seeded fvecs files for the errors: 100-d queries against the 512-d sample, and a non-sample base.
const other = { base: join(dir, 'g100.fvecs'), queries: join(dir, 'g100q.fvecs') };
writeFileSync(other.base, encodeFvecs(gaussianMatrix(200, 100, 1).data, 200, 100));
writeFileSync(other.queries, encodeFvecs(gaussianMatrix(10, 100, 2).data, 10, 100));

test('knn on the sample reproduces its shipped ground truth (k = 100, ids and tie rule)', async () => {
  const out = join(dir, 'ood.ivecs');
  const run = await cli([
    'knn',
    '--queries',
    sample.queryOod,
    '--k',
    '100',
    '--metric',
    'ip',
    '--out',
    out,
    '--json',
  ]);
  assert.equal(run.code, 0, run.stderr);
  const lines = run.stdout.trim().split('\n');
  assert.equal(lines.length, 1);
  const report = JSON.parse(lines[0]!) as Record<string, unknown>;
  assert.deepEqual(Object.keys(report).sort(), ['k', 'metric', 'n', 'nq', 'out', 'seconds']);
  assert.equal(report['n'], 10000);
  assert.equal(report['nq'], 1000);
  assert.equal(statSync(out).size, 1000 * 101 * 4);

  const rec = await cli([
    'recall',
    '--truth',
    sample.groundTruthOod,
    '--result',
    out,
    '--k',
    '100',
    '--json',
  ]);
  assert.equal(rec.code, 0, rec.stderr);
  assert.ok((JSON.parse(rec.stdout) as { recall: number }).recall >= 0.999);
  const tie = await cli([
    'recall',
    '--truth',
    sample.groundTruthOod,
    '--result',
    out,
    '--k',
    '10',
    '--base',
    'sample',
    '--queries',
    sample.queryOod,
    '--metric',
    'ip',
    '--json',
  ]);
  assert.equal(tie.code, 0, tie.stderr);
  assert.deepEqual(JSON.parse(tie.stdout), { k: 10, recall: 1 });
});

test('knn defaults to the sample and its OOD queries, and a wrong result scores below 1', async () => {
  const out = join(dir, 'default.ivecs');
  const run = await cli(['knn', '--k', '10', '--out', out]);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /1000 queries × 10000 vectors/);
  // The in-distribution ground truth is not the answer to the OOD queries.
  const rec = await cli(['recall', '--truth', sample.groundTruthId, '--result', out, '--k', '10', '--json']);
  assert.ok((JSON.parse(rec.stdout) as { recall: number }).recall < 0.1);
});

test('knn on seeded u8 l2 data (bvecs, many tied distances) matches a brute-force truth under the tie rule', async () => {
  // Small integers give many exactly tied distances, as in mnist10k (knn.data.test.ts).
  const rng = createRng(3);
  const D = 16;
  const u8 = (n: number): Uint8Array => {
    const bytes = new Uint8Array(n * (4 + D));
    for (let i = 0; i < n; i++) {
      new DataView(bytes.buffer).setInt32(i * (4 + D), D, true);
      for (let j = 0; j < D; j++) bytes[i * (4 + D) + 4 + j] = rng.int(4);
    }
    return bytes;
  };
  const asMatrix = (bytes: Uint8Array): Matrix => {
    const n = bytes.length / (4 + D);
    return {
      data: Float32Array.from({ length: n * D }, (_, t) => bytes[Math.floor(t / D) * (4 + D) + 4 + (t % D)]!),
      n,
      dim: D,
    };
  };
  const baseBytes = u8(3000);
  const queryBytes = u8(100);
  const files = {
    base: join(dir, 'u8.bvecs'),
    queries: join(dir, 'u8q.bvecs'),
    truth: join(dir, 'u8gt.ivecs'),
  };
  writeFileSync(files.base, baseBytes);
  writeFileSync(files.queries, queryBytes);
  writeFileSync(
    files.truth,
    encodeIvecs(bruteKnn(asMatrix(baseBytes), asMatrix(queryBytes), 10, 'l2'), 100, 10),
  );
  const out = join(dir, 'u8.ivecs');
  const run = await cli([
    'knn',
    files.base,
    '--queries',
    files.queries,
    '--k',
    '10',
    '--metric',
    'l2',
    '--out',
    out,
  ]);
  assert.equal(run.code, 0, run.stderr);
  const rec = await cli([
    'recall',
    '--truth',
    files.truth,
    '--result',
    out,
    '--k',
    '10',
    '--base',
    files.base,
    '--queries',
    files.queries,
    '--metric',
    'l2',
    '--json',
  ]);
  assert.equal(rec.code, 0, rec.stderr);
  assert.equal((JSON.parse(rec.stdout) as { recall: number }).recall, 1);
  // Ties are ordered by id in both, so the plain recall is 1 as well; and the data does tie at the 10th
  // neighbour for many queries.
  const plain = await cli(['recall', '--truth', files.truth, '--result', out, '--k', '10', '--json']);
  assert.equal((JSON.parse(plain.stdout) as { recall: number }).recall, 1);
  const base = asMatrix(baseBytes);
  const queries = asMatrix(queryBytes);
  const top11 = bruteKnn(base, queries, 11, 'l2');
  const dist = (q: number, b: number): number => {
    let s = 0;
    for (let j = 0; j < D; j++) s += (queries.data[q * D + j]! - base.data[b * D + j]!) ** 2;
    return s;
  };
  let tied = 0;
  for (let q = 0; q < queries.n; q++)
    if (dist(q, top11[q * 11 + 9]!) === dist(q, top11[q * 11 + 10]!)) tied++;
  assert.ok(tied >= 20, `${tied} queries tie at the 10th neighbour`);
});

test('knn errors are one line on stderr and leave the input untouched', async () => {
  const before = readFileSync(sample.base);
  const cases: [string[], RegExp][] = [
    [['knn', '--k', '10'], /--out/],
    [['knn', '--k', '10', '--out', sample.base], /refusing to overwrite/],
    [['knn', '--k', '5000', '--out', join(dir, 'x.ivecs')], /at most 1000/],
    [['knn', '--queries', other.queries, '--out', join(dir, 'y.ivecs')], /100-d but the base is 512-d/],
    [['knn', other.base, '--queries', other.queries, '--out', join(dir, 'z.ivecs')], /--metric/],
    [
      ['recall', '--truth', sample.groundTruthOod, '--result', sample.queryOodTarget, '--k', '10'],
      /query_ood_target/,
    ],
  ];
  for (const [argv, pattern] of cases) {
    const run = await cli(argv);
    assert.notEqual(run.code, 0, argv.join(' '));
    assert.equal(run.stdout, '');
    assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
    assert.match(run.stderr, pattern);
  }
  assert.deepEqual(readFileSync(sample.base), before);
});
