// Runs every compiled *.test.js under the given folders with node's test runner. Tests of multi-GB
// files (*.large.test.js: minutes and several GB of memory) run only with --large, and then alone.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function collect(dir, out) {
  for (const entry of readdirSync(dir)) {
    const p = join(dir, entry);
    if (statSync(p).isDirectory()) collect(p, out);
    else if (p.endsWith('.test.js')) out.push(p);
  }
  return out;
}
const args = process.argv.slice(2);
const large = args.includes('--large');
const files = args
  .filter((a) => a !== '--large')
  .flatMap((d) => collect(d, []))
  .filter((f) => f.endsWith('.large.test.js') === large)
  .sort();
if (files.length === 0) {
  console.error('run-tests: no test files found');
  process.exit(1);
}
const r = spawnSync(process.execPath, ['--test', '--test-reporter=spec', ...files], { stdio: 'inherit' });
process.exit(r.status ?? 1);
