import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../../../../core/node/cli/main.js';

test('vecscope web --workspace refuses a missing or bad workspace file in one line, before serving', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vecscope-web-ws-'));
  let stderr = '';
  const io = { stdout: () => undefined, stderr: (t: string) => (stderr += t) };
  const run = async (file: string) => {
    stderr = '';
    const code = await runCli(['web', 'sample', '--workspace', file], io);
    return { code, line: stderr.trim() };
  };
  const missing = await run(join(dir, 'none.vecscope.json'));
  assert.notEqual(missing.code, 0);
  assert.match(missing.line, /none\.vecscope\.json.*no such file|no such file.*none\.vecscope\.json/);
  writeFileSync(join(dir, 'notes.json'), '{"rows": []}');
  const bad = await run(join(dir, 'notes.json'));
  assert.notEqual(bad.code, 0);
  assert.match(bad.line, /notes\.json: not a vecscope workspace/);
  assert.ok(!bad.line.includes('\n'));
  writeFileSync(join(dir, 'old.vecscope.json'), '{"vecscope": "workspace", "version": 9}');
  assert.match(
    (await run(join(dir, 'old.vecscope.json'))).line,
    /workspace version 9; this vecscope reads version 1/,
  );
});
