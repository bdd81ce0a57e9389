// `npm run bench`: runs every bench:* script of package.json in turn; each writes bench/results/<name>.{md,json}.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const scripts = Object.keys(JSON.parse(readFileSync('package.json', 'utf8')).scripts).filter((s) =>
  s.startsWith('bench:'),
);
let failed = 0;
for (const s of scripts) {
  console.log(`\n=== npm run ${s}`);
  const r = spawnSync('npm', ['run', '-s', s], { stdio: 'inherit' });
  if (r.status !== 0) {
    failed++;
    console.error(`${s} failed (exit ${r.status})`);
  }
}
process.exit(failed > 0 ? 1 : 0);
