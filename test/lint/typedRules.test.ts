import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ESLint } from 'eslint';

// Typed rules need a file the TypeScript project knows; the probe text replaces an existing file's
// contents for this lint only (nothing is written).
const eslint = new ESLint({ cwd: process.cwd() });
const host = 'core/common/errors.ts';

async function ruleIds(code: string, filePath = host): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? `parse: ${m.message}`);
}

test('a default branch does not stand for the rest of a union', async () => {
  const code = [
    "type Kind = 'F32' | 'SQ8' | 'LVQ8';",
    'export function token(k: Kind): string {',
    '  switch (k) {',
    "    case 'F32':",
    "      return 'Flat';",
    "    case 'SQ8':",
    "      return 'SQ8';",
    '    default:',
    "      return 'SQ8';",
    '  }',
    '}',
    '',
  ].join('\n');
  assert.deepEqual(await ruleIds(code), ['@typescript-eslint/switch-exhaustiveness-check']);
  const named = code.replace('    default:', "    case 'LVQ8':");
  assert.deepEqual(await ruleIds(named), []);
});

test('a promise is awaited or handed on, never dropped', async () => {
  const dropped =
    'async function work(): Promise<number> {\n  return 1;\n}\nexport function go(): void {\n  work();\n}\n';
  assert.deepEqual(await ruleIds(dropped), ['@typescript-eslint/no-floating-promises']);
  assert.deepEqual(await ruleIds(dropped.replace('  work();', '  void work();')), []);
  const misused =
    'export function on(cb: () => void): void {\n  cb();\n}\non(async () => {\n  await Promise.resolve();\n});\n';
  assert.deepEqual(await ruleIds(misused), ['@typescript-eslint/no-misused-promises']);
});

test('React hooks name every value their effect reads', async () => {
  const code = [
    "import { useEffect, useState } from 'react';",
    'export function Probe({ id }: { id: string }): null {',
    '  const [, setN] = useState(0);',
    '  useEffect(() => {',
    '    setN(id.length);',
    '  }, []);',
    '  return null;',
    '}',
    '',
  ].join('\n');
  assert.deepEqual(await ruleIds(code, 'renderer/src/main.tsx'), ['react-hooks/exhaustive-deps']);
  assert.deepEqual(await ruleIds(code.replace('}, []);', '}, [id]);'), 'renderer/src/main.tsx'), []);
});
