import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { runCli } from '../../../../core/node/cli/main.js';
import { writeNpy } from '../../../../core/node/io/write.js';
import { plantedSubspace } from '../../../helpers/fixtures.js';

const dir = mkdtempSync(path.join(tmpdir(), 'vecscope-reduce-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(args, { stdout: (t) => (out += t), stderr: (t) => (err += t) });
  return { code, out, err };
}

let written: Promise<{ base: string; queries: string }> | undefined;

/** Writes the shared input files once (the CLI refuses to overwrite a file it has read). */
function files(): Promise<{ base: string; queries: string }> {
  written ??= writeFiles();
  return written;
}

async function writeFiles(): Promise<{ base: string; queries: string }> {
  const { matrix } = plantedSubspace(1200, 32, [5, 4, 3, 2, 1, 1, 0.5, 0.5], 0.05, 1, 2);
  const base = path.join(dir, 'base.npy');
  const queries = path.join(dir, 'queries.npy');
  await writeNpy(base, matrix.data.subarray(0, 1000 * 32), [1000, 32]);
  await writeNpy(queries, matrix.data.subarray(1000 * 32), [200, 32]);
  return { base, queries };
}

/** Shape from a .npy header. */
function npyShape(file: string): number[] {
  const bytes = readFileSync(file);
  const headerLen = bytes.readUInt16LE(8);
  const header = bytes.subarray(10, 10 + headerLen).toString('latin1');
  return header
    .match(/'shape': \(([^)]*)\)/)![1]!
    .split(',')
    .filter((s) => s.trim())
    .map(Number);
}

test('reduce writes D × d matrices, the mean for PCA, and a JSON report', async () => {
  const { base } = await files();
  const prefix = path.join(dir, 'pca8');
  const r = await cli(['reduce', base, '--method', 'pca', '--dim', '8', '--out', prefix, '--json']);
  assert.equal(r.code, 0, r.err);
  const report = JSON.parse(r.out) as {
    method: string;
    dim: number;
    seconds: number;
    explainedVariance: number;
  };
  assert.equal(report.method, 'pca');
  assert.equal(report.dim, 8);
  assert.ok(report.explainedVariance > 0.9 && report.explainedVariance <= 1);
  assert.deepEqual(npyShape(`${prefix}.data.npy`), [32, 8]);
  assert.deepEqual(npyShape(`${prefix}.query.npy`), [32, 8]);
  assert.deepEqual(npyShape(`${prefix}.mean.npy`), [32]);
  assert.deepEqual(JSON.parse(readFileSync(`${prefix}.json`, 'utf8')).method, 'pca');
  const rp = await cli([
    'reduce',
    base,
    '--method',
    'sparse-rp',
    '--dim',
    '8',
    '--out',
    path.join(dir, 'srp'),
  ]);
  assert.equal(rp.code, 0, rp.err);
  assert.ok(!existsSync(path.join(dir, 'srp.mean.npy')));
});

test('reduce and eval-reduce read a raw .f32 file with --raw-dim; --dim stays the target dimension', async () => {
  const { matrix } = plantedSubspace(400, 24, [4, 3, 2, 1], 0.05, 5);
  const raw = path.join(dir, 'base.f32');
  writeFileSync(raw, new Uint8Array(matrix.data.buffer, matrix.data.byteOffset, matrix.data.byteLength));
  const prefix = path.join(dir, 'raw-pca6');
  const r = await cli([
    'reduce',
    raw,
    '--raw-dim',
    '24',
    '--method',
    'pca',
    '--dim',
    '6',
    '--out',
    prefix,
    '--json',
  ]);
  assert.equal(r.code, 0, r.err);
  assert.equal((JSON.parse(r.out) as { dim: number }).dim, 6);
  assert.deepEqual(npyShape(`${prefix}.data.npy`), [24, 6]);
  const noDim = await cli(['reduce', raw, '--method', 'pca', '--dim', '6', '--out', path.join(dir, 'raw-x')]);
  assert.equal(noDim.code, 1);
  assert.equal(noDim.err.trim().split('\n').length, 1);
  const e = await cli([
    'eval-reduce',
    raw,
    '--raw-dim',
    '24',
    '--queries',
    raw,
    '--methods',
    'pca',
    '--dims',
    '4',
    '--json',
  ]);
  assert.equal(e.code, 0, e.err);
  assert.equal((JSON.parse(e.out) as { rows: unknown[] }).rows.length, 1);
});

