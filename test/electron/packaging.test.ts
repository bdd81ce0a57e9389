import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  ASAR_UNPACK,
  BUILDER_CONFIG,
  ELECTRON_FUSES,
  asarUnpackedPath,
} from '../../electron/main/packaging.js';

test('every hardening fuse has its safe value', () => {
  assert.deepEqual(
    { ...ELECTRON_FUSES },
    {
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    },
  );
  assert.equal(BUILDER_CONFIG.electronFuses, ELECTRON_FUSES);
});

test('the package uses asar and unpacks what the engine host and its workers load', () => {
  assert.equal(BUILDER_CONFIG.asar, true);
  assert.deepEqual(BUILDER_CONFIG.asarUnpack, [...ASAR_UNPACK]);
  const unpacked = (path: string) =>
    ASAR_UNPACK.some((g) => (g.endsWith('/**') ? path.startsWith(g.slice(0, -2)) : path === g));
  // The utilityProcess entry, a worker script, a dependency, the sample, and the package.json
  // that makes Node read dist/*.js as ES modules.
  for (const path of [
    'dist/core/node/host/transports/utilityProcessEntry.js',
    'dist/core/node/pool/knnWorker.js',
    'dist/core/node/host/compute/computeWorker.js',
    'node_modules/hyparquet/package.json',
    'sample/base.npy',
    'package.json',
  ]) {
    assert.ok(unpacked(path), path);
  }
  // Main, the preload and the renderer stay inside the integrity-checked archive.
  for (const path of [
    'dist/electron/main/main.js',
    'dist/electron/preload/preload.cjs',
    'renderer/dist/index.html',
  ]) {
    assert.ok(!unpacked(path), path);
    assert.ok(
      BUILDER_CONFIG.files.some((g) => path.startsWith(g.replace(/\*\*$/, ''))),
      path,
    );
  }
});

test('asarUnpackedPath moves a packaged path to app.asar.unpacked and leaves others alone', () => {
  assert.equal(
    asarUnpackedPath('/opt/vecscope/resources/app.asar/dist/core/node/x.js'),
    '/opt/vecscope/resources/app.asar.unpacked/dist/core/node/x.js',
  );
  assert.equal(
    asarUnpackedPath('C:\\Program Files\\vecscope\\resources\\app.asar\\dist\\core\\x.js'),
    'C:\\Program Files\\vecscope\\resources\\app.asar.unpacked\\dist\\core\\x.js',
  );
  for (const same of [
    '/work/vecscope/dist/core/node/x.js',
    '/opt/app.asarx/dist/x.js',
    '/opt/my-app.asar/dist/x.js',
    '/opt/resources/app.asar.unpacked/dist/x.js',
  ]) {
    assert.equal(asarUnpackedPath(same), same);
  }
});
