import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { encodeNpy } from '../../../../core/common/io/npy.js';
import { runCli } from '../../../../core/node/cli/main.js';
import { bruteKnn, clusteredGaussian } from '../../../helpers/quantTestData.js';

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
