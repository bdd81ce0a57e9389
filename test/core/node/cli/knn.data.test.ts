import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../../../../core/node/cli/main.js';
import { sharedData } from '../../../helpers/sharedData.js';

async function cli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'vecscope-knn-data-'));

test('knn on real l2 data (mnist10k) matches the shipped ground truth under the tie rule', async () => {
  const data = sharedData('mnist10k');
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
