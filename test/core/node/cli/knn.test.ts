import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../../../../core/node/cli/main.js';
import { samplePaths } from '../../../../core/node/io/samples.js';

async function cli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'vecscope-knn-'));
const sample = samplePaths();

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

test('knn on real l2 data (mnist10k) matches the shipped ground truth under the tie rule', async () => {
  const data = resolve('../shared/data/mnist10k');
  const out = join(dir, 'mnist.ivecs');
  const run = await cli([
    'knn',
    join(data, 'base.bvecs'),
    '--queries',
    join(data, 'query.bvecs'),
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
    join(data, 'groundtruth_l2100.ivecs'),
    '--result',
    out,
    '--k',
    '10',
    '--base',
    join(data, 'base.bvecs'),
    '--queries',
    join(data, 'query.bvecs'),
    '--metric',
    'l2',
    '--json',
  ]);
  assert.equal(rec.code, 0, rec.stderr);
  assert.equal((JSON.parse(rec.stdout) as { recall: number }).recall, 1);
});

test('knn errors are one line on stderr and leave the input untouched', async () => {
  const before = readFileSync(sample.base);
  const cases: [string[], RegExp][] = [
    [['knn', '--k', '10'], /--out/],
    [['knn', '--k', '10', '--out', sample.base], /refusing to overwrite/],
    [['knn', '--k', '5000', '--out', join(dir, 'x.ivecs')], /at most 1000/],
    [
      ['knn', '--queries', resolve('../shared/data/glove100/query.fvecs'), '--out', join(dir, 'y.ivecs')],
      /100-d but the base is 512-d/,
    ],
    [
      [
        'knn',
        resolve('../shared/data/glove100/base.fvecs'),
        '--queries',
        resolve('../shared/data/glove100/query.fvecs'),
        '--out',
        join(dir, 'z.ivecs'),
      ],
      /--metric/,
    ],
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