test('reduce refuses leanvec-ood under l2 and unknown methods with one line on stderr', async () => {
  const { base, queries } = await files();
  const out = path.join(dir, 'x');
  const a = await cli([
    'reduce',
    base,
    '--method',
    'leanvec-ood',
    '--dim',
    '4',
    '--metric',
    'l2',
    '--queries',
    queries,
    '--out',
    out,
  ]);
  assert.equal(a.code, 1);
  assert.match(a.err, /models inner products/);
  assert.equal(a.err.trim().split('\n').length, 1);
  const b = await cli(['reduce', base, '--method', 'svd', '--dim', '4', '--out', out]);
  assert.equal(b.code, 1);
  assert.match(b.err, /unknown reduction method/);
});

test('eval-reduce: recall per method and dim, re-ranking helps, one query set is split and said so', async () => {
  const { base, queries } = await files();
  const r = await cli([
    'eval-reduce',
    base,
    '--queries',
    queries,
    '--metric',
    'ip',
    '--k',
    '10',
    '--methods',
    'pca,leanvec-ood,gauss-rp',
    '--dims',
    '2,8',
    '--rerank',
    '40',
    '--json',
  ]);
  assert.equal(r.code, 0, r.err);
  const res = JSON.parse(r.out) as {
    rows: { method: string; dim: number; recall: number; recallRerank: number; fitSeconds: number }[];
    notes: string[];
  };
  assert.equal(res.rows.length, 6);
  assert.ok(res.notes.some((n) => /random half/.test(n)));
  const get = (m: string, d: number) => res.rows.find((x) => x.method === m && x.dim === d)!;
  assert.ok(get('pca', 8).recall > get('pca', 2).recall);
  assert.ok(get('pca', 8).recall > 0.5, `pca@8 ${get('pca', 8).recall}`);
  for (const row of res.rows) assert.ok(row.recallRerank >= row.recall - 1e-9, `${row.method}${row.dim}`);
});

test('idim reports about 2 for a noisy plane', async () => {
  const { matrix } = plantedSubspace(800, 20, [1, 1], 0.001, 3);
  const file = path.join(dir, 'plane.npy');
  await writeNpy(file, matrix.data, [800, 20]);
  const r = await cli(['idim', file, '--json']);
  assert.equal(r.code, 0, r.err);
  const id = JSON.parse(r.out) as Record<string, number>;
  for (const key of ['twoNN', 'mle', 'pca90', 'pca95', 'pca99', 'participationRatio'])
    assert.ok(key in id, key);
  assert.ok(Math.abs(id['twoNN']! - 2) < 0.4 && Math.abs(id['mle']! - 2) < 0.4, r.out);
  assert.equal(id['pca90'], 2);
});

test('reduce --json and eval-reduce say which LeanVec-OOD solver ran; eigen-search is the default', async () => {
  const { base, queries } = await files();
  const solverOf = async (extra: string[], name: string): Promise<string | undefined> => {
    const r = await cli([
      'reduce',
      base,
      '--method',
      'leanvec-ood',
      '--dim',
      '4',
      '--metric',
      'ip',
      '--learn-queries',
      queries,
      '--out',
      path.join(dir, name),
      '--json',
      ...extra,
    ]);
    assert.equal(r.code, 0, r.err);
    return (JSON.parse(r.out) as { solver?: string }).solver;
  };
  assert.equal(await solverOf([], 'ood-default'), 'eigen-search');
  assert.equal(await solverOf(['--ood-solver', 'frank-wolfe'], 'ood-fw'), 'frank-wolfe');
  assert.equal(await solverOf(['--ood-solver', 'sphering'], 'ood-sph'), 'sphering');
  const e = await cli([
    'eval-reduce',
    base,
    '--queries',
    queries,
    '--metric',
    'ip',
    '--methods',
    'leanvec-ood,pca',
    '--dims',
    '4',
    '--json',
  ]);
  assert.equal(e.code, 0, e.err);
  const rows = (JSON.parse(e.out) as { rows: { method: string; solver?: string }[] }).rows;
  assert.equal(rows.find((r) => r.method === 'leanvec-ood')?.solver, 'eigen-search');
  assert.equal(rows.find((r) => r.method === 'pca')?.solver, undefined);
  const bad = await cli([
    'eval-reduce',
    base,
    '--queries',
    queries,
    '--methods',
    'leanvec-ood',
    '--dims',
    '4',
    '--metric',
    'ip',
    '--ood-solver',
    'newton',
  ]);
  assert.equal(bad.code, 1);
  assert.match(bad.err, /--ood-solver must be one of eigen-search, frank-wolfe, sphering/);
});
