// `npm start`: the desktop app with the sample when Electron's binary is installed; otherwise web mode,
// saying why and printing the URL to open.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);

function electronBinary() {
  try {
    // The electron package exports the path of its binary, and throws when the binary was not downloaded.
    const path = createRequire(import.meta.url)('electron');
    return typeof path === 'string' ? path : undefined;
  } catch {
    return undefined;
  }
}

function run(cmd, cmdArgs) {
  const child = spawn(cmd, cmdArgs, { stdio: 'inherit', cwd: root });
  const forward = (sig) => child.kill(sig);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('exit', (code) => process.exit(code ?? 0));
}

const electron = electronBinary();
if (electron) {
  run(electron, [root, ...args]);
} else {
  console.log('vecscope: the Electron binary is not installed here, so vecscope starts in web mode instead.');
  run(process.execPath, [join(root, 'bin/vecscope.js'), 'web', ...(args.length > 0 ? args : ['sample'])]);
}
