import { ANALYSE_DEFAULTS, intrinsicEstimates } from '../../../common/recipes/analyseRecipe.js';
import { loadDataset } from '../../io/loadDataset.js';
import type { Command } from '../command.js';
import {
  loadOptionsFrom,
  loadOptionsHelp,
  loadOptionSpec,
  loadOptionsUsage,
  parsePositiveInt,
  vectorFileArg,
} from '../loadOptions.js';

export const idimCommand: Command = {
  name: 'idim',
  summary:
    'intrinsic dimension (TwoNN, MLE, PCA 90/95/99 %, participation ratio) to suggest a target dimension',
  usage: `vecscope idim [<file>|sample] [--sample <n>] [--seed <s>] [--json] ${loadOptionsUsage}`,
  options: { ...loadOptionSpec, sample: { type: 'string' }, seed: { type: 'string' } },
  help: {
    sample: ['<n>', `rows the estimates use (default ${ANALYSE_DEFAULTS.sampleSize})`],
    seed: ['<s>', `seed of the row sample (default ${ANALYSE_DEFAULTS.seed})`],
    ...loadOptionsHelp,
  },
  async run(args, io) {
    const ds = await loadDataset(vectorFileArg(args), loadOptionsFrom(args.values));
    const r = intrinsicEstimates(ds.vectors, {
      sampleSize: parsePositiveInt('sample', args.values['sample']),
      seed: parsePositiveInt('seed', args.values['seed']),
    });
    const report = {
      twoNN: r.twoNN,
      mle: r.mle,
      pca90: r.pca90,
      pca95: r.pca95,
      pca99: r.pca99,
      participationRatio: r.participationRatio,
      sampleSize: r.sampleSize,
    };
    if (args.values['json'] === true) io.stdout(JSON.stringify(report) + '\n');
    else
      io.stdout(
        [
          `TwoNN               ${r.twoNN.toFixed(1)}   (neighbours within a sample of ${r.sampleSize})`,
          `MLE (k = 20)        ${r.mle.toFixed(1)}`,
          `PCA 90 / 95 / 99 %  ${r.pca90 ?? '-'} / ${r.pca95 ?? '-'} / ${r.pca99 ?? '-'}`,
          `participation ratio ${r.participationRatio.toFixed(1)}`,
          '',
        ].join('\n'),
      );
    return 0;
  },
};
