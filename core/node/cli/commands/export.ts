import { VecscopeError } from '../../../common/errors.js';
import { exportPipeline } from '../../../common/export/exportPipeline.js';
import type { ExportTarget } from '../../../common/export/exportTypes.js';
import { EXPORT_TARGETS, UnsupportedExportError } from '../../../common/export/exportTypes.js';
import { foreignPipelineNote, parsePipeline } from '../../../common/pipeline/parsePipeline.js';
import type { Pipeline } from '../../../common/pipeline/pipeline.js';
import { REDUCTION_METHODS } from '../../../common/pipeline/pipeline.js';
import { fitReduction } from '../../../common/reduce/fitReduction.js';
import type { Matrix, Metric } from '../../../common/types.js';
import { loadDataset, loadQueries } from '../../io/loadDataset.js';
import { isSampleArg, samplePaths } from '../../io/samples.js';
import { writeNpy } from '../../io/write.js';
import { checkOutputs } from '../checkOutputs.js';
import type { Command, ParsedArgs } from '../command.js';
import { PIPELINE_HELP } from '../pipelineHelp.js';
import { loadOptionsFrom, parseMetric, parsePositiveInt } from '../loadOptions.js';

function parseTarget(v: unknown): ExportTarget {
  if (typeof v !== 'string') throw new VecscopeError(`--to is required (${EXPORT_TARGETS.join(', ')})`);
  if (!(EXPORT_TARGETS as readonly string[]).includes(v))
    throw new VecscopeError(`--to must be one of ${EXPORT_TARGETS.join(', ')}, got "${v}"`);
  return v as ExportTarget;
}

/**
 * Fits the pipeline's reduction on the base and writes its matrices: `<prefix>.data.npy` (D × d),
 * `<prefix>.query.npy` when queries use another matrix, `<prefix>.mean.npy` when the data is centred.
 */
async function writeMatrices(
  prefix: string,
  p: Pipeline,
  base: Matrix,
  metric: Metric,
  seed: number,
  learnQueries: Matrix | undefined,
): Promise<string[]> {
  const r = p.reduction;
  if (!r) throw new VecscopeError('--matrices: the pipeline has no reduction to export');
  const method = REDUCTION_METHODS[r.kind];
  const { reduction } = fitReduction(method, base, {
    dim: r.dim,
    metric,
    seed,
    ...(learnQueries ? { learnQueries } : {}),
    ...(method === 'trunc' && metric === 'cos' ? { renormalize: true } : {}),
  });
  const written = [`${prefix}.data.npy`];
  await writeNpy(written[0]!, reduction.dataMatrix, [reduction.inDim, reduction.outDim]);
  if (reduction.queryMatrix !== reduction.dataMatrix) {
    written.push(`${prefix}.query.npy`);
    await writeNpy(written[1]!, reduction.queryMatrix, [reduction.inDim, reduction.outDim]);
  }
  if (reduction.mean) {
    const path = `${prefix}.mean.npy`;
    await writeNpy(path, reduction.mean, [reduction.inDim]);
    written.push(path);
  }
  return written;
}

export const exportCommand: Command = {
  name: 'export',
  summary: 'a pipeline as a FAISS index_factory string, a Qdrant or Weaviate config, or USearch options',
  usage:
    'vecscope export "<pipeline>" [<base>|sample] --to faiss|qdrant|weaviate|usearch|pgvector|lancedb [--dim <D>] [--metric ip|l2|cos] ' +
    '[--k 10] [--matrices <prefix> [--learn-queries <file>] [--seed 1]] [--json]   (exit 2: the target has no equivalent)',
  options: {
    to: { type: 'string' },
    dim: { type: 'string' },
    metric: { type: 'string' },
    k: { type: 'string' },
    matrices: { type: 'string' },
    'learn-queries': { type: 'string' },
    seed: { type: 'string' },
  },
  help: {
    to: ['faiss|qdrant|weaviate|usearch|pgvector|lancedb', 'the target (required)'],
    dim: ['<D>', "the vectors' dimension (default: the base's; the sample: 512)"],
    metric: ['ip|l2|cos', 'the metric (default ip)'],
    k: ['<k>', 'neighbours a search returns, to turn rerank into an oversampling factor (default 10)'],
    matrices: [
      '<prefix>',
      "fit the pipeline's reduction on the base and write <prefix>.data/.query/.mean.npy",
    ],
    'learn-queries': [
      '<file>',
      "LeanVec-OOD's learning queries for --matrices (the sample: its OOD queries)",
    ],
    seed: ['<s>', 'seed of the reduction fit (default 1)'],
  },
  more:
    PIPELINE_HELP +
    `
examples:
  vecscope export "PCA128,SQ8,Vamana|W=40" --to faiss
  vecscope export "HNSW32,SQ8" --to qdrant --dim 768 --metric cos`,
  async run(args: ParsedArgs, io) {
    const v = args.values;
    const [text, baseArg, extra] = args.positionals;
    if (text === undefined)
      throw new VecscopeError('give the pipeline, e.g. vecscope export "PCA128,SQ8,Flat" --to faiss');
    if (extra !== undefined) throw new VecscopeError(`unexpected argument "${extra}"`);
    const pipeline = parsePipeline(text);
    const note = foreignPipelineNote(text);
    if (note !== undefined) io.stderr(`note: ${note}\n`);
    const target = parseTarget(v['to']);
    const metric = parseMetric(v['metric']) ?? 'ip';
    const k = parsePositiveInt('k', v['k']) ?? 10;
    let dim = parsePositiveInt('dim', v['dim']);
    const matrices = typeof v['matrices'] === 'string' ? v['matrices'] : undefined;
    if (matrices !== undefined)
      checkOutputs(
        ['data', 'query', 'mean'].map((f) => [`--matrices (its .${f}.npy)`, `${matrices}.${f}.npy`]),
        [
          ['the base file', baseArg ?? 'sample', 'vectors'],
          ['--learn-queries', v['learn-queries'], 'vectors'],
        ],
      );
    let base: Matrix | undefined;
    if (dim === undefined || matrices !== undefined) {
      base = (await loadDataset(baseArg ?? 'sample', { ...loadOptionsFrom(v), metric })).vectors;
      if (dim !== undefined && dim !== base.dim)
        throw new VecscopeError(`--dim ${dim} does not match the ${base.dim}-d base vectors`);
      dim = base.dim;
    }
    let result;
    try {
      result = exportPipeline(target, pipeline, { dim, metric, k });
    } catch (e) {
      if (e instanceof UnsupportedExportError) {
        io.stderr(`vecscope export: ${e.message}\n`);
        return 2;
      }
      throw e;
    }
    const json = v['json'] === true;
    if (matrices !== undefined && base) {
      const learnPath =
        typeof v['learn-queries'] === 'string'
          ? v['learn-queries']
          : isSampleArg(baseArg) && pipeline.reduction?.kind === 'LeanVecOOD'
            ? samplePaths().queryOod
            : undefined;
      const learn = learnPath ? await loadQueries(learnPath, base, { metric }) : undefined;
      const seed = parsePositiveInt('seed', v['seed']) ?? 1;
      const written = await writeMatrices(matrices, pipeline, base, metric, seed, learn);
      io.stderr(`wrote ${written.join(', ')}\n`);
    }
    if (json) {
      io.stdout(JSON.stringify(result.json) + '\n');
    } else {
      io.stdout(result.text + '\n');
      for (const n of result.notes) io.stderr(`note: ${n}\n`);
    }
    return 0;
  },
};
