// Runs compiled test files under the given folders with node's test runner.
//
//   node scripts/run-tests.mjs <dir>...          every *.test.js except *.data.test.js and *.large.test.js:
//                                                what npm test runs, and all a bare clone needs
//   node scripts/run-tests.mjs --data <dir>...   only *.data.test.js, the tests that read the larger data
//                                                sets in ../shared/data (npm run test:data)
//   node scripts/run-tests.mjs --data            only the check that ../shared/data is there
//   node scripts/run-tests.mjs --large <dir>...  only *.large.test.js (multi-GB files: minutes and several
//                                                GB of memory; npm run test:large)
//
// With --data, a missing ../shared/data (or a missing set in it) stops the run with one line on stderr
// naming the folder, before anything runs.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** The folder the data tests read; test/helpers/sharedData.ts resolves the same one. */
const DATA_DIR = resolve(ROOT, '..', 'shared', 'data');
/** The sets the *.data.test.ts files read. */
const DATA_SETS = ['fashion-mnist', 'fiori-minilm384', 'glove100', 'mnist10k', 'wordnet-use512'];

const args = process.argv.slice(2);
const data = args.includes('--data');
const large = args.includes('--large');
const dirs = args.filter((a) => a !== '--data' && a !== '--large');

if (data) {
  if (!existsSync(DATA_DIR) || !statSync(DATA_DIR).isDirectory()) {
    console.error(
      `test:data needs the data sets folder ${DATA_DIR} (../shared/data beside the repository), and it is missing`,
    );
    process.exit(1);
  }
  const missing = DATA_SETS.filter((s) => !existsSync(join(DATA_DIR, s)));
  if (missing.length > 0) {
    console.error(
      `test:data needs ${missing.map((s) => join(DATA_DIR, s)).join(', ')}, missing from ${DATA_DIR}`,
    );
    process.exit(1);
  }
  if (dirs.length === 0) process.exit(0);
}

/** The TypeScript file a compiled test came from: dist/e2e/x.js from test/e2e/x.ts, dist/y.js from y.ts. */
function sourceOf(compiled) {
  const rel = relative(join(ROOT, 'dist'), resolve(compiled)).replace(/\.js$/, '.ts');
  return rel.startsWith(`e2e${sep}`) ? join(ROOT, 'test', rel) : join(ROOT, rel);
}

function collect(dir, out) {
  for (const entry of readdirSync(dir)) {
    const p = join(dir, entry);
    if (statSync(p).isDirectory()) collect(p, out);
    else if (p.endsWith('.test.js') && p.endsWith('.data.test.js') === data) out.push(p);
  }
  return out;
}
const found = dirs
  .flatMap((d) => collect(d, []))
  .filter((f) => f.endsWith('.large.test.js') === large)
  .sort();
// tsc never deletes output: a test renamed or removed in the sources would otherwise still run from dist/.
const stale = found.filter((f) => !existsSync(sourceOf(f)));
if (stale.length > 0)
  console.log(`run-tests: skipping ${stale.length} compiled test(s) with no source: ${stale.join(', ')}`);
const files = found.filter((f) => !stale.includes(f));
if (files.length === 0) {
  console.error(`run-tests: no ${data ? '*.data.test.js' : 'test'} files found under ${dirs.join(', ')}`);
  process.exit(1);
}
const r = spawnSync(process.execPath, ['--test', '--test-reporter=spec', ...files], { stdio: 'inherit' });
process.exit(r.status ?? 1);
