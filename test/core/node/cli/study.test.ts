import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { encodeNpy } from '../../../../core/common/io/npy.js';
import { VecscopeError } from '../../../../core/common/errors.js';
import { runStudy } from '../../../../core/common/study/runStudy.js';
import { writeStudyResult } from '../../../../core/node/cli/commands/study.js';
import { runCli } from '../../../../core/node/cli/main.js';
import { bruteKnn, clusteredGaussian } from '../../../helpers/fixtures.js';

test('vecscope study writes the result, the neighbour-loss array, and prints one JSON object', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vecscope-study-'));
  const all = clusteredGaussian(1_040, 24, 5, 3);
  const base = all.data.slice(0, 1_000 * 24);
  const queries = all.data.slice(1_000 * 24);
  writeFileSync(join(dir, 'base.npy'), encodeNpy(base, [1_000, 24]));
  writeFileSync(join(dir, 'q.npy'), encodeNpy(queries, [40, 24]));
  const out = join(dir, 'res.json');
  let stdout = '';
  let stderr = '';
  const io = { stdout: (t: string) => (stdout += t), stderr: (t: string) => (stderr += t) };
  const argv = [
    'study',
    join(dir, 'base.npy'),
    '--queries',
    join(dir, 'q.npy'),
    '--k',
    '5',
    '--metric',
    'l2',
  ];
  const code = await runCli(
    [
      ...argv,
      '--pipelines',
      'F32,Flat',
      'LVQ8,Vamana(R=16,L=40)|W=20',
      'Trunc12,SQ8,Flat|rerank=20',
      '--target-recall',
      '0.9',
      '--out',
      out,
      '--json',
    ],
    io,
  );
  assert.equal(code, 0, stderr);
  const printed = JSON.parse(stdout) as {
    rows: { pipeline: string; recall: number; perQueryRecall: number[] }[];
    frontier: { qps: string[]; bytes: string[] };
    calibration: unknown;
  };
  assert.deepEqual(JSON.parse(readFileSync(out, 'utf8')), printed);
  assert.deepEqual(
    printed.rows.map((r) => r.pipeline),
    ['F32,Flat', 'LVQ8,Vamana(R=16,L=40)|W=20', 'Trunc12,SQ8,Flat|rerank=20'],
  );
  assert.equal(printed.rows[0]!.recall, 1);
  assert.equal(printed.rows[1]!.perQueryRecall.length, 40);
  assert.ok(printed.calibration);
  // One float32 per base row and pipeline, after the .npy header.
  const loss = statSync(join(dir, 'res.loss.npy')).size;
  assert.ok(loss >= 3 * 1_000 * 4 && loss < 3 * 1_000 * 4 + 256);
  // The computed ground truth was cached beside the result, and equals brute force.
  const cached = readdirSync(dir).find((f) => f.startsWith('res.truth-') && f.endsWith('.ivecs'))!;
  const bytes = readFileSync(join(dir, cached));
  const truth = bruteKnn({ data: base, n: 1_000, dim: 24 }, { data: queries, n: 40, dim: 24 }, 5, 'l2');
  for (let q = 0; q < 40; q++)
    for (let i = 0; i < 5; i++) assert.equal(bytes.readInt32LE(q * 24 + 4 + i * 4), truth[q * 5 + i]);

  stderr = '';
  assert.equal(await runCli([...argv, '--pipelines', 'LVQ9,Flat', '--out', out], io), 1);
  assert.match(stderr, /^vecscope study: bad pipeline "LVQ9,Flat": unknown quantizer/);
  assert.equal(stderr.trim().split('\n').length, 1);
});

function files(): { dir: string; base: Float32Array; queries: Float32Array } {
  const dir = mkdtempSync(join(tmpdir(), 'vecscope-study-'));
  const all = clusteredGaussian(1_040, 24, 5, 3);
  const base = all.data.slice(0, 1_000 * 24);
  const queries = all.data.slice(1_000 * 24);
  writeFileSync(join(dir, 'base.npy'), encodeNpy(base, [1_000, 24]));
  writeFileSync(join(dir, 'q.npy'), encodeNpy(queries, [40, 24]));
  return { dir, base, queries };
}

async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { stdout: (t) => (out += t), stderr: (t) => (err += t) });
  return { code, out, err };
}

test('vecscope study guesses the metric as the app does, and says which and why', async () => {
  const { dir, base } = files();
  const common = ['--queries', join(dir, 'q.npy'), '--k', '5', '--pipelines', 'F32,Flat', '--json'];
  const l2 = await cli(['study', join(dir, 'base.npy'), ...common, '--out', join(dir, 'a.json')]);
  assert.equal(l2.code, 0, l2.err);
  assert.match(l2.err, /^metric: l2 \(row 0 has norm [\d.]+, not 1; --metric ip\|l2\|cos to choose\)$/m);
  assert.equal((JSON.parse(l2.out) as { metric: string }).metric, 'l2');
  // Unit-norm rows (text embeddings) are compared by cosine, as the app does.
  const unit = base.slice();
  for (let i = 0; i < 1_000; i++) {
    const row = unit.subarray(i * 24, (i + 1) * 24);
    const norm = Math.hypot(...row);
    for (let j = 0; j < 24; j++) row[j]! /= norm;
  }
  writeFileSync(join(dir, 'unit.npy'), encodeNpy(unit, [1_000, 24]));
  const cos = await cli(['study', join(dir, 'unit.npy'), ...common, '--out', join(dir, 'b.json')]);
  assert.equal(cos.code, 0, cos.err);
  assert.match(
    cos.err,
    /^metric: cos \(the rows have unit norm \(64 checked\); --metric ip\|l2\|cos to choose\)$/m,
  );
  assert.equal((JSON.parse(cos.out) as { metric: string }).metric, 'cos');
  // A metric given is used without a word.
  const given = await cli([
    'study',
    join(dir, 'unit.npy'),
    ...common,
    '--metric',
    'ip',
    '--out',
    join(dir, 'c.json'),
  ]);
  assert.equal(given.code, 0, given.err);
  assert.doesNotMatch(given.err, /metric:/);
  assert.equal((JSON.parse(given.out) as { metric: string }).metric, 'ip');
});

