#!/usr/bin/env node
// Entry point for `npx vecscope`; the build (npm install runs it) emits dist/.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/core/node/cli/bin.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('vecscope: not built yet; run "npm install" (or "npm run build") first\n');
  process.exit(1);
}
await import(entry.href);
