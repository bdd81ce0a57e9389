import { resolve } from 'node:path';
import { VecscopeError } from '../../../common/errors.js';
import { datasetMetric } from '../../../common/recipes/datasetMetric.js';
import { expandHome } from '../../io/expandHome.js';
import { loadDataset } from '../../io/loadDataset.js';
import { writeFileAtomic } from '../../io/write.js';
import { readLabelsArg } from '../../embed/labelsArg.js';
import { compareRecipe, type ModelComparison } from '../../recipes/compareRecipe.js';
import { checkOutputs } from '../checkOutputs.js';
import type { Command } from '../command.js';
import { loadOptionSpec, loadOptionsFrom, loadOptionsHelp, parsePositiveInt } from '../loadOptions.js';

/** The `vecscope compare --json` object (per-point figures go to the --out file). */
type CompareReport = Omit<ModelComparison, 'perPoint'> & {
  metricA: string;
  metricB: string;
  seconds: number;
  /** The per-point TSV written with --out (row, jaccard, overlap), or null. */
  perPoint: string | null;
  /** Class names when --labels named a category column. */
  labelNames?: Record<number, string>;
  /** Each model's text model id, where it was embedded from a table of texts. */
  modelA?: string;
  modelB?: string;
};

export const compareCommand: Command = {
  name: 'compare',
  summary:
    'how two embedding models of the same rows disagree: neighbour agreement per row, CKA, distance correlation',
  usage:
    'vecscope compare <a> <b> [--k 10] [--metric ip|l2|cos] [--labels <file|column>] [--out <perpoint.tsv>] ' +
    '[--seed 1] [--json] [--dim <d>] [--metadata <file>] [--allow-nonfinite] [--text-model <dir>] [--text-model-b <dir>]',
  options: {
    ...loadOptionSpec,
    k: { type: 'string' },
    labels: { type: 'string' },
    out: { type: 'string' },
    seed: { type: 'string' },
    'text-model-b': { type: 'string' },
  },
  help: {
    k: ['<k>', 'neighbours compared per row (default 10)'],
    labels: [
      '<file|column>',
      "a class per row (a metadata column of A, a .u8 or an integer .npy): each model's k-NN accuracy and agreement per class",
    ],
    out: ['<perrow.tsv>', 'write row, jaccard, overlap for every row'],
    seed: ['<s>', 'seed of the sampled rows (CKA) and pairs (distance correlation) (default 1)'],
    'text-model-b': [
      '<dir>',
      'B a table of texts: the model folder that embeds it (--text-model embeds A); with <a> and <b> the same table, two models of the same texts compare',
    ],
    ...loadOptionsHelp,
  },
  more:
    'Example: vecscope compare use512.npy minilm384.npy --labels lexname --out agreement.tsv\n' +
    '         vecscope compare texts.tsv texts.tsv --text-model-b ~/models/all-MiniLM-L6-v2\n' +
    '--dim and --metadata describe <a>; <b> may have any dimension and brings its own sidecar metadata.',
  async run(args, io) {
    const [fileA, fileB] = args.positionals;
    if (!fileA || !fileB) throw new VecscopeError('compare needs two vector files: vecscope compare <a> <b>');
    const k = parsePositiveInt('k', args.values['k']) ?? 10;
    const seed = Number(args.values['seed'] ?? 1);
    if (!Number.isSafeInteger(seed)) throw new VecscopeError('--seed must be an integer');
    const out = args.values['out'];
    checkOutputs(typeof out === 'string' ? [['--out', out]] : [], [
      ['model A', fileA, 'vectors'],
      ['model B', fileB, 'vectors'],
      ['--metadata', args.values['metadata']],
    ]);
    const loadOpts = loadOptionsFrom(args.values);
    const a = await loadDataset(fileA, loadOpts);
    // --dim and --metadata describe A; B (any dimension) brings its own sidecar metadata, if any.
    const modelB = args.values['text-model-b'];
    const sameTexts = a.textSource !== undefined && resolve(expandHome(fileB)) === resolve(a.file);
    const b = await loadDataset(fileB, {
      ...(loadOpts.allowNonfinite ? { allowNonfinite: true } : {}),
      ...(loadOpts.metric ? { metric: loadOpts.metric } : {}),
      ...(typeof modelB === 'string' ? { textModel: expandHome(modelB) } : {}),
      ...(sameTexts ? { textColumn: a.textSource?.column } : {}),
      onTextProgress: (f) => io.progress?.('embedding model B', f),
    });
    if (b.vectors.n !== a.vectors.n)
      throw new VecscopeError(
        `holds ${b.vectors.n} rows but ${fileA} holds ${a.vectors.n}; compare needs the same rows in the same order`,
        fileB,
      );
    const metricA = loadOpts.metric ?? datasetMetric(a, fileA);
    const metricB = loadOpts.metric ?? datasetMetric(b, fileB);
    const labelsArg = args.values['labels'];
    const metadata = a.metadata.length > 0 ? a.metadata : b.metadata;
    const labels =
      typeof labelsArg === 'string' ? await readLabelsArg(labelsArg, metadata, a.vectors.n) : undefined;
    const t0 = performance.now();
    const r = await compareRecipe(
      { vectors: a.vectors, metric: metricA },
      { vectors: b.vectors, metric: metricB },
      { k, seed, ...(labels ? { labels } : {}) },
      { onProgress: (f, stage) => io.progress?.(stage, f) },
    );
    const seconds = (performance.now() - t0) / 1000;
    if (typeof out === 'string') {
      const lines = ['row\tjaccard\toverlap'];
      for (let i = 0; i < r.n; i++)
        lines.push(`${i}\t${r.perPoint.jaccard[i]!.toFixed(4)}\t${r.perPoint.overlap[i]!.toFixed(4)}`);
      await writeFileAtomic(out, new TextEncoder().encode(lines.join('\n') + '\n'));
    }
    const column = typeof labelsArg === 'string' ? metadata.find((c) => c.name === labelsArg) : undefined;
    const { perPoint: _p, ...figures } = r;
    const report: CompareReport = {
      ...figures,
      metricA,
      metricB,
      seconds,
      perPoint: typeof out === 'string' ? out : null,
      ...(a.textSource ? { modelA: a.textSource.modelId } : {}),
      ...(b.textSource ? { modelB: b.textSource.modelId } : {}),
      ...(column?.type === 'category'
        ? { labelNames: Object.fromEntries(column.categories.map((c, i) => [i, c])) }
        : {}),
    };
    if (args.values['json'] === true) io.stdout(JSON.stringify(report) + '\n');
    else io.stdout(summary(report, fileA, fileB));
    return 0;
  },
};

