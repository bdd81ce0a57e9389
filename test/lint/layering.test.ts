import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ESLint } from 'eslint';

// The import rules need no types: probes at paths that do not exist are linted without the project service.
const eslint = new ESLint({
  cwd: process.cwd(),
  overrideConfig: {
    languageOptions: { parserOptions: { projectService: false } },
    rules: {
      '@typescript-eslint/switch-exhaustiveness-check': 'off',
      '@typescript-eslint/no-floating-promises': 'off',
      '@typescript-eslint/no-misused-promises': 'off',
    },
  },
});

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

test('core/common may not import node:*, core/node or UI libraries', async () => {
  const msgs = await restrictedImports(
    'core/common/probe.ts',
    "import { readFileSync } from 'node:fs';\nimport { x } from '../node/thing.js';\nimport * as THREE from 'three';\nexport const y = [readFileSync, x, THREE];\n",
  );
  assert.equal(msgs.length, 3);
});

test('core/node may import core/common and node:* but not the renderer', async () => {
  assert.deepEqual(
    await restrictedImports(
      'core/node/probe.ts',
      "import { readFileSync } from 'node:fs';\nimport { VecscopeError } from '../common/errors.js';\nexport const y = [readFileSync, VecscopeError];\n",
    ),
    [],
  );
  const bad = await restrictedImports(
    'core/node/probe.ts',
    "import { App } from '../../renderer/App.js';\nexport const y = App;\n",
  );
  assert.equal(bad.length, 1);
});

test('renderer may not import node:* or electron', async () => {
  const msgs = await restrictedImports(
    'renderer/probe.ts',
    "import { ipcRenderer } from 'electron';\nimport { readFile } from 'node:fs';\nexport const y = [ipcRenderer, readFile];\n",
  );
  assert.equal(msgs.length, 2);
});

test('renderer may import types (only) from electron/common', async () => {
  assert.deepEqual(
    await restrictedImports(
      'renderer/src/probe.ts',
      "import type { VecscopeBridge } from '../../electron/common/bridge.js';\nexport type Y = VecscopeBridge;\n",
    ),
    [],
  );
  const msgs = await restrictedImports(
    'renderer/src/probe.ts',
    "import { CHANNELS } from '../../electron/common/bridge.js';\nimport { app } from 'electron';\nimport { x } from '../../electron/preload/preload.js';\nexport const y = [CHANNELS, app, x];\n",
  );
  assert.equal(msgs.length, 3);
});
