import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { encodeNpy } from '../../../../core/common/io/npy.js';
import { runCli } from '../../../../core/node/cli/main.js';
import { clusteredGaussian } from '../../../helpers/fixtures.js';
import { EXPORT_TARGETS } from '../../../../core/common/export/exportTypes.js';

function files() {
  const dir = mkdtempSync(join(tmpdir(), 'vecscope-recommend-'));
  const all = clusteredGaussian(2_300, 32, 8, 4);
  writeFileSync(join(dir, 'base.npy'), encodeNpy(all.data.slice(0, 2_000 * 32), [2_000, 32]));
  writeFileSync(join(dir, 'q.npy'), encodeNpy(all.data.slice(2_000 * 32), [300, 32]));
  const grid = {
    reductions: ['none', 'PCA'],
    dims: [16],
    quantizers: ['F16', 'LVQ8', 'LVQ4'],
    indexes: ['Flat', 'Vamana(R=16,L=40)'],
    W: [10, 20, 40],
    rerank: [0, 40],
  };
  writeFileSync(join(dir, 'grid.json'), JSON.stringify(grid));
  return dir;
}

async function cli(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

test('vecscope recommend --json prints the contract: pipeline, interval, bytes, q/s, trials, runner-up, exports', async () => {
  const dir = files();
  const common = ['recommend', join(dir, 'base.npy'), '--queries', join(dir, 'q.npy'), '--k', '10'];
  const { code, stdout, stderr } = await cli([
    ...common,
    '--metric',
    'l2',
    '--grid',
    join(dir, 'grid.json'),
    '--target-recall',
    '0.9',
    '--max-bytes',
    '40',
    '--production-n',
    '1000000',
    '--threads',
    '2',
    '--json',
  ]);
  assert.equal(code, 0, stderr);
  const r = JSON.parse(stdout) as Record<string, unknown> & {
    runnerUp: { pipeline: string } | null;
    exports: Record<string, unknown>;
    trend: { points: { n: number }[]; fit: { at: number; weak: string[] } };
  };
  assert.deepEqual(Object.keys(r).slice(0, 10), [
    'pipeline',
    'recall',
    'recallLow',
    'recallHigh',
    'bytesPerVector',
    'primaryBytes',
    'qps',
    'trials',
    'runnerUp',
    'exports',
  ]);
  assert.ok((r['recall'] as number) >= 0.9);
  assert.ok((r['primaryBytes'] as number) <= 40);
  assert.ok((r['recallLow'] as number) <= (r['recall'] as number));
  assert.ok((r['trials'] as number) < (r['gridSize'] as number));
  assert.deepEqual(Object.keys(r.exports).sort(), [...EXPORT_TARGETS].sort());
  assert.deepEqual(
    r.trend.points.map((p) => p.n),
    [250, 500, 1000, 2000],
  );
  assert.equal(r.trend.fit.at, 1_000_000);
  assert.ok(r.trend.fit.weak.some((w) => /beyond the largest measured size/.test(w)));

  // Unreachable: one line naming the target and the closest pipeline, exit code 1.
  const bad = await cli([
    ...common,
    '--metric',
    'l2',
    '--grid',
    join(dir, 'grid.json'),
    '--target-recall',
    '0.999',
    '--max-bytes',
    '12',
    '--no-trend',
  ]);
  assert.equal(bad.code, 1);
  assert.match(
    bad.stderr.trim().split('\n').at(-1)!,
    /^vecscope recommend: recall@10 ≥ 0\.999 is out of reach within 12 B per vector; closest: \S+ at recall 0\.\d{3}$/,
  );

  const noBudget = await cli([...common, '--target-recall', '0.9']);
  assert.equal(noBudget.code, 1);
  assert.match(noBudget.stderr, /give a budget: --max-bytes/);
});
