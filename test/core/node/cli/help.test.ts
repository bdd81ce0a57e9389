import assert from 'node:assert/strict';
import { test } from 'node:test';
import { closestName, editDistance } from '../../../../core/node/cli/closestOption.js';
import { commands } from '../../../../core/node/cli/commands/index.js';
import { runCli } from '../../../../core/node/cli/main.js';

async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { stdout: (t) => (out += t), stderr: (t) => (err += t) });
  return { code, out, err };
}

test("every command's --help lists each of its options with its argument and what it does", async () => {
  for (const c of commands) {
    // The help table and the parser's options name the same options, so neither goes stale.
    assert.deepEqual(Object.keys(c.help).sort(), Object.keys(c.options).sort(), c.name);
    const { code, out } = await cli([c.name, '--help']);
    assert.equal(code, 0, c.name);
    assert.ok(out.startsWith(`usage: ${c.usage}\n`), c.name);
    for (const [name, [arg, text]] of Object.entries(c.help)) {
      assert.ok(text.length > 10, `${c.name} --${name}`);
      const line = new RegExp(
        `^  --${name}${arg ? ` ${arg.replace(/[|()<>.?*+[\]]/g, '\\$&')}` : ''}\\s`,
        'm',
      );
      assert.match(out, line, `${c.name} --${name}`);
      assert.ok(out.includes(text), `${c.name} --${name}: ${text}`);
    }
    for (const common of ['--json', '--debug', '--help']) assert.ok(out.includes(common), c.name);
    assert.ok(out.split('\n').length > 5, `${c.name}: more than a usage line`);
  }
});

test('--help gives defaults, and for study and export the pipeline grammar and an example', async () => {
  const study = (await cli(['study', '--help'])).out;
  assert.match(study, /--k <k>\s+recall@k \(default 10\)/);
  assert.match(study, /--metric ip\|l2\|cos\s+the metric \(default, as the app guesses it/);
  assert.match(study, /--threads <t>\s+worker threads \(default: every core\)/);
  assert.match(study, /pipelines: \[reduction,\]quantizer,index\[\|search settings\]/);
  assert.match(study, /Vamana\(R=32,L=100,a=1\.2\)/);
  assert.match(study, /HNSW32 is F32,Vamana\(R=64\)/);
  assert.match(study, /^ {2}vecscope study sample --pipelines "F32,Flat" /m);
  const exp = (await cli(['export', '--help'])).out;
  assert.match(exp, /--metric ip\|l2\|cos\s+the metric \(default ip\)/);
  assert.match(exp, /pipelines: \[reduction,\]quantizer,index/);
  assert.match(exp, /^ {2}vecscope export "PCA128,SQ8,Vamana\|W=40" --to faiss$/m);
  const embed = (await cli(['embed', '--help'])).out;
  assert.match(embed, /--neighbors <n>\s+UMAP's n_neighbors, counting the point itself \(default 15\)/);
});

test('an unknown option or command gets "did you mean" by edit distance', async () => {
  const typo = await cli(['study', 'sample', '--pipeline', 'F32,Flat', '--out', '/tmp/x.json']);
  assert.equal(typo.code, 2);
  assert.equal(
    typo.err,
    'vecscope study: unknown option --pipeline; did you mean --pipelines? (vecscope study --help lists the options)\n',
  );
  assert.match(
    (await cli(['knn', '--quries', 'q.npy'])).err,
    /unknown option --quries; did you mean --queries\?/,
  );
  assert.match((await cli(['study', '--learn', 'q.npy'])).err, /did you mean --learn-queries\?/);
  assert.match((await cli(['embed', '--min_dist', '0.2'])).err, /did you mean --min-dist\?/);
  const far = await cli(['study', '--zzzzzzzz']);
  assert.equal(far.code, 2);
  assert.match(
    far.err,
    /^vecscope study: unknown option --zzzzzzzz \(vecscope study --help lists the options\)\n$/,
  );
  const command = await cli(['stdy']);
  assert.equal(command.code, 2);
  assert.match(command.err, /unknown command "stdy"; did you mean "study"\?/);
});

test('edit distance and the closest name', () => {
  assert.equal(editDistance('kitten', 'sitting'), 3);
  assert.equal(editDistance('', 'abc'), 3);
  assert.equal(editDistance('queries', 'queries'), 0);
  assert.equal(closestName('pipeline', ['pipelines', 'grid']), 'pipelines');
  assert.equal(closestName('mertic', ['metric', 'method']), 'metric');
  assert.equal(closestName('xyz', ['metric', 'method']), undefined);
  assert.equal(closestName('learn', ['learn-queries', 'queries']), 'learn-queries');
});

test('export reads FAISS words, says how, and refuses IVF in one line naming what to write', async () => {
  const hnsw = await cli(['export', 'HNSW32,SQ8', '--to', 'faiss', '--dim', '64']);
  assert.equal(hnsw.code, 0, hnsw.err);
  assert.match(hnsw.out, /^HNSW32,SQ8/);
  assert.match(hnsw.err, /^note: read "HNSW32,SQ8" as SQ8,Vamana\(R=64\)/);
  const ivf = await cli(['export', 'IVF4096,PQ32', '--to', 'faiss', '--dim', '64']);
  assert.equal(ivf.code, 1);
  assert.match(
    ivf.err,
    /^vecscope export: bad pipeline "IVF4096,PQ32": vecscope has no inverted-file \(IVF\) index; for the same codes write PQ32,Flat/,
  );
  assert.equal(ivf.err.trim().split('\n').length, 1);
});
