// The Electron binary is not installed where tests run, so main and the preload cannot be started;
// these checks read their source for the wiring that the unit-tested helpers depend on.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '../../core/node/io/samples.js';

const source = (rel: string) =>
  readFileSync(join(repoRoot(), rel), 'utf8')
    .split('\n')
    .filter((line) => !line.trim().startsWith('//') && !line.trim().startsWith('*'))
    .join('\n');

test('main loads the page from app:// and never from file://', () => {
  const main = source('electron/main/main.ts');
  assert.ok(!/loadFile\(|file:\/\/|pathToFileURL/.test(main));
  assert.match(main, /loadURL\(APP_INDEX_URL\)/);
  assert.match(main, /registerSchemesAsPrivileged\(/);
  assert.match(main, /protocol\.handle\(APP_SCHEME,/);
  assert.match(main, /serveAppAsset\(rendererRoot,/);
});

test('main guards permissions, navigation, redirects, frames and new windows', () => {
  const main = source('electron/main/main.ts');
  assert.match(main, /setPermissionRequestHandler\(\(_wc, _perm, cb\) => cb\(false\)\)/);
  assert.match(main, /setPermissionCheckHandler\(\(\) => false\)/);
  for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
    assert.match(
      main,
      new RegExp(
        `'${event}', \\(e\\) => \\{\\s*if \\([^)]*!isAppPage\\(e\\.url\\)\\) e\\.preventDefault\\(\\)`,
      ),
    );
  }
  assert.match(main, /setWindowOpenHandler\(\(\) => \(\{ action: 'deny' \}\)\)/);
  assert.ok(!/shell\.openExternal/.test(main));
  assert.match(main, /isAllowedRequest\(details\.url,/);
});

test('the preload posts the engine port to the app origin, never to *', () => {
  const preload = source('electron/preload/preload.ts');
  assert.ok(!/postMessage\([^)]*'\*'/.test(preload));
  assert.match(preload, /window\.postMessage\(ENGINE_PORT_MESSAGE, APP_ORIGIN, event\.ports\)/);
});

test('the save dialog writes atomically and reports a failed write', () => {
  const main = source('electron/main/main.ts');
  assert.match(main, /writeFileAtomic\(r\.filePath, contents\)/);
  assert.match(main, /saveErrorMessage\(r\.filePath, err\)/);
  assert.ok(!/\bwriteFile\(/.test(main));
});

test('workspace files reach the page only through main, bounded, and from our page', () => {
  const main = source('electron/main/main.ts');
  assert.match(
    main,
    /ipcMain\.on\(CHANNELS\.addRecentWorkspace, \(e, path: unknown\) => \{\s*if \(!fromOurPage\(e\)/,
  );
  assert.match(main, /if \(size > MAX_WORKSPACE_BYTES\)/);
  assert.match(main, /Menu\.buildFromTemplate\(template\b/);
  const preload = source('electron/preload/preload.ts');
  assert.match(
    preload,
    /addRecentWorkspace: \(path\) => ipcRenderer\.send\(CHANNELS\.addRecentWorkspace, String\(path\)\)/,
  );
});