function summary(r: CompareReport, fileA: string, fileB: string): string {
  const f = (x: number) => x.toFixed(3);
  const lines = [
    `A = ${fileA} (${r.metricA}), B = ${fileB} (${r.metricB}): ${r.n} rows, k = ${r.k} (${r.seconds.toFixed(1)} s)`,
    `  neighbour agreement: mean Jaccard ${f(r.meanJaccard)}, mean overlap ${f(r.meanOverlap)}`,
    `  linear CKA ${f(r.cka)} (${r.ckaRows} rows), Spearman of distances ${f(r.spearman)} (${r.pairs} pairs)`,
  ];
  if (r.labels) {
    const name = (l: number) => r.labelNames?.[l] ?? String(l);
    lines.push(
      `  k-NN accuracy A ${f(r.labels.a.knnAccuracy)}, B ${f(r.labels.b.knnAccuracy)}; ` +
        `neighbourhood hit A ${f(r.labels.a.neighbourhoodHit)}, B ${f(r.labels.b.neighbourhoodHit)}`,
      '  mean Jaccard by class: ' +
        r.labels.byLabel
          .slice(0, 12)
          .map((g) => `${name(g.label)} ${f(g.meanJaccard)} (${g.count})`)
          .join(', '),
    );
  }
  lines.push(
    '  most disagreeing rows: ' +
      r.disagree
        .slice(0, 10)
        .map((d) => `${d.row} (${f(d.jaccard)})`)
        .join(', '),
  );
  if (r.perPoint) lines.push(`  per-row agreement -> ${r.perPoint}`);
  return lines.join('\n') + '\n';
}
