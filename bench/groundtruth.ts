// npm run bench:groundtruth — `vecscope knn` against every ground-truth file in ../shared/data: the
// exact search must reproduce each (recall = 1 under the big-ann tie rule; plain id overlap is shown too,
// below 1 only where the data holds tied or duplicate vectors).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runCli } from '../core/node/cli/main.js';
import { type Table, writeReport } from './report.js';

const data = resolve('../shared/data');
const tmp = mkdtempSync(join(tmpdir(), 'vecscope-gt-'));
const K = 100;

const files: { base: string; queries: string; truth: string; metric: string }[] = [
  {
    base: 'wordnet-use512/base.fvecs',
    queries: 'wordnet-use512/query_ood_lemma.fvecs',
    truth: 'wordnet-use512/groundtruth_ood_ip100.ivecs',
    metric: 'ip',
  },
  {
    base: 'wordnet-use512/base.fvecs',
    queries: 'wordnet-use512/query_id_gloss.fvecs',
    truth: 'wordnet-use512/groundtruth_id_ip100.ivecs',
    metric: 'ip',
  },
  {
    base: 'fashion-mnist/train-images-idx3-ubyte.gz',
    queries: 'fashion-mnist/t10k-images-idx3-ubyte.gz',
    truth: 'fashion-mnist/test_groundtruth_l2_100.ivecs',
    metric: 'l2',
  },
  {
    base: 'glove100/base.fvecs',
    queries: 'glove100/query.fvecs',
    truth: 'glove100/groundtruth_cos100.ivecs',
    metric: 'cos',
  },
  {
    base: 'glove100/base.fvecs',
    queries: 'glove100/query.fvecs',
    truth: 'glove100/groundtruth_l2100.ivecs',
    metric: 'l2',
  },
  {
    base: 'glove100/base.fvecs',
    queries: 'glove100/query_ood_defavg.fvecs',
    truth: 'glove100/groundtruth_ood_defavg_cos100.ivecs',
    metric: 'cos',
  },
  {
    base: 'glove100/base.fvecs',
    queries: 'glove100/query_ood_defavg.fvecs',
    truth: 'glove100/groundtruth_ood_defavg_l2100.ivecs',
    metric: 'l2',
  },
  {
    base: 'mnist10k/base.bvecs',
    queries: 'mnist10k/query.bvecs',
    truth: 'mnist10k/groundtruth_l2100.ivecs',
    metric: 'l2',
  },
];

async function cli(argv: string[]): Promise<Record<string, unknown>> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { stdout: (t) => (out += t), stderr: (t) => (err += t) });
  if (code !== 0) throw new Error(`vecscope ${argv.join(' ')} failed: ${err}`);
  return JSON.parse(out) as Record<string, unknown>;
}

const rows: (string | number)[][] = [];
const json: unknown[] = [];
for (const f of files) {
  const out = join(tmp, `${f.truth.replace(/[/.]/g, '_')}.ivecs`);
  const knn = await cli([
    'knn',
    join(data, f.base),
    '--queries',
    join(data, f.queries),
    '--k',
    String(K),
    '--metric',
    f.metric,
    '--out',
    out,
    '--json',
  ]);
  const vectors = ['--base', join(data, f.base), '--queries', join(data, f.queries), '--metric', f.metric];
  const truth = join(data, f.truth);
  const tie100 = (
    await cli(['recall', '--truth', truth, '--result', out, '--k', String(K), ...vectors, '--json'])
  )['recall'] as number;
  const tie10 = (await cli(['recall', '--truth', truth, '--result', out, '--k', '10', ...vectors, '--json']))[
    'recall'
  ] as number;
  const ids100 = (await cli(['recall', '--truth', truth, '--result', out, '--k', String(K), '--json']))[
    'recall'
  ] as number;
  rows.push([
    f.truth,
    f.metric,
    knn['n'] as number,
    knn['nq'] as number,
    knn['seconds'] as number,
    tie10.toFixed(4),
    tie100.toFixed(4),
    ids100.toFixed(5),
  ]);
  json.push({
    ...f,
    n: knn['n'],
    nq: knn['nq'],
    seconds: knn['seconds'],
    recallTies10: tie10,
    recallTies100: tie100,
    recallIds100: ids100,
  });
  console.log(rows[rows.length - 1]!.join('  '));
}
const table: Table = {
  title: `vecscope knn --k ${K} against the shipped ground truth`,
  headers: [
    'ground truth',
    'metric',
    'n',
    'queries',
    'seconds',
    'recall@10 (ties)',
    'recall@100 (ties)',
    'recall@100 (ids only)',
  ],
  rows,
};
writeReport(
  'groundtruth',
  'Exact k-NN reproduces every shipped ground-truth file',
  [table],
  [
    'Tie rule (big-ann-benchmarks): a returned id counts when its exact distance is within 1e-6 (relative) of the k-th true distance.',
  ],
  { k: K, files: json },
);
