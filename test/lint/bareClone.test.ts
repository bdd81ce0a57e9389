import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '../../core/node/io/samples.js';

// `npm test` must pass on a bare clone: only *.data.test.ts files (npm run test:data, which checks that
// ../shared/data is there first) may read the larger data sets, through test/helpers/sharedData.ts.
function sources(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir)) {
    const p = join(dir, entry);
    if (statSync(p).isDirectory()) sources(p, out);
    else if (p.endsWith('.ts')) out.push(p);
  }
  return out;
}

test('only *.data.test.ts files reach ../shared/data (npm test runs on a bare clone)', () => {
  const root = repoRoot();
  const offenders: string[] = [];
  for (const file of sources(join(root, 'test'))) {
    const rel = relative(root, file).split('\\').join('/');
    if (
      rel.endsWith('.data.test.ts') ||
      rel === 'test/helpers/sharedData.ts' ||
      rel === 'test/lint/bareClone.test.ts'
    )
      continue;
    const code = readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => !/^\s*(\/\/|\/\*|\*)/.test(line))
      .join('\n');
    if (/shared\/data|helpers\/sharedData|['"]shared['"]/.test(code)) offenders.push(rel);
  }
  assert.deepEqual(offenders, []);
});
