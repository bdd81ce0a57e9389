// Type-checks (default) or builds (--emit) electron/{common,preload,main} when the electron package
// (its types) is installed; otherwise says it skipped them. main and common compile to dist/electron/
// (ESM); the preload is bundled with electron/common into one CommonJS file, because a sandboxed
// preload cannot load ES modules or require local files.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const emit = process.argv.includes('--emit');
if (!existsSync(join(root, 'node_modules/electron/electron.d.ts'))) {
  console.log(
    `electron: node_modules/electron is missing; ${emit ? 'build' : 'type check'} of electron/ skipped`,
  );
  process.exit(0);
}
const tsc = join(root, 'node_modules/typescript/bin/tsc');
for (const area of ['common', 'preload', 'main']) {
  const args = [tsc, '-p', join(root, 'electron', area, 'tsconfig.json')];
  if (!emit || area === 'preload') args.push('--noEmit');
  const r = spawnSync(process.execPath, args, { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
if (emit) {
  const { build } = await import('vite');
  await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      outDir: join(root, 'dist/electron/preload'),
      emptyOutDir: true,
      minify: false,
      target: 'es2022',
      lib: {
        entry: join(root, 'electron/preload/preload.ts'),
        formats: ['cjs'],
        fileName: () => 'preload.cjs',
      },
      rollupOptions: { external: ['electron'] },
    },
  });
}
