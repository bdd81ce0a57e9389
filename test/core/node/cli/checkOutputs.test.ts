import assert from 'node:assert/strict';
import { linkSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { encodeNpy } from '../../../../core/common/io/npy.js';
import { checkOutputs } from '../../../../core/node/cli/checkOutputs.js';
import { runCli } from '../../../../core/node/cli/main.js';
import { samplePaths } from '../../../../core/node/io/samples.js';
import { clusteredGaussian } from '../../../helpers/fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'vecscope-outputs-'));
after(() => rmSync(dir, { recursive: true, force: true }));

async function cli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

/** Runs argv, which names `input` as an output too, and checks the refusal and the untouched input. */
async function refused(argv: string[], input: string): Promise<{ stderr: string; seconds: number }> {
  const before = readFileSync(input);
  const t0 = performance.now();
  const run = await cli(argv);
  const seconds = (performance.now() - t0) / 1000;
  assert.equal(run.code, 1, `exit code of ${argv.join(' ')}: ${run.stderr}`);
  assert.equal(run.stdout, '');
  assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
  assert.match(
    run.stderr,
    new RegExp(`^vecscope ${argv[0]}: .*${input.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`),
  );
  assert.match(run.stderr, /refusing to overwrite an input file/);
  assert.deepEqual(readFileSync(input), before, `${input} was changed`);
  return { stderr: run.stderr, seconds };
}

function vectors(name: string, n: number, dim: number, seed: number): string {
  const path = join(dir, name);
  writeFileSync(path, encodeNpy(clusteredGaussian(n, dim, 4, seed).data, [n, dim]));
  return path;
}

test('report refuses to write its CSV (or rows, or a chart) over the study result it reads', async () => {
  const result = join(dir, 'r.json');
  writeFileSync(result, JSON.stringify({ k: 10, rows: [] }) + '\n');
  await refused(['report', result, '--csv', result], result);
  // The same file under another name: a symlink, and a hard link.
  const soft = join(dir, 'r-soft.json');
  const hard = join(dir, 'r-hard.json');
  symlinkSync(result, soft);
  linkSync(result, hard);
  await refused(['report', result, '--rows', soft], result);
  await refused(['report', result, '--svg-qps', hard], result);
  await refused(['report', soft, '--svg-bytes', result], result);
});

test('study refuses to write its result over the grid it reads', async () => {
  const base = vectors('grid-base.npy', 400, 8, 1);
  const queries = vectors('grid-q.npy', 20, 8, 2);
  const grid = join(dir, 'g.json');
  writeFileSync(grid, JSON.stringify({ quantizers: ['F32'], indexes: ['Flat'] }));
  const argv = ['study', base, '--queries', queries, '--metric', 'l2', '--k', '5', '--grid', grid];
  await refused([...argv, '--out', grid], grid);
});

test('study refuses --out <an input> before computing anything', async () => {
  // Large enough that the study (exact truth, a graph build and its search) takes seconds here.
  const base = vectors('big-base.npy', 20_000, 64, 3);
  const queries = vectors('big-q.npy', 200, 64, 4);
  const argv = ['study', base, '--queries', queries, '--metric', 'l2', '--k', '10'];
  const pipelines = ['--pipelines', 'F32,Vamana(R=32,L=100)|W=40', 'LVQ8,Flat'];
  for (const input of [base, queries]) {
    const { stderr, seconds } = await refused([...argv, ...pipelines, '--out', input], input);
    // No study row was reported (each finished row prints "<pipeline>: recall@k ...").
    assert.doesNotMatch(stderr, /recall@/);
    assert.ok(seconds < 2, `refused after ${seconds.toFixed(1)} s`);
  }
  // The neighbour-loss file derived from --out is checked too.
  const loss = join(dir, 'res.loss.npy');
  writeFileSync(loss, encodeNpy(new Float32Array(4), [4]));
  await refused([...argv, ...pipelines, '--truth', loss, '--out', join(dir, 'res.json')], loss);
});

test('embed refuses to write the map over the labels file it reads', async () => {
  const base = vectors('embed-base.npy', 60, 4, 5);
  const labels = join(dir, 'l.npy');
  writeFileSync(
    labels,
    encodeNpy(
      Int32Array.from({ length: 60 }, (_, i) => i % 3),
      [60],
    ),
  );
  await refused(['embed', base, '--method', 'pca', '--labels', labels, '--out', labels], labels);
});

test('every command that writes files checks its outputs against its inputs before loading any', async () => {
  // The base file is broken, so a command that loaded before checking would fail on it instead.
  const broken = join(dir, 'broken.npy');
  writeFileSync(broken, 'not a vector file');
  const other = vectors('other.npy', 60, 4, 7);
  const prefix = join(dir, 'red');
  const learn = `${prefix}.query.npy`;
  writeFileSync(learn, readFileSync(other));
  const cases: [string[], string][] = [
    [['knn', broken, '--queries', other, '--metric', 'l2', '--out', other], other],
    [['cluster', broken, '--coords', other, '--out', other], other],
    [
      [
        'embed',
        broken,
        '--method',
        'umap',
        '--queries',
        other,
        '--queries-out',
        other,
        '--out',
        join(dir, 'm.npy'),
      ],
      other,
    ],
    [
      ['reduce', broken, '--method', 'leanvec-ood', '--dim', '2', '--learn-queries', learn, '--out', prefix],
      learn,
    ],
    [
      [
        'export',
        'LeanVecOOD2,F32,Flat',
        broken,
        '--to',
        'faiss',
        '--learn-queries',
        learn,
        '--matrices',
        prefix,
      ],
      learn,
    ],
    [
      ['study', broken, '--queries', other, '--metric', 'l2', '--pipelines', 'F32,Flat', '--out', other],
      other,
    ],
  ];
  for (const [argv, input] of cases) await refused(argv, input);
  // The metadata sidecar the loader picks up beside a base file is an input too.
  const base = vectors('all-base.npy', 60, 4, 6);
  const tsv = join(dir, 'all-base.tsv');
  writeFileSync(tsv, 'name\n' + Array.from({ length: 60 }, (_, i) => `p${i}\n`).join(''));
  await refused(['knn', base, '--queries', other, '--metric', 'l2', '--k', '3', '--out', tsv], tsv);
  // And the built-in sample's files, when the base is the sample.
  const sampleQueries = samplePaths().queryOod;
  await refused(['knn', '--k', '3', '--out', sampleQueries], sampleQueries);
});

test('checkOutputs: outputs may not name an input, a link to one, or each other', () => {
  const input = join(dir, 'in.bin');
  writeFileSync(input, 'x');
  const soft = join(dir, 'in-soft.bin');
  const hard = join(dir, 'in-hard.bin');
  symlinkSync(input, soft);
  linkSync(input, hard);
  const fresh = join(dir, 'fresh.bin');
  for (const out of [input, soft, hard, join(dir, '.', 'in.bin')])
    assert.throws(() => checkOutputs([['--out', out]], [['--in', input]]), /refusing to overwrite/);
  checkOutputs([['--out', fresh]], [['--in', input]]);
  // A missing input is the loader's to report, and cannot be overwritten.
  checkOutputs([['--out', fresh]], [['--in', fresh]]);
  assert.throws(
    () =>
      checkOutputs(
        [
          ['--a', fresh],
          ['--b', join(dir, 'x', '..', 'fresh.bin')],
        ],
        [],
      ),
    /--b and --a name the same file/,
  );
  // Options left out are skipped.
  checkOutputs([['--out', undefined]], [['--in', undefined]]);
});
