// `npm run package [-- --linux|--mac|--win]`: the desktop packages, with asar and Electron's fuses.
// The configuration is the typed BUILDER_CONFIG of electron/main/packaging.ts (its fuses and asarUnpack
// list are unit-tested), read from dist/ after `npm run build`. electron-builder (which brings
// @electron/fuses) is not a dependency: it downloads Electron, which machines without internet access
// cannot do, so this script asks for it instead of failing halfway.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const configModule = join(root, 'dist/electron/main/packaging.js');

function fail(line) {
  console.error(`package-electron: ${line}`);
  process.exit(1);
}

if (!existsSync(configModule)) fail(`${configModule} is missing; run npm run build first`);
if (!existsSync(join(root, 'renderer/dist/index.html')))
  fail('renderer/dist is missing; run npm run build first');

const { BUILDER_CONFIG } = await import(pathToFileURL(configModule).href);

let builder;
try {
  builder = await import('electron-builder');
} catch {
  fail(
    'electron-builder is not installed; npm install --no-save electron-builder (it needs internet access)',
  );
}

// Platform flags as electron-builder's CLI names them; none means the platform this runs on.
const platforms = {};
for (const flag of ['linux', 'mac', 'win']) if (process.argv.includes(`--${flag}`)) platforms[flag] = [];

try {
  const outputs = await builder.build({
    projectDir: root,
    config: BUILDER_CONFIG,
    publish: 'never',
    ...platforms,
  });
  for (const file of outputs) console.log(file);
} catch (err) {
  fail(err instanceof Error ? err.message.split('\n')[0] : String(err));
}