test('vecscope study checks every pipeline before running any and reports all that cannot run', async () => {
  const { dir } = files();
  const argv = [
    'study',
    join(dir, 'base.npy'),
    '--queries',
    join(dir, 'q.npy'),
    '--k',
    '5',
    '--metric',
    'ip',
  ];
  const out = join(dir, 'res.json');
  const bad = await cli([
    ...argv,
    '--pipelines',
    'F32,Flat',
    'LeanVecOOD8,F32,Flat',
    'PCA64,F32,Flat',
    'SQ8,Flat|rerank=3',
    '--out',
    out,
  ]);
  assert.equal(bad.code, 1);
  const lines = bad.err.trimEnd().split('\n');
  assert.deepEqual(lines, [
    'vecscope study: 3 of 4 pipelines cannot run (nothing was run):',
    '  LeanVecOOD8,F32,Flat: LeanVec-OOD needs learning queries (queries like the ones it will serve, apart from the evaluated ones); give --learn-queries <file>',
    '  PCA64,F32,Flat: cannot reduce 24-d vectors to 64 dimensions (at most 24)',
    '  SQ8,Flat|rerank=3: rerank (3) must be at least k (5)',
  ]);
  // Nothing ran: no result, no cached ground truth.
  assert.deepEqual(readdirSync(dir).sort(), ['base.npy', 'q.npy']);
  // Strings that do not parse are all reported too, before any file is read.
  const unparsed = await cli([...argv, '--pipelines', 'LVQ9,Flat', 'F32,Flat', 'XYZ,Flat', '--out', out]);
  assert.equal(unparsed.code, 1);
  assert.match(
    unparsed.err,
    /^vecscope study: 2 of 3 pipelines cannot run \(nothing was run\):\n {2}bad pipeline "LVQ9,Flat": unknown quantizer.*\n {2}bad pipeline "XYZ,Flat": unknown quantizer/,
  );
  // With learning queries the LeanVec-OOD pipeline runs.
  const learn = await cli([
    ...argv,
    '--learn-queries',
    join(dir, 'q.npy'),
    '--pipelines',
    'LeanVecOOD8,F32,Flat',
    '--out',
    out,
    '--json',
  ]);
  assert.equal(learn.code, 0, learn.err);
});

test('a pipeline that fails while running gets its error in its row; the others are written and the exit code is 1', async () => {
  const { dir, base, queries } = files();
  const res = await runStudy({
    base: { data: base, n: 1_000, dim: 24 },
    queries: { data: queries, n: 40, dim: 24 },
    k: 5,
    metric: 'l2',
    pipelines: ['F32,Flat', 'RP8,F32,Flat', 'SQ8,Flat'],
    // The projection fails as a fit can at run time (out of memory, a dead worker).
    fitReduction: () => {
      throw new VecscopeError('the projection could not be fitted');
    },
  });
  const out = join(dir, 'res.json');
  const lossPath = join(dir, 'res.loss.npy');
  let stdout = '';
  let stderr = '';
  const code = await writeStudyResult(
    res,
    out,
    lossPath,
    { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) },
    false,
  );
  assert.equal(code, 1);
  assert.equal(
    stderr,
    `vecscope study: 1 of 3 pipelines failed (RP8,F32,Flat); their rows in ${out} hold the error\n`,
  );
  const written = JSON.parse(readFileSync(out, 'utf8')) as {
    rows: { pipeline: string; recall: number | null; error?: string; perQueryRecall: number[] }[];
    frontier: { qps: string[] };
  };
  assert.deepEqual(
    written.rows.map((r) => [r.pipeline, r.error]),
    [
      ['F32,Flat', undefined],
      ['RP8,F32,Flat', 'the projection could not be fitted'],
      ['SQ8,Flat', undefined],
    ],
  );
  assert.equal(written.rows[0]!.recall, 1);
  assert.equal(written.rows[1]!.recall, null);
  assert.deepEqual(written.rows[1]!.perQueryRecall, []);
  assert.ok(written.rows[2]!.recall! > 0.5);
  assert.ok(!written.frontier.qps.includes('RP8,F32,Flat'));
  // The loss array keeps one row per pipeline (the failed one all NaN).
  const loss = statSync(lossPath).size;
  assert.ok(loss >= 3 * 1_000 * 4 && loss < 3 * 1_000 * 4 + 256);
  // The table shows the failed row with dashes and its error.
  const failedLine = stdout.split('\n').find((l) => l.startsWith('RP8,F32,Flat'))!;
  assert.match(failedLine, /^RP8,F32,Flat\s+-\s+-\s.*the projection could not be fitted$/);
  assert.match(stdout.split('\n')[0]!, /\berror$/);
  // `vecscope report` reads it back: CSV with empty cells and the error.
  const report = await cli(['report', out]);
  assert.equal(report.code, 0, report.err);
  assert.match(report.out, /"RP8,F32,Flat",,,.*,the projection could not be fitted\r\n/);
});
